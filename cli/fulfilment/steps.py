"""Which event asks order management for which step. The event carries the order as it was
after the change; a step planned from it may be outdated when it runs (the order was cancelled
meanwhile...), and the server then refuses it: the simulator logs that and moves on.

  order acknowledged (created or submitted)      -> start: inProgress, items too
  order inProgress (taken over, or a cancellation -> complete (items completed) or fail,
    rejected and the order back)                     as the policy draws
  cancellation acknowledged (under assessment)   -> accept or reject, as the policy draws
  order pendingCancellation (accepted)           -> finish: cancelled
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from cli.fulfilment.policy import FulfilmentPolicy
from ordercapture.ordering.v1 import cancellation_pb2, events_pb2, order_pb2

EV = events_pb2
OS = order_pb2
# Items order management may still move; final and cancellation states are left alone.
_STARTABLE = frozenset({OS.ITEM_STATE_ACKNOWLEDGED, OS.ITEM_STATE_PENDING, OS.ITEM_STATE_HELD})
_WORKING = frozenset({OS.ITEM_STATE_IN_PROGRESS, *_STARTABLE})
_ORDER_EVENTS = frozenset(
    {EV.ORDER_EVENT_TYPE_ORDER_CREATED, EV.ORDER_EVENT_TYPE_ORDER_STATE_CHANGED}
)


class StepKind(enum.Enum):
    START = "acknowledged -> inProgress"
    COMPLETE = "inProgress -> completed"
    FAIL = "inProgress -> failed"
    ACCEPT_CANCELLATION = "cancellation accepted"
    REJECT_CANCELLATION = "cancellation rejected"
    FINISH_CANCELLATION = "pendingCancellation -> cancelled"


@dataclass(frozen=True, slots=True)
class Step:
    kind: StepKind
    order_id: str
    sequence: int  # of the event that asked for it
    item_ids: tuple[str, ...] = ()  # the items the step moves along with the order
    cancellation_id: str = ""


def plan(event: events_pb2.OrderEvent, policy: FulfilmentPolicy) -> Step | None:
    """The step `event` asks for, None when it asks for none."""
    order = event.order
    if event.type == EV.ORDER_EVENT_TYPE_CANCELLATION_CREATED:
        task = event.cancellation
        if task.state != cancellation_pb2.CANCELLATION_STATE_ACKNOWLEDGED:
            return None  # decided at once (before take-over): nothing to assess
        kind = (
            StepKind.REJECT_CANCELLATION
            if policy.rejects_cancellation()
            else StepKind.ACCEPT_CANCELLATION
        )
        return Step(kind, task.order_id, event.sequence, cancellation_id=task.id)
    if event.type not in _ORDER_EVENTS:
        return None
    if order.state == OS.ORDER_STATE_ACKNOWLEDGED:
        started = _ids(i for i in _all_items(order.items) if i.state in _STARTABLE)
        return Step(StepKind.START, order.id, event.sequence, started)
    if order.state == OS.ORDER_STATE_IN_PROGRESS:
        if policy.order_fails():
            return Step(StepKind.FAIL, order.id, event.sequence)
        working = _ids(i for i in _all_items(order.items) if i.state in _WORKING)
        return Step(StepKind.COMPLETE, order.id, event.sequence, working)
    if order.state == OS.ORDER_STATE_PENDING_CANCELLATION:
        return Step(StepKind.FINISH_CANCELLATION, order.id, event.sequence)
    return None


def _all_items(items: Iterable[order_pb2.OrderItem]) -> Iterator[order_pb2.OrderItem]:
    for item in items:
        yield item
        yield from _all_items(item.items)


def _ids(items: Iterable[order_pb2.OrderItem]) -> tuple[str, ...]:
    return tuple(i.id for i in items)
