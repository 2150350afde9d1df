"""The fulfilment simulator against a real gRPC tier, in process: it takes new orders over and
completes or fails them as its seeded policy draws, decides cancellations under assessment,
and follows the tier through a restart, resuming after the last event it received."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Callable, Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING

import grpc
import pytest

from cli.fulfilment.policy import FulfilmentPolicy
from cli.fulfilment.simulator import Backoff, Simulator, SimulatorOptions, follow
from ordercapture.ordering.v1 import order_pb2, ordering_service_pb2_grpc
from ordercapture.ordering.v1 import ordering_service_pb2 as pb
from ordercapture.ordering.v1.cancellation_pb2 import (
    CANCELLATION_STATE_DONE,
    CANCELLATION_STATE_REJECTED,
)
from servers.app import create_server, stop_server
from servers.settings import Settings
from tests.integration.grpc.ordering_fixtures import order

if TYPE_CHECKING:
    from ordercapture.ordering.v1.ordering_service_pb2_grpc import (
        ProductOrderingServiceAsyncStub,
    )

OS = order_pb2
SETTLED = frozenset({OS.ORDER_STATE_COMPLETED, OS.ORDER_STATE_FAILED})
FAST = Backoff(first=0.05, most=0.5)
PATIENCE = 15.0  # seconds an order gets to reach a state


@dataclass
class Tier:
    settings: Settings
    server: grpc.aio.Server
    port: int

    @property
    def target(self) -> str:
        return f"127.0.0.1:{self.port}"

    async def restart(self) -> None:
        await stop_server(self.server, grace=0.5)
        self.server, _ = await create_server(self.target, self.settings)


@pytest.fixture
async def tier(seeded_settings: Settings) -> AsyncIterator[Tier]:
    server, port = await create_server("127.0.0.1:0", seeded_settings)
    running = Tier(seeded_settings, server, port)
    try:
        yield running
    finally:
        await stop_server(running.server, grace=0.5)


@pytest.fixture
async def orders(tier: Tier) -> AsyncIterator[ProductOrderingServiceAsyncStub]:
    async with grpc.aio.insecure_channel(tier.target) as channel:
        yield ordering_service_pb2_grpc.ProductOrderingServiceStub(channel)


@pytest.fixture
async def simulate(tier: Tier) -> AsyncIterator[Callable[[FulfilmentPolicy, float], None]]:
    """simulate(policy, delay) starts a simulator (from the start of the log) for the test."""
    stop = asyncio.Event()
    running: list[asyncio.Task[Simulator]] = []

    def start(policy: FulfilmentPolicy, delay: float) -> None:
        options = SimulatorOptions(delay=delay, after_sequence=0, backoff=FAST)
        running.append(asyncio.create_task(follow(tier.target, policy, options, stop)))

    yield start
    stop.set()
    await asyncio.wait_for(asyncio.gather(*running), timeout=10)


async def _create(orders: ProductOrderingServiceAsyncStub) -> str:
    created = await orders.CreateOrder(pb.CreateOrderRequest(order=order()))
    return created.order.id


async def _reaches(
    orders: ProductOrderingServiceAsyncStub,
    order_id: str,
    states: Collection[int],
) -> order_pb2.ProductOrder:
    deadline = time.monotonic() + PATIENCE
    while True:
        found = (await orders.GetOrder(pb.GetOrderRequest(id=order_id))).order
        if found.state in states:
            return found
        if time.monotonic() > deadline:
            raise AssertionError(f"order {order_id} stays {OS.OrderState.Name(found.state)}")
        await asyncio.sleep(0.05)


async def test_orders_are_completed_or_failed_as_the_seeded_policy_draws(
    orders: ProductOrderingServiceAsyncStub, simulate: Callable[[FulfilmentPolicy, float], None]
) -> None:
    created = [await _create(orders) for _ in range(4)]  # before the simulator: in event order
    simulate(FulfilmentPolicy(failure_ratio=0.5, seed=11), 0.0)
    settled = [await _reaches(orders, i, SETTLED) for i in created]
    expected = FulfilmentPolicy(failure_ratio=0.5, seed=11)
    assert [o.state for o in settled] == [
        OS.ORDER_STATE_FAILED if expected.order_fails() else OS.ORDER_STATE_COMPLETED
        for _ in created
    ]
    for found in settled:
        item_states = {i.state for i in found.items}
        done = OS.ITEM_STATE_COMPLETED if found.state == OS.ORDER_STATE_COMPLETED else None
        assert item_states == {done or OS.ITEM_STATE_FAILED}


@pytest.mark.parametrize(
    ("reject_ratio", "order_ends", "cancellation_ends"),
    [
        (0.0, OS.ORDER_STATE_CANCELLED, CANCELLATION_STATE_DONE),
        (1.0, OS.ORDER_STATE_COMPLETED, CANCELLATION_STATE_REJECTED),
    ],
    ids=["accepted", "rejected"],
)
async def test_a_cancellation_under_assessment_is_decided(
    orders: ProductOrderingServiceAsyncStub,
    simulate: Callable[[FulfilmentPolicy, float], None],
    reject_ratio: float,
    order_ends: int,
    cancellation_ends: int,
) -> None:
    simulate(FulfilmentPolicy(failure_ratio=0.0, cancellation_reject_ratio=reject_ratio), 0.6)
    order_id = await _create(orders)
    await _reaches(orders, order_id, {OS.ORDER_STATE_IN_PROGRESS})
    task = (
        await orders.RequestCancellation(pb.RequestCancellationRequest(order_id=order_id))
    ).cancellation
    assert (await _reaches(orders, order_id, {order_ends})).state == order_ends
    decided = await orders.GetCancellation(pb.GetCancellationRequest(id=task.id))
    assert decided.cancellation.state == cancellation_ends


async def test_the_simulator_follows_the_tier_through_a_restart(
    tier: Tier,
    orders: ProductOrderingServiceAsyncStub,
    simulate: Callable[[FulfilmentPolicy, float], None],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="fulfilment")
    simulate(FulfilmentPolicy(failure_ratio=0.0), 0.0)
    before = await _create(orders)
    await _reaches(orders, before, {OS.ORDER_STATE_COMPLETED})

    await tier.restart()
    after = await _reaches_after_restart(orders)
    await _reaches(orders, after, {OS.ORDER_STATE_COMPLETED})
    watching = [r.getMessage() for r in caplog.records if "watching order events" in r.getMessage()]
    assert len(watching) >= 2
    assert watching[0] == "watching order events after 0"
    assert watching[-1] != watching[0]  # resumed after a cursor, not from the start
    started = [
        r.getMessage() for r in caplog.records if "acknowledged -> inProgress" in r.getMessage()
    ]
    assert len(started) == 2  # nothing handled twice


async def _reaches_after_restart(orders: ProductOrderingServiceAsyncStub) -> str:
    """A new order once the restarted tier answers (the channel reconnects by itself)."""
    deadline = time.monotonic() + PATIENCE
    while True:
        try:
            return await _create(orders)
        except grpc.aio.AioRpcError as error:
            if error.code() != grpc.StatusCode.UNAVAILABLE or time.monotonic() > deadline:
                raise
            await asyncio.sleep(0.1)
