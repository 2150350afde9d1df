"""The feasibility unit of work: one AsyncSession, one transaction, every feasibility
repository, and the event outbox (source FEASIBILITY) in which stored checks and availability
queries report their changes, committed with them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Self

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.feasibility.checks import FeasibilityCheck
from domain.feasibility.ports import (
    AccessNodes,
    AddressRegister,
    AvailabilityQueries,
    CoverageRegister,
    FeasibilityChecks,
    FeasibilityUnitOfWork,
    UnitOfWorkFactory,
)
from domain.feasibility.queries import AvailabilityQuery
from ordercapture.notification.v1 import event_pb2
from servers.persistence.feasibility_repositories import (
    Recording,
    SqlAccessNodes,
    SqlAddressRegister,
    SqlAvailabilityQueries,
    SqlCoverageRegister,
    SqlFeasibilityChecks,
)
from servers.persistence.outbox import Published, SqlEventOutbox
from servers.persistence.session_unit_of_work import SessionUnitOfWork


@dataclass(frozen=True, slots=True)
class FeasibilityEvents:
    """How stored checks and availability queries appear in events (the wiring's
    servers/feasibility/events.py owns the domain-to-proto mapping)."""

    checks: Published[FeasibilityCheck]
    queries: Published[AvailabilityQuery]


class SqlAlchemyFeasibilityUnitOfWork(SessionUnitOfWork):
    """Use once: `async with uow: ...; await uow.commit()`. Leaving the block rolls back
    whatever was not committed, including after an exception. Without `events`, nothing is
    written to the outbox (for read-only uses)."""

    addresses: AddressRegister
    coverage: CoverageRegister
    nodes: AccessNodes
    checks: FeasibilityChecks
    queries: AvailabilityQueries

    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        events: FeasibilityEvents | None = None,
    ) -> None:
        super().__init__(session_factory)
        self._events = events

    async def __aenter__(self) -> Self:
        session = self._open()
        self.addresses = SqlAddressRegister(session)
        self.coverage = SqlCoverageRegister(session)
        self.nodes = SqlAccessNodes(session)
        if self._events is None:
            self.checks = SqlFeasibilityChecks(session)
            self.queries = SqlAvailabilityQueries(session)
        else:
            outbox = SqlEventOutbox(session, event_pb2.EVENT_SOURCE_FEASIBILITY)
            self.checks = SqlFeasibilityChecks(session, Recording(outbox, self._events.checks))
            self.queries = SqlAvailabilityQueries(session, Recording(outbox, self._events.queries))
        return self


def feasibility_uow_factory(
    session_factory: async_sessionmaker[AsyncSession], events: FeasibilityEvents | None = None
) -> UnitOfWorkFactory:
    """The UnitOfWorkFactory the feasibility use cases take: a new unit of work per call,
    recording the changes of checks and queries as `events` describes (none without)."""

    def new_unit_of_work() -> FeasibilityUnitOfWork:
        return SqlAlchemyFeasibilityUnitOfWork(session_factory, events)

    return new_unit_of_work
