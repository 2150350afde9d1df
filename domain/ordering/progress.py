"""Moving an order and its items through the lifecycle (lifecycle.py has the tables). The
order's state and its items' states stay consistent: a settled order (completed, failed,
partial) must agree with its items; rejecting, failing and cancelling carry open items along;
cancellation states are entered and left by every open item together with the order."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime

from domain.ordering.errors import (
    ItemStatesInconsistent,
    ItemTransitionNotAllowed,
    OrderTransitionNotAllowed,
)
from domain.ordering.lifecycle import (
    FINAL_ITEM_STATES,
    FINAL_ORDER_STATES,
    SETTLED_STATES,
    WORKING_STATES,
    require_item_transition,
    require_order_transition,
    settled_state,
)
from domain.ordering.model import ItemState, OrderItem, OrderState, ProductOrder

OS = OrderState
IS = ItemState

# Open items follow the order into these states.
_CARRIED = {
    OS.REJECTED: IS.REJECTED,
    OS.FAILED: IS.FAILED,
    OS.CANCELLED: IS.CANCELLED,
    OS.ASSESSING_CANCELLATION: IS.ASSESSING_CANCELLATION,
    OS.PENDING_CANCELLATION: IS.PENDING_CANCELLATION,
}


@dataclass(frozen=True, slots=True, kw_only=True)
class Advance:
    """What order management asks: a new order state and/or new item states."""

    state: OrderState | None = None
    items: Mapping[str, ItemState] | None = None
    expected_completion_time: datetime | None = None


def acknowledge(order: ProductOrder, at: datetime) -> ProductOrder:
    """A draft (or a new order) becomes acknowledged, and so do its items."""
    require_order_transition(order.id, order.state, OS.ACKNOWLEDGED)
    acknowledged = order.with_items(lambda i: replace(i, state=IS.ACKNOWLEDGED))
    return replace(acknowledged, state=OS.ACKNOWLEDGED, update_time=at)


def move(order: ProductOrder, target: OrderState, at: datetime) -> ProductOrder:
    """The order to `target`, open items carried along where the target says so."""
    require_order_transition(order.id, order.state, target)
    _require_way_back(order, target)
    if target in SETTLED_STATES and target is not OS.FAILED:
        _require_items_agree(order, target)
    moved = _carry_items(order, target)
    if order.state is OS.ASSESSING_CANCELLATION and target is not OS.PENDING_CANCELLATION:
        moved = _items_back(moved)
    return replace(
        moved,
        state=target,
        update_time=at,
        completion_time=at if target in FINAL_ORDER_STATES else moved.completion_time,
        state_before_cancellation=_remembered(order, target),
    )


def _remembered(order: ProductOrder, target: OrderState) -> OrderState | None:
    """Where a rejected cancellation would return the order, kept while it is assessed."""
    if target is OS.ASSESSING_CANCELLATION:
        return order.state
    if target is OS.PENDING_CANCELLATION:
        return order.state_before_cancellation
    return None


def move_items(order: ProductOrder, targets: Mapping[str, ItemState], at: datetime) -> ProductOrder:
    """Items to new states, only while order management works on the order."""
    if not targets:
        return order
    if order.state not in WORKING_STATES:
        first = next(iter(targets))
        raise ItemTransitionNotAllowed(
            f"items of order {order.id!r} change only while it is inProgress, pending or held,"
            f" not {order.state.value}",
            order_id=order.id,
            state=order.state.value,
            item_id=first,
        )
    known = {i.id: i for i in order.all_items()}
    for item_id, target in targets.items():
        item = known.get(item_id)
        if item is None:
            raise ItemTransitionNotAllowed(
                f"order {order.id!r} has no item {item_id!r}",
                order_id=order.id,
                state=order.state.value,
                item_id=item_id,
            )
        _require_not_reserved(order, item, target)
        require_item_transition(order.id, item_id, item.state, target)
    changed = order.with_items(lambda i: replace(i, state=targets.get(i.id, i.state)))
    return replace(changed, update_time=at)


def advance(order: ProductOrder, request: Advance, at: datetime) -> ProductOrder:
    """Items first when the order settles (so it can agree with them), else the order first
    (so items of an order just taken over may move). With no order state asked for, an order
    in progress whose items are now all final settles on its own."""
    items = dict(request.items or {})
    target = request.state
    if target is not None:
        _require_for_order_management(order, target)
    if target is not None and target in SETTLED_STATES:
        require_order_transition(order.id, order.state, target)
        order = move(move_items(order, items, at), target, at)
    else:
        if target is not None:
            order = move(order, target, at)
        order = move_items(order, items, at)
        settled = settled_state(i.state for i in order.all_items())
        if target is None and order.state is OS.IN_PROGRESS and settled is not None:
            order = move(order, settled, at)
    if request.expected_completion_time is not None:
        order = replace(order, expected_completion_time=request.expected_completion_time)
    return order


# Entered only by submission or by a cancellation request, never by order management.
_RESERVED = frozenset({OS.ACKNOWLEDGED, OS.ASSESSING_CANCELLATION, OS.PENDING_CANCELLATION})


def _require_for_order_management(order: ProductOrder, target: OrderState) -> None:
    reserved = target in _RESERVED or (
        target is OS.CANCELLED and order.state is not OS.PENDING_CANCELLATION
    )
    if reserved:
        raise OrderTransitionNotAllowed(
            f"order {order.id!r} enters {target.value} only through submission or a"
            " cancellation request, not by advancing it",
            order_id=order.id,
            state=order.state.value,
            target=target.value,
        )


def _require_way_back(order: ProductOrder, target: OrderState) -> None:
    """A rejected cancellation returns the order to exactly where it was."""
    if order.state is not OS.ASSESSING_CANCELLATION or target is OS.PENDING_CANCELLATION:
        return
    before = order.state_before_cancellation
    if target is not before:
        raise OrderTransitionNotAllowed(
            f"order {order.id!r} can only go back to {before.value if before else 'its former'}"
            f" state, not {target.value}",
            order_id=order.id,
            state=order.state.value,
            target=target.value,
        )


def _require_items_agree(order: ProductOrder, target: OrderState) -> None:
    settled = settled_state(i.state for i in order.all_items())
    if settled is not target:
        states = ", ".join(f"{i.id}={_name(i.state)}" for i in order.all_items())
        raise ItemStatesInconsistent(
            f"order {order.id!r} cannot be {target.value} with its items {states}",
            order_id=order.id,
            state=order.state.value,
            target=target.value,
        )


def _carry_items(order: ProductOrder, target: OrderState) -> ProductOrder:
    item_target = _CARRIED.get(target)
    if item_target is None:
        return order
    if target is OS.FAILED and any(
        i.state in (IS.COMPLETED, IS.PARTIAL) for i in order.all_items()
    ):
        raise ItemStatesInconsistent(
            f"order {order.id!r} cannot fail: some of its items were delivered (use partial)",
            order_id=order.id,
            state=order.state.value,
            target=target.value,
        )

    def carry(item: OrderItem) -> OrderItem:
        if item.state in FINAL_ITEM_STATES:
            return item
        if target is OS.PENDING_CANCELLATION and item.state is not IS.ASSESSING_CANCELLATION:
            return item
        require_item_transition(order.id, item.id, item.state, item_target)
        remembered = item.state if item_target is IS.ASSESSING_CANCELLATION else None
        return replace(item, state=item_target, state_before_cancellation=remembered)

    return order.with_items(carry)


def _items_back(order: ProductOrder) -> ProductOrder:
    """A rejected cancellation: every item assessed goes back to where it was."""

    def back(item: OrderItem) -> OrderItem:
        if item.state is not IS.ASSESSING_CANCELLATION or item.state_before_cancellation is None:
            return item
        return replace(item, state=item.state_before_cancellation, state_before_cancellation=None)

    return order.with_items(back)


def _require_not_reserved(order: ProductOrder, item: OrderItem, target: ItemState) -> None:
    if target in (IS.ASSESSING_CANCELLATION, IS.PENDING_CANCELLATION):
        raise ItemTransitionNotAllowed(
            f"item {item.id!r} enters {target.value} only through a cancellation request",
            order_id=order.id,
            state=_name(item.state),
            item_id=item.id,
            target=target.value,
        )


def _name(state: ItemState | None) -> str:
    return state.value if state is not None else "none"
