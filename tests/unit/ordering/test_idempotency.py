"""Idempotent creates and cancellations: replay, reuse with another request, in flight,
scoping by client, and refused requests that record nothing."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime

import pytest

from domain.ordering.errors import (
    IdempotencyKeyReused,
    IdempotencyRequestInFlight,
    InvalidOrder,
)
from domain.ordering.idempotency import IdempotencyKey, fingerprint
from domain.ordering.model import OrderItem
from domain.ordering.ports import Judgement
from domain.shared.errors import ErrorCategory
from tests.unit.ordering.builders import content, item
from tests.unit.ordering.fakes import Eligibility, UnitOfWork
from tests.unit.ordering.services_world import CHANNEL, World

KEYED = replace(CHANNEL, request_id="req-1")


async def test_the_same_request_replays_the_first_result() -> None:
    world = World()
    first = await world.capture.create(content(item("1")), draft=False, context=KEYED)
    again = await world.capture.create(content(item("1")), draft=False, context=KEYED)
    assert again == first
    assert len(world.db.orders) == 1
    assert len(world.db.events) == 1


async def test_the_replay_is_the_first_answer_even_after_changes() -> None:
    world = World()
    first = await world.capture.create(content(item("1")), draft=False, context=KEYED)
    await world.capture.update(
        first.id, frozenset({"description"}), content(description="x"), CHANNEL
    )
    assert await world.capture.create(content(item("1")), draft=False, context=KEYED) == first


async def test_another_request_with_the_same_key_is_refused() -> None:
    world = World()
    await world.capture.create(content(item("1")), draft=False, context=KEYED)
    with pytest.raises(IdempotencyKeyReused) as refused:
        await world.capture.create(content(item("2")), draft=False, context=KEYED)
    assert refused.value.category is ErrorCategory.RULE_VIOLATED
    with pytest.raises(IdempotencyKeyReused):
        await world.capture.create(content(item("1")), draft=True, context=KEYED)
    assert len(world.db.orders) == 1


async def test_a_request_still_in_flight_is_refused_with_a_conflict() -> None:
    world = World()
    key = IdempotencyKey("shop", "req-1")
    claimed = await UnitOfWork(world.db).idempotency.claim(
        key, fingerprint("create", False, content(item("1")))
    )
    assert claimed.status.value == "new"
    with pytest.raises(IdempotencyRequestInFlight) as refused:
        await world.capture.create(content(item("1")), draft=False, context=KEYED)
    assert refused.value.category is ErrorCategory.CONFLICT
    assert refused.value.reason == "IDEMPOTENCY_REQUEST_IN_FLIGHT"
    assert world.db.orders == {}


async def test_keys_belong_to_their_client() -> None:
    world = World()
    first = await world.capture.create(content(item("1")), draft=False, context=KEYED)
    other = await world.capture.create(
        content(item("2")), draft=False, context=replace(KEYED, client_id="app")
    )
    assert other.id != first.id
    assert len(world.db.orders) == 2


async def test_a_refused_request_records_nothing_and_may_be_retried() -> None:
    world = World()
    with pytest.raises(InvalidOrder):
        await world.capture.create(content(item("1", "off-unknown")), draft=False, context=KEYED)
    assert world.db.idempotency == {}
    world.catalog.offerings["off-unknown"] = (True, False)
    order = await world.capture.create(
        content(item("1", "off-unknown")), draft=False, context=KEYED
    )
    assert world.db.orders == {order.id: order}


async def test_cancellations_are_idempotent_too() -> None:
    world = World()
    order = await world.capture.create(content(item("1")), draft=False, context=CHANNEL)
    keyed = replace(CHANNEL, request_id="cancel-1")
    first = await world.capture.request_cancellation(
        order.id, reason="r", requested_time=None, context=keyed
    )
    again = await world.capture.request_cancellation(
        order.id, reason="r", requested_time=None, context=keyed
    )
    assert again == first
    assert len(world.db.cancellations) == 1
    with pytest.raises(IdempotencyKeyReused):
        await world.capture.request_cancellation(
            order.id, reason="other", requested_time=None, context=keyed
        )


async def test_without_a_request_id_every_request_runs() -> None:
    world = World()
    await world.capture.create(content(item("1")), draft=False, context=CHANNEL)
    await world.capture.create(content(item("1")), draft=False, context=CHANNEL)
    assert len(world.db.orders) == 2
    assert world.db.idempotency == {}


def test_fingerprints_are_stable_and_discriminating() -> None:
    assert fingerprint("create", False, content(item("1"))) == fingerprint(
        "create", False, content(item("1"))
    )
    assert fingerprint("create", False, content(item("1"))) != fingerprint(
        "create", True, content(item("1"))
    )


class _GatedEligibility(Eligibility):
    """Holds the first inline judgement until released, so duplicates arrive meanwhile."""

    def __init__(self) -> None:
        super().__init__()
        self.entered = asyncio.Event()
        self.release = asyncio.Event()

    async def judge(
        self, customer_id: str, channel: str, items: Sequence[OrderItem], at: datetime
    ) -> Mapping[str, Judgement]:
        self.entered.set()
        await self.release.wait()
        return await super().judge(customer_id, channel, items, at)


async def test_duplicates_arriving_while_the_first_runs_get_in_flight_then_the_replay() -> None:
    gate = _GatedEligibility()
    world = World(eligibility=gate)
    first = asyncio.create_task(
        world.capture.create(content(item("1")), draft=False, context=KEYED)
    )
    await gate.entered.wait()
    duplicates = await asyncio.gather(
        *(world.capture.create(content(item("1")), draft=False, context=KEYED) for _ in range(49)),
        return_exceptions=True,
    )
    assert all(isinstance(d, IdempotencyRequestInFlight) for d in duplicates)
    gate.release.set()
    order = await first
    assert await world.capture.create(content(item("1")), draft=False, context=KEYED) == order
    assert len(world.db.orders) == 1
    assert len(world.db.events) == 1
