"""Order and item states stay consistent while order management advances an order."""

from __future__ import annotations

import pytest

from domain.ordering.errors import (
    ItemStatesInconsistent,
    ItemTransitionNotAllowed,
    OrderTransitionNotAllowed,
)
from domain.ordering.model import ItemState, OrderState, ProductOrder
from domain.ordering.progress import Advance, acknowledge, advance, move
from tests.unit.ordering.builders import item, order
from tests.unit.ordering.fakes import NOW

I = ItemState  # noqa: E741
S = OrderState
TWO = (item("1"), item("2", "off-tv", items=(item("2.1", "off-box"),)))


def states(o: ProductOrder) -> dict[str, ItemState | None]:
    return {i.id: i.state for i in o.all_items()}


def test_acknowledging_a_draft_acknowledges_every_item_nested_ones_too() -> None:
    done = acknowledge(order(S.DRAFT, *TWO), NOW)
    assert done.state is S.ACKNOWLEDGED
    assert set(states(done).values()) == {I.ACKNOWLEDGED}


def test_items_move_only_while_the_order_is_worked_on() -> None:
    with pytest.raises(ItemTransitionNotAllowed, match="only while"):
        advance(order(S.ACKNOWLEDGED, *TWO), Advance(items={"1": I.IN_PROGRESS}), NOW)
    taken = advance(
        order(S.ACKNOWLEDGED, *TWO),
        Advance(state=S.IN_PROGRESS, items={"1": I.IN_PROGRESS, "2.1": I.IN_PROGRESS}),
        NOW,
    )
    assert taken.state is S.IN_PROGRESS
    assert states(taken) == {"1": I.IN_PROGRESS, "2": I.ACKNOWLEDGED, "2.1": I.IN_PROGRESS}


def test_an_unknown_item_is_refused() -> None:
    with pytest.raises(ItemTransitionNotAllowed, match="no item 'x'"):
        advance(order(S.IN_PROGRESS, *TWO), Advance(items={"x": I.IN_PROGRESS}), NOW)


def test_completing_needs_every_item_completed() -> None:
    running = order(S.IN_PROGRESS, *TWO, item_state=I.IN_PROGRESS)
    with pytest.raises(ItemStatesInconsistent) as refused:
        advance(running, Advance(state=S.COMPLETED, items={"1": I.COMPLETED}), NOW)
    assert refused.value.reason == "ITEM_STATES_INCONSISTENT"
    all_done = dict.fromkeys(["1", "2", "2.1"], I.COMPLETED)
    done = advance(running, Advance(state=S.COMPLETED, items=all_done), NOW)
    assert done.state is S.COMPLETED
    assert done.completion_time == NOW


def test_partial_needs_a_mix_and_failed_needs_nothing_delivered() -> None:
    running = order(S.IN_PROGRESS, *TWO, item_state=I.IN_PROGRESS)
    mixed = {"1": I.COMPLETED, "2": I.FAILED, "2.1": I.FAILED}
    assert advance(running, Advance(state=S.PARTIAL, items=mixed), NOW).state is S.PARTIAL
    with pytest.raises(ItemStatesInconsistent, match="delivered"):
        advance(running, Advance(state=S.FAILED, items=mixed), NOW)
    with pytest.raises(ItemStatesInconsistent):
        advance(running, Advance(state=S.PARTIAL, items=dict.fromkeys(mixed, I.COMPLETED)), NOW)


def test_failing_an_order_fails_its_open_items() -> None:
    running = order(S.IN_PROGRESS, *TWO, item_state=I.IN_PROGRESS)
    running = advance(running, Advance(items={"2.1": I.PENDING}), NOW)
    failed = advance(running, Advance(state=S.FAILED), NOW)
    assert failed.state is S.FAILED
    assert set(states(failed).values()) == {I.FAILED}


def test_rejecting_an_order_rejects_its_items() -> None:
    rejected = advance(order(S.ACKNOWLEDGED, *TWO), Advance(state=S.REJECTED), NOW)
    assert set(states(rejected).values()) == {I.REJECTED}


def test_an_order_in_progress_settles_when_its_last_item_ends() -> None:
    running = order(S.IN_PROGRESS, *TWO, item_state=I.IN_PROGRESS)
    half = advance(running, Advance(items={"1": I.COMPLETED, "2.1": I.COMPLETED}), NOW)
    assert half.state is S.IN_PROGRESS
    done = advance(half, Advance(items={"2": I.FAILED}), NOW)
    assert done.state is S.PARTIAL


def test_a_held_order_does_not_settle_on_its_own() -> None:
    held = order(S.HELD, item("1"), item_state=I.IN_PROGRESS)
    assert advance(held, Advance(items={"1": I.COMPLETED}), NOW).state is S.HELD


@pytest.mark.parametrize(
    ("current", "target"),
    [
        (S.IN_PROGRESS, S.ASSESSING_CANCELLATION),
        (S.ASSESSING_CANCELLATION, S.PENDING_CANCELLATION),
        (S.ACKNOWLEDGED, S.CANCELLED),
        (S.DRAFT, S.ACKNOWLEDGED),
    ],
)
def test_order_management_cannot_enter_cancellation_or_submission_states(
    current: OrderState, target: OrderState
) -> None:
    with pytest.raises(OrderTransitionNotAllowed, match="only through"):
        advance(order(current, item("1")), Advance(state=target), NOW)


@pytest.mark.parametrize("target", [I.ASSESSING_CANCELLATION, I.PENDING_CANCELLATION])
def test_items_enter_cancellation_states_only_with_the_order(target: ItemState) -> None:
    with pytest.raises(ItemTransitionNotAllowed, match="cancellation request"):
        advance(order(S.IN_PROGRESS, item("1")), Advance(items={"1": target}), NOW)


def test_a_cancellation_being_assessed_goes_back_only_where_it_came_from() -> None:
    running = order(S.HELD, *TWO, item_state=I.HELD)
    assessed = move(running, S.ASSESSING_CANCELLATION, NOW)
    assert assessed.state_before_cancellation is S.HELD
    assert set(states(assessed).values()) == {I.ASSESSING_CANCELLATION}
    with pytest.raises(OrderTransitionNotAllowed, match="back to held"):
        move(assessed, S.IN_PROGRESS, NOW)
    back = move(assessed, S.HELD, NOW)
    assert back.state_before_cancellation is None
    assert set(states(back).values()) == {I.HELD}


def test_expected_completion_is_recorded() -> None:
    later = NOW.replace(year=2027)
    moved = advance(
        order(S.ACKNOWLEDGED), Advance(state=S.IN_PROGRESS, expected_completion_time=later), NOW
    )
    assert moved.expected_completion_time == later
