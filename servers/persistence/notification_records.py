"""Rows of notifications as domain objects, and where each source's event log ends."""

from __future__ import annotations

from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.notification.model import (
    Delivery,
    DeliveryState,
    EventSource,
    Subscription,
    SubscriptionState,
)
from servers.persistence.notification_rows import DeliveryRow, OutboxEventRow, SubscriptionRow
from servers.persistence.ordering_rows import OrderEventRow

FAN_OUT_BATCH = 500
_OUTBOX_SPELLING = {
    EventSource.CATALOG: "EVENT_SOURCE_CATALOG",
    EventSource.QUALIFICATION: "EVENT_SOURCE_QUALIFICATION",
    EventSource.FEASIBILITY: "EVENT_SOURCE_FEASIBILITY",
}


def outbox_source(source: EventSource) -> str:
    """How the shared outbox's `source` column spells a context (ordering has its own log)."""
    return _OUTBOX_SPELLING[source]


async def event_keys_after(
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
            OutboxEventRow.source == outbox_source(source), OutboxEventRow.sequence > cursor
        )
        statement = statement.order_by(OutboxEventRow.sequence)
    rows = (await session.execute(statement.limit(FAN_OUT_BATCH))).all()
    return [(int(sequence), str(event_id)) for sequence, event_id in rows]


async def last_sequence(session: AsyncSession, source: EventSource) -> int:
    if source is EventSource.ORDERING:
        found = await session.scalar(select(func.max(OrderEventRow.sequence)))
    else:
        found = await session.scalar(
            select(func.max(OutboxEventRow.sequence)).where(
                OutboxEventRow.source == outbox_source(source)
            )
        )
    return int(found or 0)


def subscription_from(row: SubscriptionRow, pending: int = 0, failed: int = 0) -> Subscription:
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


def delivery_from(row: DeliveryRow) -> Delivery:
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
