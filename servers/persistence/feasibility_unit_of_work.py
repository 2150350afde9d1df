"""The feasibility unit of work: one AsyncSession, one transaction, every feasibility
repository."""

from __future__ import annotations

from typing import Self

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.feasibility.ports import (
    AccessNodes,
    AddressRegister,
    AvailabilityQueries,
    CoverageRegister,
    FeasibilityChecks,
    FeasibilityUnitOfWork,
    UnitOfWorkFactory,
)
from servers.persistence.feasibility_repositories import (
    SqlAccessNodes,
    SqlAddressRegister,
    SqlAvailabilityQueries,
    SqlCoverageRegister,
    SqlFeasibilityChecks,
)
from servers.persistence.session_unit_of_work import SessionUnitOfWork


class SqlAlchemyFeasibilityUnitOfWork(SessionUnitOfWork):
    """Use once: `async with uow: ...; await uow.commit()`. Leaving the block rolls back
    whatever was not committed, including after an exception."""

    addresses: AddressRegister
    coverage: CoverageRegister
    nodes: AccessNodes
    checks: FeasibilityChecks
    queries: AvailabilityQueries

    async def __aenter__(self) -> Self:
        session = self._open()
        self.addresses = SqlAddressRegister(session)
        self.coverage = SqlCoverageRegister(session)
        self.nodes = SqlAccessNodes(session)
        self.checks = SqlFeasibilityChecks(session)
        self.queries = SqlAvailabilityQueries(session)
        return self


def feasibility_uow_factory(
    session_factory: async_sessionmaker[AsyncSession],
) -> UnitOfWorkFactory:
    """The UnitOfWorkFactory the feasibility use cases take: a new unit of work per call."""

    def new_unit_of_work() -> FeasibilityUnitOfWork:
        return SqlAlchemyFeasibilityUnitOfWork(session_factory)

    return new_unit_of_work
