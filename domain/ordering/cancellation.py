"""Cancellation requests, tracked as tasks of their own. An order not yet taken over
(acknowledged) is cancelled at once and the task is done. An order being worked on (inProgress,
pending, held) goes to assessingCancellation (task acknowledged) and order management decides:
accept -> pendingCancellation (task inProgress), then cancelled (task done) once order
management has unwound it; reject -> the order goes back where it was (task rejected, with the
reason). Drafts are deleted, not cancelled; final orders and orders already in a cancellation
are refused (ORDER_NOT_CANCELLABLE, 409)."""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace
from datetime import datetime

from domain.ordering.errors import CancellationAlreadyDecided, OrderNotCancellable
from domain.ordering.lifecycle import FINAL_ORDER_STATES, WORKING_STATES
from domain.ordering.model import OrderState, ProductOrder
from domain.ordering.progress import move

OS = OrderState


class CancellationState(enum.Enum):
    ACKNOWLEDGED = "acknowledged"
    REJECTED = "rejected"
    IN_PROGRESS = "inProgress"
    DONE = "done"
    TERMINATED_WITH_ERROR = "terminatedWithError"


@dataclass(frozen=True, slots=True, kw_only=True)
class Cancellation:
    id: str
    order_id: str
    state: CancellationState
    create_time: datetime
    reason: str = ""
    # Recorded as asked; the order is cancelled when order management has unwound it.
    requested_cancellation_time: datetime | None = None
    rejection_reason: str = ""
    effective_cancellation_time: datetime | None = None
    # Attributes a channel sent that the product keeps without interpreting them: a JSON object
    # (canonical text, sorted keys).
    extension: str = "{}"


@dataclass(frozen=True, slots=True)
class CancellationStep:
    """The order and the task after one step; both are stored together."""

    order: ProductOrder
    cancellation: Cancellation


def request(
    order: ProductOrder,
    *,
    cancellation_id: str,
    reason: str,
    requested_time: datetime | None,
    at: datetime,
    extension: str = "{}",
) -> CancellationStep:
    _require_cancellable(order)
    task = Cancellation(
        id=cancellation_id,
        order_id=order.id,
        state=CancellationState.ACKNOWLEDGED,
        create_time=at,
        reason=reason,
        requested_cancellation_time=requested_time,
        extension=extension,
    )
    if order.state is OS.ACKNOWLEDGED:
        return _cancelled(order, task, at)
    assessed = move(order, OS.ASSESSING_CANCELLATION, at)
    return CancellationStep(replace(assessed, cancellation_id=task.id), task)


def accept(order: ProductOrder, task: Cancellation, at: datetime) -> CancellationStep:
    _require_undecided(task)
    moved = move(order, OS.PENDING_CANCELLATION, at)
    return CancellationStep(moved, replace(task, state=CancellationState.IN_PROGRESS))


def reject(order: ProductOrder, task: Cancellation, reason: str, at: datetime) -> CancellationStep:
    _require_undecided(task)
    back = order.state_before_cancellation or OS.IN_PROGRESS
    moved = replace(move(order, back, at), cancellation_id="")
    rejected = replace(task, state=CancellationState.REJECTED, rejection_reason=reason)
    return CancellationStep(moved, rejected)


def carry_out(order: ProductOrder, task: Cancellation, at: datetime) -> CancellationStep:
    """Order management has unwound the order (pendingCancellation -> cancelled)."""
    return _cancelled(order, task, at)


def _cancelled(order: ProductOrder, task: Cancellation, at: datetime) -> CancellationStep:
    cancelled = replace(
        move(order, OS.CANCELLED, at),
        cancellation_time=at,
        cancellation_reason=task.reason,
        cancellation_id="",
    )
    done = replace(task, state=CancellationState.DONE, effective_cancellation_time=at)
    return CancellationStep(cancelled, done)


def _require_cancellable(order: ProductOrder) -> None:
    if order.state is OS.ACKNOWLEDGED or order.state in WORKING_STATES:
        return
    if order.state is OS.DRAFT:
        why = "a draft is not cancelled; delete it instead"
    elif order.state in FINAL_ORDER_STATES:
        why = f"it is already {order.state.value}"
    else:
        why = f"cancellation {order.cancellation_id!r} is already under way ({order.state.value})"
    raise OrderNotCancellable(
        f"order {order.id!r} cannot be cancelled: {why}",
        order_id=order.id,
        state=order.state.value,
    )


def _require_undecided(task: Cancellation) -> None:
    if task.state is not CancellationState.ACKNOWLEDGED:
        raise CancellationAlreadyDecided(task.id, task.state.value)
