"""What every unit of work shares: one AsyncSession per `async with` block, rolled back on
leaving the block (whatever was not committed, including after an exception), then closed."""

from __future__ import annotations

from types import TracebackType

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker


class SessionUnitOfWork:
    """Subclasses open the session in `__aenter__` (`session = self._open()`) and bind their
    repositories to it. Use once: `async with uow: ...; await uow.commit()`."""

    def __init__(self, session_factory: async_sessionmaker[AsyncSession]) -> None:
        self._session_factory = session_factory
        self._session: AsyncSession | None = None

    def _open(self) -> AsyncSession:
        self._session = self._session_factory()
        return self._session

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
