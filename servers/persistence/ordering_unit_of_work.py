"""The ordering unit of work: one AsyncSession, one transaction for the order, its
cancellations, its events and the idempotency record (whose claim alone commits apart)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Self

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.ordering.ports import (
    CancellationStore,
    EventOutbox,
    IdempotencyStore,
    OrderingUnitOfWork,
    OrderStore,
    UnitOfWorkFactory,
)
from servers.persistence.ordering_idempotency import ExpiredRecordsPurge, SqlIdempotency
from servers.persistence.ordering_repositories import (
    OrderingSearch,
    SqlCancellations,
    SqlOrders,
    SqlOutbox,
)
from servers.persistence.session_unit_of_work import SessionUnitOfWork


class SqlAlchemyOrderingUnitOfWork(SessionUnitOfWork):
    """Use once: `async with uow: ...; await uow.commit()`. Leaving the block rolls back
    whatever was not committed, including after an exception."""

    orders: OrderStore
    cancellations: CancellationStore
    outbox: EventOutbox
    idempotency: IdempotencyStore

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        now: Callable[[], datetime],
        retention: timedelta,
        search: OrderingSearch,
        expired: ExpiredRecordsPurge | None = None,
    ) -> None:
        super().__init__(sessions)
        self._search = search
        self._now = now
        self._retention = retention
        self._expired = expired

    async def __aenter__(self) -> Self:
        session = self._open()
        self.orders = SqlOrders(session, self._search)
        self.cancellations = SqlCancellations(session, self._search)
        self.outbox = SqlOutbox(session)
        self.idempotency = SqlIdempotency(
            self._session_factory, session, self._now, self._retention, self._expired
        )
        return self


def ordering_uow_factory(
    sessions: async_sessionmaker[AsyncSession],
    now: Callable[[], datetime],
    retention: timedelta,
    search: OrderingSearch,
) -> UnitOfWorkFactory:
    """A new unit of work per call. Idempotency records are replayed for `retention`; the
    expired ones are deleted now and then (ordering_idempotency.py)."""
    expired = ExpiredRecordsPurge()

    def new_unit_of_work() -> OrderingUnitOfWork:
        return SqlAlchemyOrderingUnitOfWork(sessions, now, retention, search, expired)

    return new_unit_of_work
