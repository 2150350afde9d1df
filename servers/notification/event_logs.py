"""Every context's event log read as notification Events: the shared outbox (catalog,
qualification, feasibility) and the ordering outbox, whose order events become resource
events of the order or of the cancellation request."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from google.protobuf import any_pb2
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.notification.model import EventSource
from domain.ordering.events import OrderEventType
from ordercapture.notification.v1 import event_pb2 as pb
from servers.catalog.mapping.values import stamp
from servers.ordering.mapping.cancellations import cancellation_to
from servers.ordering.mapping.orders import order_to
from servers.persistence.notification_records import outbox_source
from servers.persistence.notification_rows import OutboxEventRow
from servers.persistence.ordering_documents import event_parts
from servers.persistence.ordering_rows import OrderEventRow

SOURCES: Mapping[EventSource, pb.EventSource.ValueType] = {
    EventSource.CATALOG: pb.EVENT_SOURCE_CATALOG,
    EventSource.QUALIFICATION: pb.EVENT_SOURCE_QUALIFICATION,
    EventSource.FEASIBILITY: pb.EVENT_SOURCE_FEASIBILITY,
    EventSource.ORDERING: pb.EVENT_SOURCE_ORDERING,
}
_ORDER_KINDS: Mapping[str, pb.ChangeKind.ValueType] = {
    OrderEventType.ORDER_CREATED.value: pb.CHANGE_KIND_CREATED,
    OrderEventType.ORDER_STATE_CHANGED.value: pb.CHANGE_KIND_STATE_CHANGED,
    OrderEventType.ORDER_ATTRIBUTES_CHANGED.value: pb.CHANGE_KIND_ATTRIBUTES_CHANGED,
    OrderEventType.ORDER_DELETED.value: pb.CHANGE_KIND_DELETED,
    OrderEventType.CANCELLATION_CREATED.value: pb.CHANGE_KIND_CREATED,
    OrderEventType.CANCELLATION_STATE_CHANGED.value: pb.CHANGE_KIND_STATE_CHANGED,
}


async def events_after(
    session: AsyncSession, source: EventSource, sequence: int, limit: int
) -> list[pb.Event]:
    """The source's events after `sequence`, in order, at most `limit`."""
    if source is EventSource.ORDERING:
        rows = await session.scalars(
            select(OrderEventRow)
            .where(OrderEventRow.sequence > sequence)
            .order_by(OrderEventRow.sequence)
            .limit(limit)
        )
        return [_order_event(row) for row in rows]
    outbox = await session.scalars(
        select(OutboxEventRow)
        .where(OutboxEventRow.source == outbox_source(source), OutboxEventRow.sequence > sequence)
        .order_by(OutboxEventRow.sequence)
        .limit(limit)
    )
    return [_outbox_event(row) for row in outbox]


async def events_at(
    session: AsyncSession, source: EventSource, sequences: Iterable[int]
) -> dict[int, pb.Event]:
    wanted = sorted(set(sequences))
    if not wanted:
        return {}
    if source is EventSource.ORDERING:
        rows = await session.scalars(
            select(OrderEventRow).where(OrderEventRow.sequence.in_(wanted))
        )
        return {row.sequence: _order_event(row) for row in rows}
    outbox = await session.scalars(
        select(OutboxEventRow).where(OutboxEventRow.sequence.in_(wanted))
    )
    return {row.sequence: _outbox_event(row) for row in outbox}


def _outbox_event(row: OutboxEventRow) -> pb.Event:
    resource = any_pb2.Any()
    resource.ParseFromString(row.payload)
    return pb.Event(
        sequence=row.sequence,
        id=row.id,
        source=pb.EventSource.Value(row.source),
        kind=pb.ChangeKind.Value(row.kind),
        time=stamp(row.time),
        correlation_id=row.correlation_id,
        resource_id=row.resource_id,
        resource=resource,
    )


def _order_event(row: OrderEventRow) -> pb.Event:
    order, cancellation = event_parts(row.payload)
    resource = any_pb2.Any()
    if cancellation is not None:
        resource.Pack(cancellation_to(cancellation))
    else:
        resource.Pack(order_to(order))
    return pb.Event(
        sequence=row.sequence,
        id=row.id,
        source=pb.EVENT_SOURCE_ORDERING,
        kind=_ORDER_KINDS[row.type],
        time=stamp(row.time),
        correlation_id=row.correlation_id,
        resource_id=cancellation.id if cancellation is not None else order.id,
        resource=resource,
    )
