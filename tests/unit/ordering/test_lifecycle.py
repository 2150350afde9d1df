"""The full transition tables: every allowed pair passes, every other pair is refused with
ORDER_TRANSITION_NOT_ALLOWED / ITEM_TRANSITION_NOT_ALLOWED (category CONFLICT)."""

from __future__ import annotations

import itertools

import pytest

from domain.ordering.errors import ItemTransitionNotAllowed, OrderTransitionNotAllowed
from domain.ordering.lifecycle import (
    FINAL_ITEM_STATES,
    FINAL_ORDER_STATES,
    require_item_transition,
    require_order_transition,
    settled_state,
)
from domain.ordering.model import ItemState, OrderState
from domain.shared.errors import ErrorCategory

# Written out independently of lifecycle.py, so that a change to the table shows up here.
ORDER_ALLOWED = """
draft acknowledged
acknowledged inProgress
acknowledged pending
acknowledged held
acknowledged rejected
acknowledged cancelled
pending inProgress
pending held
pending failed
pending assessingCancellation
held inProgress
held pending
held failed
held assessingCancellation
inProgress completed
inProgress failed
inProgress partial
inProgress pending
inProgress held
inProgress assessingCancellation
assessingCancellation pendingCancellation
assessingCancellation inProgress
assessingCancellation pending
assessingCancellation held
pendingCancellation cancelled
"""

ITEM_ALLOWED = """
acknowledged inProgress
acknowledged pending
acknowledged held
acknowledged rejected
acknowledged failed
acknowledged cancelled
acknowledged assessingCancellation
pending inProgress
pending held
pending failed
pending cancelled
pending assessingCancellation
held inProgress
held pending
held failed
held cancelled
held assessingCancellation
inProgress completed
inProgress failed
inProgress partial
inProgress pending
inProgress held
inProgress assessingCancellation
assessingCancellation pendingCancellation
assessingCancellation acknowledged
assessingCancellation inProgress
assessingCancellation pending
assessingCancellation held
pendingCancellation cancelled
"""


def _pairs(text: str) -> set[tuple[str, str]]:
    return {(a, b) for a, b in (line.split() for line in text.strip().splitlines())}


ORDER_PAIRS = _pairs(ORDER_ALLOWED)
ITEM_PAIRS = _pairs(ITEM_ALLOWED)


@pytest.mark.parametrize(
    ("current", "target"),
    list(itertools.product(OrderState, OrderState)),
    ids=lambda s: s.value,
)
def test_order_transition_table(current: OrderState, target: OrderState) -> None:
    if (current.value, target.value) in ORDER_PAIRS:
        require_order_transition("ord-1", current, target)
        return
    with pytest.raises(OrderTransitionNotAllowed) as refused:
        require_order_transition("ord-1", current, target)
    assert refused.value.reason == "ORDER_TRANSITION_NOT_ALLOWED"
    assert refused.value.category is ErrorCategory.CONFLICT
    assert refused.value.metadata == {"id": "ord-1", "state": current.value, "target": target.value}


@pytest.mark.parametrize(
    ("current", "target"),
    list(itertools.product(ItemState, ItemState)),
    ids=lambda s: s.value,
)
def test_item_transition_table(current: ItemState, target: ItemState) -> None:
    if (current.value, target.value) in ITEM_PAIRS:
        require_item_transition("ord-1", "1", current, target)
        return
    with pytest.raises(ItemTransitionNotAllowed) as refused:
        require_item_transition("ord-1", "1", current, target)
    assert refused.value.reason == "ITEM_TRANSITION_NOT_ALLOWED"
    assert refused.value.category is ErrorCategory.CONFLICT


@pytest.mark.parametrize("target", list(ItemState), ids=lambda s: s.value)
def test_an_item_of_a_draft_has_no_state_to_leave(target: ItemState) -> None:
    with pytest.raises(ItemTransitionNotAllowed, match="none"):
        require_item_transition("ord-1", "1", None, target)


def test_final_states() -> None:
    names = {"completed", "failed", "partial", "cancelled", "rejected"}
    assert {s.value for s in FINAL_ORDER_STATES} == names
    assert {s.value for s in FINAL_ITEM_STATES} == names


def test_the_refusal_says_what_is_allowed() -> None:
    with pytest.raises(OrderTransitionNotAllowed, match=r"allowed: cancelled\)"):
        require_order_transition("ord-1", OrderState.PENDING_CANCELLATION, OrderState.COMPLETED)
    with pytest.raises(OrderTransitionNotAllowed, match="it is final"):
        require_order_transition("ord-1", OrderState.COMPLETED, OrderState.IN_PROGRESS)


I = ItemState  # noqa: E741


@pytest.mark.parametrize(
    ("states", "expected"),
    [
        ([I.COMPLETED, I.COMPLETED], OrderState.COMPLETED),
        ([I.COMPLETED, I.FAILED], OrderState.PARTIAL),
        ([I.PARTIAL], OrderState.PARTIAL),
        ([I.FAILED, I.CANCELLED, I.REJECTED], OrderState.FAILED),
        ([I.COMPLETED, I.IN_PROGRESS], None),
        ([], None),
    ],
)
def test_what_items_say_of_the_order(states: list[ItemState], expected: OrderState | None) -> None:
    assert settled_state(states) is expected
