"""Every value of the ordering enums has its TMF622 spelling (and back)."""

from __future__ import annotations

from ordercapture.ordering.v1 import cancellation_pb2, order_pb2
from rest_facade.ordering.mapping import vocabulary


def values_of(enum: object) -> set[int]:
    descriptor = enum.DESCRIPTOR  # type: ignore[attr-defined]
    return {value.number for value in descriptor.values if not value.name.endswith("UNSPECIFIED")}


def test_every_order_state_has_a_spelling() -> None:
    assert set(vocabulary.ORDER_STATE_NAMES) == values_of(order_pb2.OrderState)
    for name, state in vocabulary.ORDER_STATES.items():
        assert vocabulary.ORDER_STATE_NAMES[state] == name


def test_every_item_state_has_a_spelling() -> None:
    assert set(vocabulary.ITEM_STATE_NAMES) == values_of(order_pb2.ItemState)
    for name, state in vocabulary.ITEM_STATES.items():
        assert vocabulary.ITEM_STATE_NAMES[state] == name


def test_every_item_action_has_a_spelling() -> None:
    assert set(vocabulary.ITEM_ACTION_NAMES) == values_of(order_pb2.ItemAction)
    assert set(vocabulary.ITEM_ACTIONS) == {"add", "modify", "delete", "noChange"}


def test_every_cancellation_state_has_a_task_state() -> None:
    assert set(vocabulary.CANCELLATION_STATE_NAMES) == values_of(cancellation_pb2.CancellationState)
    for name, state in vocabulary.CANCELLATION_STATES.items():
        assert vocabulary.CANCELLATION_STATE_NAMES[state] == name
