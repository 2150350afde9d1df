"""Subscriptions and the listing and replay of their deliveries, in SQL (the relays' work
queue is delivery_queue.py)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.notification.model import (
    Delivery,
    DeliveryState,
    EventSource,
    Subscription,
    SubscriptionState,
)
from servers.persistence.notification_records import (
    delivery_from,
    last_sequence,
    subscription_from,
)
from servers.persistence.notification_rows import DeliveryRow, SubscriptionRow

PENDING = DeliveryState.PENDING.value
ACTIVE = SubscriptionState.ACTIVE.value


class SqlNotificationStore:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def add_subscription(self, subscription: Subscription, secret: str) -> None:
        async with self._sessions() as session, session.begin():
            cursor = await last_sequence(session, subscription.source)
            session.add(
                SubscriptionRow(
                    id=subscription.id,
                    source=subscription.source.value,
                    audience=subscription.audience,
                    callback=subscription.callback,
                    query=subscription.query,
                    secret=secret,
                    state=subscription.state.value,
                    disabled_reason=subscription.disabled_reason,
                    create_time=subscription.create_time,
                    cursor=cursor,
                    last_error="",
                )
            )

    async def subscription(self, subscription_id: str) -> Subscription | None:
        async with self._sessions() as session:
            found = await _with_figures(session, SubscriptionRow.id == subscription_id, 1, 0)
        return found[0] if found else None

    async def subscriptions(
        self, source: EventSource | None, audience: str, size: int, skip: int
    ) -> tuple[list[Subscription], int]:
        conditions: list[ColumnElement[bool]] = []
        if source is not None:
            conditions.append(SubscriptionRow.source == source.value)
        if audience:
            conditions.append(SubscriptionRow.audience == audience)
        async with self._sessions() as session:
            total = await session.scalar(
                select(func.count()).select_from(SubscriptionRow).where(*conditions)
            )
            page = await _with_figures(session, conditions, size, skip)
        return page, int(total or 0)

    async def remove_subscription(self, subscription_id: str) -> bool:
        async with self._sessions() as session, session.begin():
            await session.execute(
                delete(DeliveryRow).where(DeliveryRow.subscription_id == subscription_id)
            )
            removed = await session.execute(
                delete(SubscriptionRow).where(SubscriptionRow.id == subscription_id)
            )
        return bool(removed.rowcount)  # type: ignore[attr-defined]

    async def deliveries(
        self, subscription_id: str, states: Sequence[DeliveryState], size: int, skip: int
    ) -> tuple[list[Delivery], int]:
        conditions = [DeliveryRow.subscription_id == subscription_id]
        if states:
            conditions.append(DeliveryRow.state.in_([s.value for s in states]))
        async with self._sessions() as session:
            total = await session.scalar(
                select(func.count()).select_from(DeliveryRow).where(*conditions)
            )
            rows = await session.scalars(
                select(DeliveryRow)
                .where(*conditions)
                .order_by(DeliveryRow.event_sequence.desc(), DeliveryRow.id)
                .limit(size)
                .offset(skip)
            )
            return [delivery_from(row) for row in rows], int(total or 0)

    async def replay(self, subscription_id: str, delivery_ids: Sequence[str], now: datetime) -> int:
        conditions = [DeliveryRow.subscription_id == subscription_id]
        if delivery_ids:
            conditions.append(DeliveryRow.id.in_(list(delivery_ids)))
            conditions.append(DeliveryRow.state != PENDING)
        else:
            conditions.append(DeliveryRow.state == DeliveryState.FAILED.value)
        async with self._sessions() as session, session.begin():
            result = await session.execute(
                update(DeliveryRow)
                .where(*conditions)
                .values(
                    state=PENDING,
                    attempts=0,
                    next_attempt_time=now,
                    create_time=now,  # the retry horizon starts again
                    claim_token=None,
                    claimed_by=None,
                    claimed_until=None,
                )
            )
            await session.execute(
                update(SubscriptionRow)
                .where(SubscriptionRow.id == subscription_id)
                .values(state=ACTIVE, disabled_reason="")
            )
        return int(result.rowcount)  # type: ignore[attr-defined]


async def _with_figures(
    session: AsyncSession,
    conditions: ColumnElement[bool] | Sequence[ColumnElement[bool]],
    size: int,
    skip: int,
) -> list[Subscription]:
    where = [conditions] if isinstance(conditions, ColumnElement) else list(conditions)
    rows = (
        await session.scalars(
            select(SubscriptionRow)
            .where(*where)
            .order_by(SubscriptionRow.create_time.desc(), SubscriptionRow.id)
            .limit(size)
            .offset(skip)
        )
    ).all()
    if not rows:
        return []
    counted = await session.execute(
        select(DeliveryRow.subscription_id, DeliveryRow.state, func.count())
        .where(
            DeliveryRow.subscription_id.in_([row.id for row in rows]),
            DeliveryRow.state.in_([PENDING, DeliveryState.FAILED.value]),
        )
        .group_by(DeliveryRow.subscription_id, DeliveryRow.state)
    )
    figures = {(sid, state): int(count) for sid, state, count in counted.all()}
    return [
        subscription_from(
            row,
            pending=figures.get((row.id, PENDING), 0),
            failed=figures.get((row.id, DeliveryState.FAILED.value), 0),
        )
        for row in rows
    ]
