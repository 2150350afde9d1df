"""The state machines of orders and items, as transition tables. A pair missing from a table
is refused (ORDER_TRANSITION_NOT_ALLOWED / ITEM_TRANSITION_NOT_ALLOWED, 409 at the edge).

Orders:
  draft                  -> acknowledged (submitted through the full validation)
  acknowledged           -> inProgress (taken over), pending, held, rejected, cancelled (a
                            cancellation before take-over is immediate)
  pending, held          -> inProgress, each other, failed, assessingCancellation
  inProgress             -> completed, failed, partial, pending, held, assessingCancellation
  assessingCancellation  -> pendingCancellation (accepted), or back to the state it came from
                            (inProgress, pending or held; the order remembers which)
  pendingCancellation    -> cancelled
  completed, failed, partial, cancelled, rejected: final.
Items follow the same shape; they have no draft state (None until acknowledged), and an item
not yet started may also fail or be cancelled on its own."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from domain.ordering.errors import ItemTransitionNotAllowed, OrderTransitionNotAllowed
from domain.ordering.model import ItemState, OrderState

OS = OrderState
IS = ItemState

ORDER_TRANSITIONS: Mapping[OrderState, frozenset[OrderState]] = {
    OS.DRAFT: frozenset({OS.ACKNOWLEDGED}),
    OS.ACKNOWLEDGED: frozenset({OS.IN_PROGRESS, OS.PENDING, OS.HELD, OS.REJECTED, OS.CANCELLED}),
    OS.PENDING: frozenset({OS.IN_PROGRESS, OS.HELD, OS.FAILED, OS.ASSESSING_CANCELLATION}),
    OS.HELD: frozenset({OS.IN_PROGRESS, OS.PENDING, OS.FAILED, OS.ASSESSING_CANCELLATION}),
    OS.IN_PROGRESS: frozenset(
        {OS.COMPLETED, OS.FAILED, OS.PARTIAL, OS.PENDING, OS.HELD, OS.ASSESSING_CANCELLATION}
    ),
    OS.ASSESSING_CANCELLATION: frozenset(
        {OS.PENDING_CANCELLATION, OS.IN_PROGRESS, OS.PENDING, OS.HELD}
    ),
    OS.PENDING_CANCELLATION: frozenset({OS.CANCELLED}),
    OS.COMPLETED: frozenset(),
    OS.FAILED: frozenset(),
    OS.PARTIAL: frozenset(),
    OS.CANCELLED: frozenset(),
    OS.REJECTED: frozenset(),
}

ITEM_TRANSITIONS: Mapping[ItemState, frozenset[ItemState]] = {
    IS.ACKNOWLEDGED: frozenset(
        {
            IS.IN_PROGRESS,
            IS.PENDING,
            IS.HELD,
            IS.REJECTED,
            IS.FAILED,
            IS.CANCELLED,
            IS.ASSESSING_CANCELLATION,
        }
    ),
    IS.PENDING: frozenset(
        {IS.IN_PROGRESS, IS.HELD, IS.FAILED, IS.CANCELLED, IS.ASSESSING_CANCELLATION}
    ),
    IS.HELD: frozenset(
        {IS.IN_PROGRESS, IS.PENDING, IS.FAILED, IS.CANCELLED, IS.ASSESSING_CANCELLATION}
    ),
    IS.IN_PROGRESS: frozenset(
        {IS.COMPLETED, IS.FAILED, IS.PARTIAL, IS.PENDING, IS.HELD, IS.ASSESSING_CANCELLATION}
    ),
    IS.ASSESSING_CANCELLATION: frozenset(
        {IS.PENDING_CANCELLATION, IS.ACKNOWLEDGED, IS.IN_PROGRESS, IS.PENDING, IS.HELD}
    ),
    IS.PENDING_CANCELLATION: frozenset({IS.CANCELLED}),
    IS.COMPLETED: frozenset(),
    IS.FAILED: frozenset(),
    IS.PARTIAL: frozenset(),
    IS.CANCELLED: frozenset(),
    IS.REJECTED: frozenset(),
}

FINAL_ORDER_STATES = frozenset(s for s, targets in ORDER_TRANSITIONS.items() if not targets)
FINAL_ITEM_STATES = frozenset(s for s, targets in ITEM_TRANSITIONS.items() if not targets)
# The order states in which order management works on the items.
WORKING_STATES = frozenset({OS.IN_PROGRESS, OS.PENDING, OS.HELD})
# Final states that say how delivery went; they must agree with the items.
SETTLED_STATES = frozenset({OS.COMPLETED, OS.FAILED, OS.PARTIAL})
DELIVERED_ITEM_STATES = frozenset({IS.COMPLETED, IS.PARTIAL})


def require_order_transition(order_id: str, current: OrderState, target: OrderState) -> None:
    if target not in ORDER_TRANSITIONS[current]:
        raise OrderTransitionNotAllowed(
            f"order {order_id!r} cannot go from {current.value} to {target.value}"
            + _allowed(t.value for t in ORDER_TRANSITIONS[current]),
            order_id=order_id,
            state=current.value,
            target=target.value,
        )


def require_item_transition(
    order_id: str, item_id: str, current: ItemState | None, target: ItemState
) -> None:
    allowed = ITEM_TRANSITIONS[current] if current is not None else frozenset()
    if target not in allowed:
        shown = current.value if current is not None else "none (draft)"
        raise ItemTransitionNotAllowed(
            f"item {item_id!r} of order {order_id!r} cannot go from {shown} to {target.value}"
            + _allowed(t.value for t in allowed),
            order_id=order_id,
            state=shown,
            target=target.value,
            item_id=item_id,
        )


def settled_state(item_states: Iterable[ItemState | None]) -> OrderState | None:
    """What the items say of the order once every item is final: completed when all were
    delivered, failed when none was, partial otherwise; None while any is still open."""
    states = list(item_states)
    if not states or any(s not in FINAL_ITEM_STATES for s in states):
        return None
    if all(s is IS.COMPLETED for s in states):
        return OS.COMPLETED
    if any(s in DELIVERED_ITEM_STATES for s in states):
        return OS.PARTIAL
    return OS.FAILED


def _allowed(targets: Iterable[str]) -> str:
    names = sorted(targets)
    return f" (allowed: {', '.join(names)})" if names else " (it is final)"
