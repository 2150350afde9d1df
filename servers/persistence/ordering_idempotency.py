"""Idempotency records (domain/ordering/idempotency.py has the semantics). A claim is
committed at once in its own short transaction, so a concurrent duplicate sees it in flight;
the primary key (client id, request id) decides which of simultaneous claims wins, on SQLite
and PostgreSQL alike. The result is recorded in the change's own transaction (`complete`).

A record past its expiry time is not replayed: the next claim of its key takes it over. Expired
records are also deleted in bulk, by the first claim of each PURGE_INTERVAL in each process, so
the table holds about the retention's worth of requests."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, delete, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.ordering.cancellation import Cancellation
from domain.ordering.idempotency import Claim, ClaimStatus, IdempotencyKey, IdempotentResult
from servers.persistence.ordering_documents import (
    cancellation_document,
    cancellation_from,
    order_document,
    order_from,
)
from servers.persistence.ordering_rows import IdempotencyRow

IN_FLIGHT = "inFlight"
DONE = "done"
ORDER, CANCELLATION = "order", "cancellation"
# A claim can lose to a record that is released or expires between two reads; retry so often.
CLAIM_ATTEMPTS = 3
# A claim still in flight after this long belongs to a request that died with its process
# (a failing request releases its claim): it is taken over rather than answered 409 for ever.
IN_FLIGHT_LEASE = timedelta(minutes=5)
# How often a process deletes the expired records.
PURGE_INTERVAL = timedelta(minutes=10)


class ExpiredRecordsPurge:
    """When a process last deleted expired records; shared by its units of work."""

    def __init__(self, interval: timedelta = PURGE_INTERVAL) -> None:
        self._interval = interval
        self._next: datetime | None = None

    def due(self, now: datetime) -> bool:
        """True once per interval (the first call included); the caller purges then."""
        if self._next is not None and now < self._next:
            return False
        self._next = now + self._interval
        return True

    async def purge(self, sessions: async_sessionmaker[AsyncSession], now: datetime) -> int:
        """Deletes the records expired at `now`; returns how many."""
        async with sessions() as session:
            result = await session.execute(
                delete(IdempotencyRow).where(IdempotencyRow.expire_time <= now)
            )
            await session.commit()
        return int(getattr(result, "rowcount", 0) or 0)


class SqlIdempotency:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        session: AsyncSession,
        now: Callable[[], datetime],
        retention: timedelta,
        expired: ExpiredRecordsPurge | None = None,
    ) -> None:
        self._sessions = sessions
        self._session = session  # the unit of work's
        self._now = now
        self._retention = retention
        self._expired = expired

    async def claim(self, key: IdempotencyKey, fingerprint: str) -> Claim:
        if self._expired is not None and self._expired.due(now := self._now()):
            await self._expired.purge(self._sessions, now)
        for _ in range(CLAIM_ATTEMPTS):
            if await self._insert(key, fingerprint):
                return Claim(ClaimStatus.NEW)
            async with self._sessions() as session:
                row = await session.get(IdempotencyRow, (key.client_id, key.request_id))
                if row is None:
                    continue  # released meanwhile: claim again
                if self._abandoned(row):
                    await session.delete(row)
                    await session.commit()
                    continue
                return _claim_of(row, fingerprint)
        return Claim(ClaimStatus.IN_FLIGHT)

    async def complete(self, key: IdempotencyKey, result: IdempotentResult) -> None:
        kind = CANCELLATION if isinstance(result, Cancellation) else ORDER
        document = (
            cancellation_document(result)
            if isinstance(result, Cancellation)
            else order_document(result)
        )
        await self._session.execute(
            update(IdempotencyRow)
            .where(_is(key))
            .values(state=DONE, result_kind=kind, result=document)
        )

    async def release(self, key: IdempotencyKey) -> None:
        # The failed change is abandoned first: on SQLite its write lock would block this.
        await self._session.rollback()
        async with self._sessions() as session:
            await session.execute(
                delete(IdempotencyRow).where(_is(key), IdempotencyRow.state == IN_FLIGHT)
            )
            await session.commit()

    def _abandoned(self, row: IdempotencyRow) -> bool:
        now = self._now()
        if row.expire_time <= now:
            return True
        claimed = row.expire_time - self._retention
        return row.state == IN_FLIGHT and claimed + IN_FLIGHT_LEASE <= now

    async def _insert(self, key: IdempotencyKey, fingerprint: str) -> bool:
        async with self._sessions() as session:
            session.add(
                IdempotencyRow(
                    client_id=key.client_id,
                    request_id=key.request_id,
                    fingerprint=fingerprint,
                    state=IN_FLIGHT,
                    result_kind="",
                    result=None,
                    expire_time=self._now() + self._retention,
                )
            )
            try:
                await session.commit()
            except IntegrityError:
                await session.rollback()
                return False
            return True


def _is(key: IdempotencyKey) -> ColumnElement[bool]:
    return (IdempotencyRow.client_id == key.client_id) & (
        IdempotencyRow.request_id == key.request_id
    )


def _claim_of(row: IdempotencyRow, fingerprint: str) -> Claim:
    if row.fingerprint != fingerprint:
        return Claim(ClaimStatus.MISMATCH)
    if row.state != DONE or row.result is None:
        return Claim(ClaimStatus.IN_FLIGHT)
    if row.result_kind == CANCELLATION:
        return Claim(ClaimStatus.DONE, cancellation_from(row.result))
    return Claim(ClaimStatus.DONE, order_from(row.result))
