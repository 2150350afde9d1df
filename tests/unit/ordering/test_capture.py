"""Channel use cases over the fakes: create (acknowledged or draft), submit, update, delete,
request cancellation; what is stored and which events are written with which correlation id."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from domain.ordering.cancellation import CancellationState
from domain.ordering.errors import (
    CancellationNotFound,
    FieldNotUpdatable,
    InvalidOrder,
    OrderNotDeletable,
    OrderNotFound,
    OrderTransitionNotAllowed,
)
from domain.ordering.model import ItemState, Note, OrderState
from domain.ordering.progress import Advance
from tests.unit.ordering.builders import content, item
from tests.unit.ordering.fakes import NOW
from tests.unit.ordering.services_world import CHANNEL, OM, World


async def test_a_valid_order_is_stored_acknowledged_with_one_event() -> None:
    world = World()
    order = await world.capture.create(
        content(item("1"), notes=(Note(text="hi"),)), draft=False, context=CHANNEL
    )
    assert order.state is OrderState.ACKNOWLEDGED
    assert order.correlation_id == "corr-1"
    assert (order.create_time, order.update_time) == (NOW, NOW)
    assert [i.state for i in order.all_items()] == [ItemState.ACKNOWLEDGED]
    assert order.content.notes[0].create_time == NOW
    assert world.db.orders == {order.id: order}
    [event] = world.db.events
    assert (event.type.value, event.correlation_id, event.order) == (
        "orderCreated",
        "corr-1",
        order,
    )
    assert await world.capture.get(order.id) == order


async def test_an_invalid_order_stores_nothing() -> None:
    world = World()
    with pytest.raises(InvalidOrder) as refused:
        await world.capture.create(content(item("1", "off-refused")), draft=False, context=CHANNEL)
    assert [p.code for p in refused.value.problems] == ["ITEM_NOT_ELIGIBLE"]
    assert (world.db.orders, world.db.events, world.db.commits) == ({}, [], 0)


async def test_a_draft_gets_structural_checks_only_and_no_event() -> None:
    world = World()
    incomplete = content(item("1", "off-refused"), parties=())
    draft = await world.capture.create(incomplete, draft=True, context=CHANNEL)
    assert draft.state is OrderState.DRAFT
    assert [i.state for i in draft.all_items()] == [None]
    assert world.eligibility.judged == []
    assert world.db.events == []
    with pytest.raises(InvalidOrder, match="OFFERING_REQUIRED"):
        await world.capture.create(content(item("1", "")), draft=True, context=CHANNEL)


async def test_submitting_a_draft_runs_the_full_validation() -> None:
    world = World()
    draft = await world.capture.create(
        content(item("1", "off-refused"), parties=()), draft=True, context=CHANNEL
    )
    with pytest.raises(InvalidOrder) as refused:
        await world.capture.submit(draft.id, CHANNEL)
    assert [p.code for p in refused.value.problems] == ["CUSTOMER_MISSING"]
    fixed = content(item("1"))
    await world.capture.update(draft.id, frozenset({"parties", "items"}), fixed, CHANNEL)
    submit = replace(CHANNEL, correlation_id="corr-submit")
    order = await world.capture.submit(draft.id, submit)
    assert order.state is OrderState.ACKNOWLEDGED
    assert order.correlation_id == "corr-1"  # the request that created it
    assert [(e.type.value, e.correlation_id) for e in world.db.events] == [
        ("orderCreated", "corr-submit")
    ]
    with pytest.raises(OrderTransitionNotAllowed):
        await world.capture.submit(draft.id, CHANNEL)


async def test_a_draft_update_keeps_its_structure_valid() -> None:
    world = World()
    draft = await world.capture.create(content(item("1")), draft=True, context=CHANNEL)
    with pytest.raises(InvalidOrder, match="ITEM_ID_DUPLICATE"):
        await world.capture.update(
            draft.id, frozenset({"items"}), content(item("1"), item("1")), CHANNEL
        )
    assert world.db.orders[draft.id] == draft


async def test_updating_a_submitted_order_writes_an_attributes_event() -> None:
    world = World()
    order = await world.capture.create(content(item("1")), draft=False, context=CHANNEL)
    world.clock.advance(timedelta(minutes=5))
    new = content(item("2"), description="gift")
    update = replace(CHANNEL, correlation_id="corr-2")
    changed = await world.capture.update(order.id, frozenset({"description"}), new, update)
    assert changed.content.description == "gift"
    assert changed.update_time == NOW + timedelta(minutes=5)
    assert world.event_types() == ["orderCreated", "orderAttributesChanged"]
    assert world.db.events[-1].correlation_id == "corr-2"
    with pytest.raises(FieldNotUpdatable, match="items"):
        await world.capture.update(order.id, frozenset({"items"}), new, CHANNEL)


async def test_deleting_drafts_and_final_orders_only() -> None:
    world = World()
    draft = await world.capture.create(content(item("1")), draft=True, context=CHANNEL)
    await world.capture.delete(draft.id, CHANNEL)
    assert world.db.orders == {}
    assert world.db.events == []  # a draft was never published
    order = await world.capture.create(content(item("1")), draft=False, context=CHANNEL)
    with pytest.raises(OrderNotDeletable):
        await world.capture.delete(order.id, CHANNEL)
    await world.capture.request_cancellation(
        order.id, reason="", requested_time=None, context=CHANNEL
    )
    await world.capture.delete(order.id, replace(CHANNEL, correlation_id="corr-del"))
    assert world.db.orders == {}
    assert world.db.events[-1].type.value == "orderDeleted"
    assert world.db.events[-1].correlation_id == "corr-del"
    assert world.db.events[-1].order.state is OrderState.CANCELLED


async def test_unknown_ids() -> None:
    world = World()
    with pytest.raises(OrderNotFound):
        await world.capture.get("nope")
    with pytest.raises(OrderNotFound):
        await world.capture.request_cancellation(
            "nope", reason="", requested_time=None, context=CHANNEL
        )
    with pytest.raises(CancellationNotFound):
        await world.capture.get_cancellation("nope")


async def test_immediate_cancellation_events() -> None:
    world = World()
    order = await world.capture.create(content(item("1")), draft=False, context=CHANNEL)
    wanted = NOW + timedelta(days=1)
    cancel = replace(CHANNEL, correlation_id="corr-cancel")
    task = await world.capture.request_cancellation(
        order.id, reason="changed mind", requested_time=wanted, context=cancel
    )
    assert task.state is CancellationState.DONE
    assert task.requested_cancellation_time == wanted
    assert await world.capture.get_cancellation(task.id) == task
    assert world.db.orders[order.id].state is OrderState.CANCELLED
    created, changed = world.db.events[1:]
    assert (created.type.value, created.cancellation) == ("cancellationCreated", task)
    assert (changed.type.value, changed.order.state) == ("orderStateChanged", OrderState.CANCELLED)
    assert {created.correlation_id, changed.correlation_id} == {"corr-cancel"}


async def test_assessed_cancellation_accepted_then_carried_out() -> None:
    world = World()
    order = await world.capture.create(content(item("1")), draft=False, context=CHANNEL)
    await world.handoff.advance(order.id, Advance(state=OrderState.IN_PROGRESS), "", OM)
    task = await world.capture.request_cancellation(
        order.id, reason="too slow", requested_time=None, context=CHANNEL
    )
    assert task.state is CancellationState.ACKNOWLEDGED
    assert world.db.orders[order.id].state is OrderState.ASSESSING_CANCELLATION
    decided = await world.handoff.decide_cancellation(task.id, accept=True, reason="", context=OM)
    assert decided.state is CancellationState.IN_PROGRESS
    assert world.db.orders[order.id].state is OrderState.PENDING_CANCELLATION
    done = await world.handoff.advance(order.id, Advance(state=OrderState.CANCELLED), "unwound", OM)
    assert done.state is OrderState.CANCELLED
    assert done.content.notes[-1].text == "unwound"
    assert world.db.cancellations[task.id].state is CancellationState.DONE
    assert world.event_types() == [
        "orderCreated",
        "orderStateChanged",
        "cancellationCreated",
        "orderStateChanged",
        "cancellationStateChanged",
        "orderStateChanged",
        "cancellationStateChanged",
        "orderStateChanged",
    ]
    assert [e.correlation_id for e in world.db.events] == [
        "corr-1",
        "corr-om",
        "corr-1",
        "corr-1",
        "corr-om",
        "corr-om",
        "corr-om",
        "corr-om",
    ]
    assert world.db.events[-1].order == done
