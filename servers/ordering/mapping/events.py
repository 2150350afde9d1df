"""Outbox events as OrderEvent messages, with the sequence a watcher resumes after."""

from __future__ import annotations

from domain.ordering.events import OrderEvent
from ordercapture.ordering.v1 import events_pb2 as pb
from servers.catalog.mapping.values import stamp
from servers.ordering.mapping.cancellations import cancellation_to
from servers.ordering.mapping.enums import event_type_to
from servers.ordering.mapping.orders import order_to


def event_to(sequence: int, event: OrderEvent) -> pb.OrderEvent:
    message = pb.OrderEvent(
        sequence=sequence,
        id=event.id,
        type=event_type_to(event.type),
        time=stamp(event.time),
        correlation_id=event.correlation_id,
        order=order_to(event.order),
    )
    if event.cancellation is not None:
        message.cancellation.CopyFrom(cancellation_to(event.cancellation))
    return message
