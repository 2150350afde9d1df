"""Subscriptions and deliveries in SQL, and the relays' work queue.

Concurrency: every claim and every settlement is a conditional UPDATE (claimed only while no
live claim holds the row; settled only under the claim's own token), so two relays never
hold one delivery at once on either backend; on PostgreSQL the candidate rows are also read
FOR UPDATE SKIP LOCKED, so relays do not queue behind each other. Fan-out of new events
advances a subscription's cursor with the same conditional pattern, and the unique
(subscription, event) key makes a duplicate fan-out impossible."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, Select, delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.notification.errors import ClaimLost, SubscriptionNotFound
from domain.notification.model import (
    Claim,
    Delivery,
    DeliveryState,
    EventSource,
    Report,
    Subscription,
    SubscriptionState,
)
from domain.notification.ports import Settlement
from servers.persistence.notification_rows import DeliveryRow, OutboxEventRow, SubscriptionRow
from servers.persistence.ordering_rows import OrderEventRow

FAN_OUT_BATCH = 500
_SOURCE_COLUMN = {
    EventSource.CATALOG: "EVENT_SOURCE_CATALOG",
    EventSource.QUALIFICATION: "EVENT_SOURCE_QUALIFICATION",
    EventSource.FEASIBILITY: "EVENT_SOURCE_FEASIBILITY",
}
PENDING = DeliveryState.PENDING.value
ACTIVE = SubscriptionState.ACTIVE.value


class SqlNotificationStore:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def add_subscription(self, subscription: Subscription, secret: str) -> None:
        async with self._sessions() as session, session.begin():
            cursor = await _last_sequence(session, subscription.source)
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
            return [_delivery(row) for row in rows], int(total or 0)

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

    async def claim(
        self,
        relay_id: str,
        limit: int,
        now: datetime,
        until: datetime,
        new_token: Callable[[], str],
    ) -> list[Claim]:
        await self._fan_out(now, new_token)
        async with self._sessions() as session, session.begin():
            candidates = select(DeliveryRow.id).where(
                DeliveryRow.state == PENDING,
                DeliveryRow.next_attempt_time <= now,
                or_(DeliveryRow.claimed_until.is_(None), DeliveryRow.claimed_until < now),
            )
            candidates = candidates.order_by(DeliveryRow.next_attempt_time).limit(limit)
            if session.get_bind().dialect.name == "postgresql":
                candidates = candidates.with_for_update(skip_locked=True)
            claimed: list[tuple[str, str]] = []
            for delivery_id in (await session.scalars(candidates)).all():
                token = new_token()
                taken = await session.execute(
                    update(DeliveryRow)
                    .where(
                        DeliveryRow.id == delivery_id,
                        DeliveryRow.state == PENDING,
                        or_(DeliveryRow.claimed_until.is_(None), DeliveryRow.claimed_until < now),
                    )
                    .values(claim_token=token, claimed_by=relay_id, claimed_until=until)
                )
                if taken.rowcount:  # type: ignore[attr-defined]
                    claimed.append((delivery_id, token))
        if not claimed:
            return []
        async with self._sessions() as session:
            tokens = dict(claimed)
            rows = (
                await session.execute(
                    select(DeliveryRow, SubscriptionRow)
                    .join(SubscriptionRow, SubscriptionRow.id == DeliveryRow.subscription_id)
                    .where(DeliveryRow.id.in_(list(tokens)))
                    .order_by(DeliveryRow.event_sequence)
                )
            ).all()
            return [
                Claim(
                    delivery=_delivery(row),
                    token=tokens[row.id],
                    subscription=_subscription(subscription),
                    secret=subscription.secret,
                )
                for row, subscription in rows
            ]

    async def settle(
        self, report: Report, now: datetime, decide: Callable[[Delivery], Settlement]
    ) -> Delivery:
        async with self._sessions() as session, session.begin():
            row = await session.get(DeliveryRow, report.delivery_id)
            if row is None:
                raise SubscriptionNotFound(
                    f"no delivery {report.delivery_id!r} (its subscription was deleted)",
                    metadata={"id": report.delivery_id},
                )
            if row.claim_token != report.token or row.state != PENDING:
                raise ClaimLost(
                    f"the claim on delivery {report.delivery_id!r} was lost",
                    metadata={"id": report.delivery_id},
                )
            settlement = decide(_delivery(row))
            row.state = settlement.state.value
            row.attempts = settlement.attempts
            row.next_attempt_time = settlement.next_attempt_time
            row.last_error = settlement.last_error
            row.delivered_time = settlement.delivered_time
            row.claim_token = row.claimed_by = row.claimed_until = None
            subscription = await session.get(SubscriptionRow, row.subscription_id)
            if subscription is not None and settlement.last_error:
                subscription.last_error = settlement.last_error
            if subscription is not None and settlement.disable_subscription:
                subscription.state = SubscriptionState.DISABLED.value
                subscription.disabled_reason = settlement.disable_subscription
                await session.execute(
                    update(DeliveryRow)
                    .where(
                        DeliveryRow.subscription_id == subscription.id,
                        DeliveryRow.state == PENDING,
                        DeliveryRow.id != row.id,
                    )
                    .values(state=DeliveryState.FAILED.value, last_error="subscription disabled")
                )
            return _delivery(row)

    async def _fan_out(self, now: datetime, new_id: Callable[[], str]) -> None:
        """New events of each active subscription's source become its pending deliveries."""
        async with self._sessions() as session, session.begin():
            statement = select(SubscriptionRow).where(SubscriptionRow.state == ACTIVE)
            if session.get_bind().dialect.name == "postgresql":
                statement = statement.with_for_update(skip_locked=True)
            for subscription in (await session.scalars(statement)).all():
                source = EventSource(subscription.source)
                keys = await _event_keys_after(session, source, subscription.cursor)
                if not keys:
                    continue
                moved = await session.execute(
                    update(SubscriptionRow)
                    .where(
                        SubscriptionRow.id == subscription.id,
                        SubscriptionRow.cursor == subscription.cursor,
                    )
                    .values(cursor=keys[-1][0])
                    .execution_options(synchronize_session=False)
                )
                if not moved.rowcount:  # type: ignore[attr-defined]
                    continue  # another relay fanned these out meanwhile
                session.add_all(
                    DeliveryRow(
                        id=new_id(),
                        subscription_id=subscription.id,
                        event_id=event_id,
                        event_sequence=sequence,
                        state=PENDING,
                        attempts=0,
                        next_attempt_time=now,
                        last_error="",
                        create_time=now,
                    )
                    for sequence, event_id in keys
                )


async def _event_keys_after(
    session: AsyncSession, source: EventSource, cursor: int
) -> list[tuple[int, str]]:
    statement: Select[int, str]
    if source is EventSource.ORDERING:
        statement = select(OrderEventRow.sequence, OrderEventRow.id).where(
            OrderEventRow.sequence > cursor
        )
        statement = statement.order_by(OrderEventRow.sequence)
    else:
        statement = select(OutboxEventRow.sequence, OutboxEventRow.id).where(
            OutboxEventRow.source == _SOURCE_COLUMN[source], OutboxEventRow.sequence > cursor
        )
        statement = statement.order_by(OutboxEventRow.sequence)
    rows = (await session.execute(statement.limit(FAN_OUT_BATCH))).all()
    return [(int(sequence), str(event_id)) for sequence, event_id in rows]


async def _last_sequence(session: AsyncSession, source: EventSource) -> int:
    if source is EventSource.ORDERING:
        found = await session.scalar(select(func.max(OrderEventRow.sequence)))
    else:
        found = await session.scalar(
            select(func.max(OutboxEventRow.sequence)).where(
                OutboxEventRow.source == _SOURCE_COLUMN[source]
            )
        )
    return int(found or 0)


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
        _subscription(
            row,
            pending=figures.get((row.id, PENDING), 0),
            failed=figures.get((row.id, DeliveryState.FAILED.value), 0),
        )
        for row in rows
    ]


def _subscription(row: SubscriptionRow, pending: int = 0, failed: int = 0) -> Subscription:
    return Subscription(
        id=row.id,
        source=EventSource(row.source),
        audience=row.audience,
        callback=row.callback,
        query=row.query,
        state=SubscriptionState(row.state),
        disabled_reason=row.disabled_reason,
        create_time=row.create_time,
        pending_deliveries=pending,
        failed_deliveries=failed,
        last_error=row.last_error,
    )


def _delivery(row: DeliveryRow) -> Delivery:
    return Delivery(
        id=row.id,
        subscription_id=row.subscription_id,
        event_id=row.event_id,
        event_sequence=row.event_sequence,
        state=DeliveryState(row.state),
        attempts=row.attempts,
        next_attempt_time=row.next_attempt_time,
        last_error=row.last_error,
        create_time=row.create_time,
        delivered_time=row.delivered_time,
    )
