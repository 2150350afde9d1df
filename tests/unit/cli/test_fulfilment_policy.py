"""The fulfilment simulator's decisions: ratios honoured, seeded draws reproducible and
independent per kind; and which event asks for which step."""

from __future__ import annotations

import argparse

import pytest

from cli.fulfilment.policy import FulfilmentPolicy, ratio
from cli.fulfilment.steps import Step, StepKind, plan
from ordercapture.ordering.v1 import cancellation_pb2, events_pb2, order_pb2

EV = events_pb2
OS = order_pb2
DRAWS = 2000


def _failures(policy: FulfilmentPolicy, n: int = DRAWS) -> list[bool]:
    return [policy.order_fails() for _ in range(n)]


def _rejections(policy: FulfilmentPolicy, n: int = DRAWS) -> list[bool]:
    return [policy.rejects_cancellation() for _ in range(n)]


@pytest.mark.parametrize("share", [0.0, 0.1, 0.5, 0.9, 1.0])
def test_the_failure_ratio_is_honoured(share: float) -> None:
    failed = sum(_failures(FulfilmentPolicy(failure_ratio=share, seed=3)))
    assert abs(failed / DRAWS - share) < 0.04
    if share in (0.0, 1.0):
        assert failed == share * DRAWS  # exactly never / always


@pytest.mark.parametrize("share", [0.0, 0.25, 1.0])
def test_the_cancellation_reject_ratio_is_honoured(share: float) -> None:
    rejected = sum(_rejections(FulfilmentPolicy(cancellation_reject_ratio=share, seed=3)))
    assert abs(rejected / DRAWS - share) < 0.04


def test_the_same_seed_gives_the_same_decisions() -> None:
    first = FulfilmentPolicy(failure_ratio=0.5, seed=42)
    again = FulfilmentPolicy(failure_ratio=0.5, seed=42)
    other = FulfilmentPolicy(failure_ratio=0.5, seed=43)
    assert _failures(first, 50) == _failures(again, 50) != _failures(other, 50)


def test_cancellation_decisions_do_not_shift_failures() -> None:
    plain = FulfilmentPolicy(failure_ratio=0.5, seed=7)
    mixed = FulfilmentPolicy(failure_ratio=0.5, seed=7)
    expected = _failures(plain, 20)
    found = []
    for _ in range(20):
        mixed.rejects_cancellation()
        found.append(mixed.order_fails())
    assert found == expected


@pytest.mark.parametrize("bad", [-0.1, 1.5, float("nan")])
def test_ratios_outside_0_to_1_are_refused(bad: float) -> None:
    with pytest.raises(ValueError, match="between 0 and 1"):
        FulfilmentPolicy(failure_ratio=bad)
    with pytest.raises(ValueError, match="between 0 and 1"):
        FulfilmentPolicy(cancellation_reject_ratio=bad)


def test_ratio_argument() -> None:
    assert ratio("0.25") == 0.25
    for bad in ("x", "-1", "2", "nan"):
        with pytest.raises(argparse.ArgumentTypeError):
            ratio(bad)


def _order(state: int, *item_states: int) -> order_pb2.ProductOrder:
    items = [order_pb2.OrderItem(id=str(n), state=s) for n, s in enumerate(item_states, 1)]  # type: ignore[arg-type]
    return order_pb2.ProductOrder(id="o1", state=state, items=items)  # type: ignore[arg-type]


def _event(kind: int, order: order_pb2.ProductOrder, **fields: object) -> events_pb2.OrderEvent:
    return events_pb2.OrderEvent(sequence=9, type=kind, order=order, **fields)  # type: ignore[arg-type]


NEVER = FulfilmentPolicy(failure_ratio=0.0, cancellation_reject_ratio=0.0)
ALWAYS = FulfilmentPolicy(failure_ratio=1.0, cancellation_reject_ratio=1.0)


def test_an_acknowledged_order_is_started_with_its_open_items() -> None:
    nested = order_pb2.OrderItem(id="1.1", state=OS.ITEM_STATE_ACKNOWLEDGED)
    order = _order(OS.ORDER_STATE_ACKNOWLEDGED, OS.ITEM_STATE_ACKNOWLEDGED, OS.ITEM_STATE_REJECTED)
    order.items[0].items.append(nested)
    step = plan(_event(EV.ORDER_EVENT_TYPE_ORDER_CREATED, order), NEVER)
    assert step == Step(StepKind.START, "o1", 9, ("1", "1.1"))


def test_an_order_in_progress_completes_or_fails_as_drawn() -> None:
    order = _order(OS.ORDER_STATE_IN_PROGRESS, OS.ITEM_STATE_IN_PROGRESS, OS.ITEM_STATE_COMPLETED)
    event = _event(EV.ORDER_EVENT_TYPE_ORDER_STATE_CHANGED, order)
    assert plan(event, NEVER) == Step(StepKind.COMPLETE, "o1", 9, ("1",))
    assert plan(event, ALWAYS) == Step(StepKind.FAIL, "o1", 9)


def test_a_cancellation_under_assessment_is_decided_as_drawn() -> None:
    task = cancellation_pb2.CancellationRequest(
        id="c1", order_id="o1", state=cancellation_pb2.CANCELLATION_STATE_ACKNOWLEDGED
    )
    order = _order(OS.ORDER_STATE_ASSESSING_CANCELLATION)
    event = _event(EV.ORDER_EVENT_TYPE_CANCELLATION_CREATED, order, cancellation=task)
    assert plan(event, NEVER) == Step(StepKind.ACCEPT_CANCELLATION, "o1", 9, cancellation_id="c1")
    assert plan(event, ALWAYS) == Step(StepKind.REJECT_CANCELLATION, "o1", 9, cancellation_id="c1")
    immediate = events_pb2.OrderEvent()
    immediate.CopyFrom(event)
    immediate.cancellation.state = cancellation_pb2.CANCELLATION_STATE_DONE
    assert plan(immediate, NEVER) is None


def test_an_accepted_cancellation_is_carried_out() -> None:
    order = _order(OS.ORDER_STATE_PENDING_CANCELLATION)
    step = plan(_event(EV.ORDER_EVENT_TYPE_ORDER_STATE_CHANGED, order), NEVER)
    assert step == Step(StepKind.FINISH_CANCELLATION, "o1", 9)


@pytest.mark.parametrize(
    ("kind", "state"),
    [
        (EV.ORDER_EVENT_TYPE_ORDER_STATE_CHANGED, OS.ORDER_STATE_COMPLETED),
        (EV.ORDER_EVENT_TYPE_ORDER_STATE_CHANGED, OS.ORDER_STATE_ASSESSING_CANCELLATION),
        (EV.ORDER_EVENT_TYPE_ORDER_CREATED, OS.ORDER_STATE_DRAFT),
        (EV.ORDER_EVENT_TYPE_ORDER_ATTRIBUTES_CHANGED, OS.ORDER_STATE_IN_PROGRESS),
        (EV.ORDER_EVENT_TYPE_ORDER_DELETED, OS.ORDER_STATE_ACKNOWLEDGED),
    ],
)
def test_other_events_ask_for_nothing(kind: int, state: int) -> None:
    assert plan(_event(kind, _order(state)), ALWAYS) is None
