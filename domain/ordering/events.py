"""The events order changes produce. The use cases hand them to the outbox in the same unit
of work as the change, so an event exists if and only if its change was stored. Drafts are
private to their channel: they produce no events until submitted (order created)."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from domain.ordering.cancellation import Cancellation
from domain.ordering.model import ProductOrder


class OrderEventType(enum.Enum):
    ORDER_CREATED = "orderCreated"
    ORDER_STATE_CHANGED = "orderStateChanged"
    ORDER_ATTRIBUTES_CHANGED = "orderAttributesChanged"
    ORDER_DELETED = "orderDeleted"
    CANCELLATION_CREATED = "cancellationCreated"
    CANCELLATION_STATE_CHANGED = "cancellationStateChanged"


@dataclass(frozen=True, slots=True, kw_only=True)
class OrderEvent:
    """`order` is the order after the change (before it, for a deletion). The outbox gives
    the sequence number."""

    id: str
    type: OrderEventType
    time: datetime
    correlation_id: str
    order: ProductOrder
    cancellation: Cancellation | None = None


@dataclass(frozen=True, slots=True)
class EventContext:
    """Who caused the change: every event it produces carries its correlation id."""

    correlation_id: str
    time: datetime


def order_event(
    event_id: str, kind: OrderEventType, order: ProductOrder, context: EventContext
) -> OrderEvent:
    return OrderEvent(
        id=event_id,
        type=kind,
        time=context.time,
        correlation_id=context.correlation_id,
        order=order,
    )


def cancellation_event(
    event_id: str,
    kind: OrderEventType,
    order: ProductOrder,
    cancellation: Cancellation,
    context: EventContext,
) -> OrderEvent:
    return OrderEvent(
        id=event_id,
        type=kind,
        time=context.time,
        correlation_id=context.correlation_id,
        order=order,
        cancellation=cancellation,
    )


def state_changed(before: ProductOrder, after: ProductOrder) -> bool:
    """The order or any of its items changed state."""
    if before.state is not after.state:
        return True
    return [(i.id, i.state) for i in before.all_items()] != [
        (i.id, i.state) for i in after.all_items()
    ]
