"""The ordering settings of a deployment, seen over gRPC against the demo data: the commercial
and technical qualification policies (inline, reference-required, off) and the idempotency
retention, after which a request id is free again and no longer replays (a test clock)."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta

import grpc
import pytest

from domain.ordering.policy import QualificationPolicy
from ordercapture.feasibility.v1 import feasibility_service_pb2_grpc
from ordercapture.ordering.v1 import handoff_service_pb2_grpc, order_pb2, ordering_service_pb2_grpc
from ordercapture.ordering.v1 import ordering_service_pb2 as pb
from ordercapture.qualification.v1 import eligibility_service_pb2_grpc
from servers.app import create_server, stop_server
from servers.ordering import wiring
from servers.settings import Settings
from tests.integration.grpc.ordering_fixtures import (
    DOMAIN,
    Ordering,
    eligibility_check,
    feasibility_check,
    item,
    order,
    refused,
)

INELIGIBLE_CUSTOMER = "cust-005"  # credit class E: below off-fibre-500's minimum C
UNCOVERED_ADDRESS = "addr-wm-029"  # in the register, no network of any kind
SHOP = (("x-client-id", "shop"),)


@asynccontextmanager
async def serving(settings: Settings, **changes: object) -> AsyncIterator[Ordering]:
    """The gRPC tier with the demo data and `changes` applied to the settings."""
    changed = dataclasses.replace(settings, seed_demo_data=True, **changes)  # type: ignore[arg-type]
    server, port = await create_server("127.0.0.1:0", changed)
    try:
        async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
            yield Ordering(
                orders=ordering_service_pb2_grpc.ProductOrderingServiceStub(channel),
                handoff=handoff_service_pb2_grpc.OrderHandoffServiceStub(channel),
                eligibility=eligibility_service_pb2_grpc.EligibilityServiceStub(channel),
                feasibility=feasibility_service_pb2_grpc.FeasibilityServiceStub(channel),
            )
    finally:
        await stop_server(server, grace=1.0)


async def create(ordering: Ordering, wanted: order_pb2.ProductOrder) -> order_pb2.ProductOrder:
    return (await ordering.orders.CreateOrder(pb.CreateOrderRequest(order=wanted))).order


async def stored(ordering: Ordering) -> int:
    return (await ordering.orders.ListOrders(pb.ListOrdersRequest())).total_size


def codes(violations: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(field, code) of each field violation; the description starts with the code."""
    return [(field, text.split(":")[0]) for field, text in violations]


async def test_commercial_reference_required_refuses_an_item_without_a_check(
    seeded_settings: Settings,
) -> None:
    policy = QualificationPolicy.REFERENCE_REQUIRED
    async with serving(seeded_settings, commercial_policy=policy) as ordering:
        found = await refused(create(ordering, order()))
        assert (found.code, found.reason, found.domain) == (
            grpc.StatusCode.FAILED_PRECONDITION,
            "INVALID_ORDER",
            DOMAIN,
        )
        assert codes(found.violations) == [
            ("items[1].eligibility", "ELIGIBILITY_REFERENCE_REQUIRED")
        ]
        assert await stored(ordering) == 0
        # The same item with a stored check is taken; feasibility is still checked inline.
        reference = order_pb2.QualificationReference(
            check_id=await eligibility_check(ordering), item_id="e1"
        )
        created = await create(ordering, order(item(eligibility=reference)))
        assert created.state == order_pb2.ORDER_STATE_ACKNOWLEDGED
        assert await stored(ordering) == 1


async def test_technical_reference_required_refuses_an_item_without_a_check(
    seeded_settings: Settings,
) -> None:
    policy = QualificationPolicy.REFERENCE_REQUIRED
    async with serving(seeded_settings, technical_policy=policy) as ordering:
        found = await refused(create(ordering, order()))
        assert (found.code, found.reason) == (grpc.StatusCode.FAILED_PRECONDITION, "INVALID_ORDER")
        assert codes(found.violations) == [
            ("items[1].feasibility", "FEASIBILITY_REFERENCE_REQUIRED")
        ]
        reference = order_pb2.QualificationReference(
            check_id=await feasibility_check(ordering), item_id="f1"
        )
        created = await create(ordering, order(item(feasibility=reference)))
        assert created.state == order_pb2.ORDER_STATE_ACKNOWLEDGED


async def test_commercial_off_takes_an_ineligible_order_that_inline_refuses(
    seeded_settings: Settings,
) -> None:
    ineligible = order(customer=INELIGIBLE_CUSTOMER)
    async with serving(seeded_settings) as inline:
        found = await refused(create(inline, ineligible))
        assert found.code == grpc.StatusCode.FAILED_PRECONDITION
        assert codes(found.violations) == [("items[1]", "ITEM_NOT_ELIGIBLE")]
    async with serving(seeded_settings, commercial_policy=QualificationPolicy.OFF) as off:
        created = await create(off, ineligible)
        assert created.state == order_pb2.ORDER_STATE_ACKNOWLEDGED
        assert await stored(off) == 1


async def test_technical_off_takes_an_infeasible_order_that_inline_refuses(
    seeded_settings: Settings,
) -> None:
    # The uncovered address is also outside off-fibre-500's regions: commercial is off.
    infeasible = order(item(address_id=UNCOVERED_ADDRESS))
    commercial_off = QualificationPolicy.OFF
    async with serving(seeded_settings, commercial_policy=commercial_off) as inline:
        found = await refused(create(inline, infeasible))
        assert codes(found.violations) == [("items[1]", "ITEM_NOT_FEASIBLE")]
    async with serving(
        seeded_settings, commercial_policy=commercial_off, technical_policy=QualificationPolicy.OFF
    ) as off:
        created = await create(off, infeasible)
        assert created.state == order_pb2.ORDER_STATE_ACKNOWLEDGED


class Clock:
    def __init__(self) -> None:
        self.current = datetime.now(UTC)

    def now(self) -> datetime:
        return self.current


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    """The clock every ordering use case and adapter of the tier is given."""
    clock = Clock()
    monkeypatch.setattr(wiring, "SystemClock", lambda: clock)
    return clock


async def test_a_request_id_replays_within_the_retention_and_not_after(
    seeded_settings: Settings, clock: Clock
) -> None:
    retention = timedelta(hours=2)
    request = pb.CreateOrderRequest(order=order(), request_id="r-1")
    async with serving(seeded_settings, idempotency_retention=retention) as ordering:
        first = (await ordering.orders.CreateOrder(request, metadata=SHOP)).order
        clock.current += retention - timedelta(seconds=1)
        replayed = (await ordering.orders.CreateOrder(request, metadata=SHOP)).order
        assert replayed == first
        reused = pb.CreateOrderRequest(order=order(description="other"), request_id="r-1")
        found = await refused(ordering.orders.CreateOrder(reused, metadata=SHOP))
        assert found.reason == "IDEMPOTENCY_KEY_REUSED"

        clock.current += timedelta(seconds=1)  # the retention is over: the id is free again
        again = (await ordering.orders.CreateOrder(request, metadata=SHOP)).order
        assert again.id != first.id
        assert await stored(ordering) == 2
        # ... and it is remembered afresh from now on.
        assert (await ordering.orders.CreateOrder(request, metadata=SHOP)).order == again
        assert await stored(ordering) == 2
