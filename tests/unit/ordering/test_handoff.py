"""Order management's use cases over the fakes: advancing orders and items, deciding
cancellations, and the events they write."""

from __future__ import annotations

from datetime import timedelta

import pytest

from domain.ordering.cancellation import CancellationState
from domain.ordering.errors import (
    CancellationAlreadyDecided,
    CancellationNotFound,
    ItemStatesInconsistent,
    ItemTransitionNotAllowed,
    OrderNotFound,
    OrderTransitionNotAllowed,
)
from domain.ordering.model import ItemState, OrderState, ProductOrder
from domain.ordering.progress import Advance
from tests.unit.ordering.builders import content, item
from tests.unit.ordering.fakes import NOW
from tests.unit.ordering.services_world import CHANNEL, OM, World

S = OrderState
I = ItemState  # noqa: E741


async def submitted(world: World) -> ProductOrder:
    return await world.capture.create(content(item("1"), item("2")), draft=False, context=CHANNEL)


async def test_the_whole_journey_to_completed() -> None:
    world = World()
    order = await submitted(world)
    later = NOW + timedelta(days=3)
    taken = await world.handoff.advance(
        order.id,
        Advance(state=S.IN_PROGRESS, items={"1": I.IN_PROGRESS}, expected_completion_time=later),
        "",
        OM,
    )
    assert (taken.state, taken.expected_completion_time) == (S.IN_PROGRESS, later)
    await world.handoff.advance(order.id, Advance(items={"2": I.IN_PROGRESS}), "", OM)
    world.clock.advance(timedelta(hours=1))
    done = await world.handoff.advance(
        order.id, Advance(items={"1": I.COMPLETED, "2": I.COMPLETED}), "", OM
    )
    assert done.state is S.COMPLETED
    assert done.completion_time == NOW + timedelta(hours=1)
    assert world.db.orders[order.id] == done
    assert world.event_types() == ["orderCreated"] + ["orderStateChanged"] * 3
    assert {e.correlation_id for e in world.db.events[1:]} == {"corr-om"}


async def test_a_refused_transition_stores_nothing() -> None:
    world = World()
    order = await submitted(world)
    with pytest.raises(ItemTransitionNotAllowed):
        await world.handoff.advance(
            order.id, Advance(state=S.IN_PROGRESS, items={"1": I.COMPLETED}), "", OM
        )
    await world.handoff.advance(order.id, Advance(state=S.IN_PROGRESS), "", OM)
    taken = world.db.orders[order.id]
    with pytest.raises(ItemStatesInconsistent):
        await world.handoff.advance(order.id, Advance(state=S.COMPLETED), "", OM)
    with pytest.raises(OrderTransitionNotAllowed):
        await world.handoff.advance(order.id, Advance(state=S.REJECTED), "", OM)
    assert world.db.orders[order.id] == taken
    assert world.event_types() == ["orderCreated", "orderStateChanged"]


async def test_a_reason_is_kept_as_a_note_and_only_attributes_may_change() -> None:
    world = World()
    order = await submitted(world)
    later = NOW + timedelta(days=1)
    held = await world.handoff.advance(order.id, Advance(state=S.HELD), "waiting for stock", OM)
    assert [(n.author, n.text) for n in held.content.notes] == [
        ("order management", "waiting for stock")
    ]
    dated = await world.handoff.advance(order.id, Advance(expected_completion_time=later), "", OM)
    assert dated.expected_completion_time == later
    assert world.event_types() == ["orderCreated", "orderStateChanged", "orderAttributesChanged"]
    assert world.db.events[1].order == held
    untouched = await world.handoff.advance(order.id, Advance(), "", OM)
    assert untouched == dated
    assert len(world.db.events) == 3


async def test_a_rejected_cancellation_returns_the_order() -> None:
    world = World()
    order = await submitted(world)
    await world.handoff.advance(order.id, Advance(state=S.PENDING), "", OM)
    task = await world.capture.request_cancellation(
        order.id, reason="", requested_time=None, context=CHANNEL
    )
    decided = await world.handoff.decide_cancellation(
        task.id, accept=False, reason="already installed", context=OM
    )
    assert (decided.state, decided.rejection_reason) == (
        CancellationState.REJECTED,
        "already installed",
    )
    assert world.db.orders[order.id].state is S.PENDING
    with pytest.raises(CancellationAlreadyDecided):
        await world.handoff.decide_cancellation(task.id, accept=True, reason="", context=OM)
    assert world.event_types()[-2:] == ["cancellationStateChanged", "orderStateChanged"]


async def test_a_pending_cancellation_ends_only_in_cancelled() -> None:
    world = World()
    order = await submitted(world)
    await world.handoff.advance(order.id, Advance(state=S.IN_PROGRESS), "", OM)
    task = await world.capture.request_cancellation(
        order.id, reason="", requested_time=None, context=CHANNEL
    )
    await world.handoff.decide_cancellation(task.id, accept=True, reason="", context=OM)
    with pytest.raises(OrderTransitionNotAllowed):
        await world.handoff.advance(order.id, Advance(state=S.IN_PROGRESS), "", OM)
    assert world.db.cancellations[task.id].state is CancellationState.IN_PROGRESS


async def test_unknown_ids() -> None:
    world = World()
    with pytest.raises(OrderNotFound):
        await world.handoff.advance("nope", Advance(state=S.IN_PROGRESS), "", OM)
    with pytest.raises(CancellationNotFound):
        await world.handoff.decide_cancellation("nope", accept=True, reason="", context=OM)
