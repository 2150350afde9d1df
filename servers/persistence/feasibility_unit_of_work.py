"""The feasibility unit of work: one AsyncSession, one transaction, every feasibility
repository."""

from __future__ import annotations

from types import TracebackType
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


class SqlAlchemyFeasibilityUnitOfWork:
    """Use once: `async with uow: ...; await uow.commit()`. Leaving the block rolls back
    whatever was not committed, including after an exception."""

    addresses: AddressRegister
    coverage: CoverageRegister
    nodes: AccessNodes
    checks: FeasibilityChecks
    queries: AvailabilityQueries

    def __init__(self, session_factory: async_sessionmaker[AsyncSession]) -> None:
        self._session_factory = session_factory
        self._session: AsyncSession | None = None

    async def __aenter__(self) -> Self:
        session = self._session = self._session_factory()
        self.addresses = SqlAddressRegister(session)
        self.coverage = SqlCoverageRegister(session)
        self.nodes = SqlAccessNodes(session)
        self.checks = SqlFeasibilityChecks(session)
        self.queries = SqlAvailabilityQueries(session)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        session = self._require_session()
        self._session = None
        try:
            await session.rollback()
        finally:
            await session.close()

    async def commit(self) -> None:
        await self._require_session().commit()

    def _require_session(self) -> AsyncSession:
        if self._session is None:
            raise RuntimeError("the unit of work is used outside its `async with` block")
        return self._session


def feasibility_uow_factory(
    session_factory: async_sessionmaker[AsyncSession],
) -> UnitOfWorkFactory:
    """The UnitOfWorkFactory the feasibility use cases take: a new unit of work per call."""

    def new_unit_of_work() -> FeasibilityUnitOfWork:
        return SqlAlchemyFeasibilityUnitOfWork(session_factory)

    return new_unit_of_work
