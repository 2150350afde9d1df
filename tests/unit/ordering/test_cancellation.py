"""Cancellation requests in every order state, and the decisions of order management."""

from __future__ import annotations

from dataclasses import replace

import pytest

from domain.ordering import cancellation as cancelling
from domain.ordering.cancellation import Cancellation, CancellationState
from domain.ordering.errors import CancellationAlreadyDecided, OrderNotCancellable
from domain.ordering.model import ItemState, OrderState, ProductOrder
from domain.shared.errors import ErrorCategory
from tests.unit.ordering.builders import item, order
from tests.unit.ordering.fakes import NOW

S = OrderState
C = CancellationState


def ask(o: ProductOrder) -> cancelling.CancellationStep:
    return cancelling.request(
        o, cancellation_id="can-1", reason="moved house", requested_time=None, at=NOW
    )


def item_states(o: ProductOrder) -> set[ItemState | None]:
    return {i.state for i in o.all_items()}


def test_an_order_not_yet_taken_over_is_cancelled_at_once() -> None:
    step = ask(order(S.ACKNOWLEDGED, item("1"), item("2", items=(item("2.1"),))))
    assert step.order.state is S.CANCELLED
    assert item_states(step.order) == {ItemState.CANCELLED}
    assert step.order.cancellation_time == NOW
    assert step.order.cancellation_reason == "moved house"
    assert step.cancellation.state is C.DONE
    assert step.cancellation.effective_cancellation_time == NOW


@pytest.mark.parametrize("state", [S.IN_PROGRESS, S.PENDING, S.HELD])
def test_an_order_being_worked_on_is_assessed(state: OrderState) -> None:
    step = ask(order(state, item("1"), item("2"), item_state=ItemState.PENDING))
    assert step.order.state is S.ASSESSING_CANCELLATION
    assert step.order.state_before_cancellation is state
    assert step.order.cancellation_id == "can-1"
    assert item_states(step.order) == {ItemState.ASSESSING_CANCELLATION}
    assert step.cancellation.state is C.ACKNOWLEDGED
    assert step.cancellation.effective_cancellation_time is None


@pytest.mark.parametrize(
    ("state", "why"),
    [
        (S.DRAFT, "delete it instead"),
        (S.COMPLETED, "already completed"),
        (S.FAILED, "already failed"),
        (S.PARTIAL, "already partial"),
        (S.CANCELLED, "already cancelled"),
        (S.REJECTED, "already rejected"),
        (S.ASSESSING_CANCELLATION, "'can-0' is already under way"),
        (S.PENDING_CANCELLATION, "'can-0' is already under way"),
    ],
)
def test_other_states_refuse_with_a_reason(state: OrderState, why: str) -> None:
    with pytest.raises(OrderNotCancellable, match=why) as refused:
        ask(order(state, item("1"), cancellation_id="can-0"))
    assert refused.value.reason == "ORDER_NOT_CANCELLABLE"
    assert refused.value.category is ErrorCategory.CONFLICT
    assert refused.value.metadata["state"] == state.value


def test_every_order_state_is_covered() -> None:
    covered = {S.ACKNOWLEDGED, S.IN_PROGRESS, S.PENDING, S.HELD, S.DRAFT, S.COMPLETED, S.FAILED}
    covered |= {S.PARTIAL, S.CANCELLED, S.REJECTED, S.ASSESSING_CANCELLATION}
    assert covered | {S.PENDING_CANCELLATION} == set(OrderState)


def assessed(state: OrderState = S.IN_PROGRESS) -> cancelling.CancellationStep:
    running = order(state, item("1"), item("2"), item_state=ItemState.IN_PROGRESS)
    running = running.with_items(
        lambda i: i if i.id == "1" else replace(i, state=ItemState.COMPLETED)
    )
    return ask(running)


def test_accepting_then_carrying_out_cancels_the_order() -> None:
    first = assessed()
    accepted = cancelling.accept(first.order, first.cancellation, NOW)
    assert accepted.order.state is S.PENDING_CANCELLATION
    assert accepted.cancellation.state is C.IN_PROGRESS
    assert {i.id: i.state for i in accepted.order.all_items()} == {
        "1": ItemState.PENDING_CANCELLATION,
        "2": ItemState.COMPLETED,
    }
    done = cancelling.carry_out(accepted.order, accepted.cancellation, NOW)
    assert done.order.state is S.CANCELLED
    assert done.order.cancellation_id == ""
    assert {i.state for i in done.order.all_items()} == {ItemState.CANCELLED, ItemState.COMPLETED}
    assert done.cancellation.state is C.DONE


@pytest.mark.parametrize("state", [S.IN_PROGRESS, S.PENDING, S.HELD])
def test_rejecting_returns_the_order_and_its_items_where_they_were(state: OrderState) -> None:
    first = assessed(state)
    rejected = cancelling.reject(first.order, first.cancellation, "already shipped", NOW)
    assert rejected.order.state is state
    assert rejected.order.cancellation_id == ""
    assert {i.id: i.state for i in rejected.order.all_items()} == {
        "1": ItemState.IN_PROGRESS,
        "2": ItemState.COMPLETED,
    }
    assert rejected.cancellation.state is C.REJECTED
    assert rejected.cancellation.rejection_reason == "already shipped"


@pytest.mark.parametrize("state", [C.REJECTED, C.IN_PROGRESS, C.DONE, C.TERMINATED_WITH_ERROR])
def test_a_decided_cancellation_cannot_be_decided_again(state: CancellationState) -> None:
    first = assessed()
    decided = Cancellation(id="can-1", order_id="ord-1", state=state, create_time=NOW)
    with pytest.raises(CancellationAlreadyDecided) as refused:
        cancelling.accept(first.order, decided, NOW)
    assert refused.value.category is ErrorCategory.CONFLICT
    with pytest.raises(CancellationAlreadyDecided):
        cancelling.reject(first.order, decided, "no", NOW)
