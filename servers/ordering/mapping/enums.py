"""Domain enums <-> proto enums. Proto values are the domain member names with the enum's
prefix (OrderState.IN_PROGRESS <-> ORDER_STATE_IN_PROGRESS); UNSPECIFIED, and numbers this
build does not know, read as None."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from domain.ordering.cancellation import CancellationState
from domain.ordering.errors import UnknownFilterValue
from domain.ordering.events import OrderEventType
from domain.ordering.model import ItemAction, ItemState, OrderState
from ordercapture.ordering.v1 import cancellation_pb2, events_pb2
from ordercapture.ordering.v1 import order_pb2 as pb

Known = TypeVar("Known")

ORDER_STATES = {s: pb.OrderState.Value(f"ORDER_STATE_{s.name}") for s in OrderState}
ITEM_STATES = {s: pb.ItemState.Value(f"ITEM_STATE_{s.name}") for s in ItemState}
ITEM_ACTIONS = {a: pb.ItemAction.Value(f"ITEM_ACTION_{a.name}") for a in ItemAction}
CANCELLATION_STATES = {
    s: cancellation_pb2.CancellationState.Value(f"CANCELLATION_STATE_{s.name}")
    for s in CancellationState
}
EVENT_TYPES = {
    t: events_pb2.OrderEventType.Value(f"ORDER_EVENT_TYPE_{t.name}") for t in OrderEventType
}
_ORDER_STATES: dict[int, OrderState] = {int(v): k for k, v in ORDER_STATES.items()}
_ITEM_STATES: dict[int, ItemState] = {int(v): k for k, v in ITEM_STATES.items()}
_ITEM_ACTIONS: dict[int, ItemAction] = {int(v): k for k, v in ITEM_ACTIONS.items()}
_EVENT_TYPES: dict[int, OrderEventType] = {int(v): k for k, v in EVENT_TYPES.items()}
_CANCELLATION_STATES: dict[int, CancellationState] = {
    int(v): k for k, v in CANCELLATION_STATES.items()
}


def order_state_to(state: OrderState) -> pb.OrderState.ValueType:
    return ORDER_STATES[state]


def order_state_from(number: int) -> OrderState | None:
    return _ORDER_STATES.get(number)


def item_state_to(state: ItemState | None) -> pb.ItemState.ValueType:
    return pb.ITEM_STATE_UNSPECIFIED if state is None else ITEM_STATES[state]


def item_state_from(number: int) -> ItemState | None:
    return _ITEM_STATES.get(number)


def item_action_to(action: ItemAction | None) -> pb.ItemAction.ValueType:
    return pb.ITEM_ACTION_UNSPECIFIED if action is None else ITEM_ACTIONS[action]


def item_action_from(number: int) -> ItemAction | None:
    return _ITEM_ACTIONS.get(number)


def cancellation_state_to(state: CancellationState) -> cancellation_pb2.CancellationState.ValueType:
    return CANCELLATION_STATES[state]


def cancellation_state_from(number: int) -> CancellationState | None:
    return _CANCELLATION_STATES.get(number)


def event_type_to(kind: OrderEventType) -> events_pb2.OrderEventType.ValueType:
    return EVENT_TYPES[kind]


def event_type_from(number: int) -> OrderEventType | None:
    return _EVENT_TYPES.get(number)


def known_values(
    numbers: Iterable[int], read: Callable[[int], Known | None], field: str
) -> tuple[Known, ...]:
    """Every requested value read, or UnknownFilterValue naming the first unknown one."""
    found = []
    for number in numbers:
        value = read(number)
        if value is None:
            raise UnknownFilterValue(field, number)
        found.append(value)
    return tuple(found)
