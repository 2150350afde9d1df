"""A real gRPC tier with the demo data seeded, and stubs of the ordering, hand-off,
eligibility and feasibility services over one channel; the test_ordering_* modules import
the fixtures and the builders of a demo order."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import grpc
import pytest

from ordercapture.feasibility.v1 import check_pb2 as fcheck
from ordercapture.feasibility.v1 import feasibility_service_pb2 as fs
from ordercapture.feasibility.v1 import feasibility_service_pb2_grpc
from ordercapture.ordering.v1 import (
    handoff_service_pb2_grpc,
    order_pb2,
    ordering_service_pb2_grpc,
)
from ordercapture.ordering.v1 import ordering_service_pb2 as pb
from ordercapture.qualification.v1 import check_pb2 as qcheck
from ordercapture.qualification.v1 import eligibility_service_pb2 as qs
from ordercapture.qualification.v1 import eligibility_service_pb2_grpc
from ordercapture.type.v1 import reference_pb2
from servers.app import create_server, stop_server
from servers.settings import Settings
from tests.integration.grpc.status import Failure, failure

if TYPE_CHECKING:
    from ordercapture.feasibility.v1.feasibility_service_pb2_grpc import (
        FeasibilityServiceAsyncStub,
    )
    from ordercapture.ordering.v1.handoff_service_pb2_grpc import OrderHandoffServiceAsyncStub
    from ordercapture.ordering.v1.ordering_service_pb2_grpc import (
        ProductOrderingServiceAsyncStub,
    )
    from ordercapture.qualification.v1.eligibility_service_pb2_grpc import (
        EligibilityServiceAsyncStub,
    )

CUSTOMER = "cust-001"  # demo profile: residential, credit A, north
ADDRESS = "addr-nw-001"  # demo register: FTTH up to 1000 Mbit/s
OFFERING = "off-fibre-500"
DOMAIN = "ordercapture.ordering"


@dataclass
class Ordering:
    orders: ProductOrderingServiceAsyncStub
    handoff: OrderHandoffServiceAsyncStub
    eligibility: EligibilityServiceAsyncStub
    feasibility: FeasibilityServiceAsyncStub


@pytest.fixture(name="ordering")
async def ordering_fixture(seeded_settings: Settings) -> AsyncIterator[Ordering]:
    server, port = await create_server("127.0.0.1:0", seeded_settings)
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


def item(
    item_id: str = "1",
    offering_id: str = OFFERING,
    address_id: str = ADDRESS,
    **fields: object,
) -> order_pb2.OrderItem:
    places = [order_pb2.ItemPlace(address_id=address_id, role="installationAddress")]
    return order_pb2.OrderItem(
        id=item_id,
        action=order_pb2.ITEM_ACTION_ADD,
        offering_id=offering_id,
        places=places if address_id else [],
        **fields,  # type: ignore[arg-type]
    )


def order(
    *items: order_pb2.OrderItem, customer: str = CUSTOMER, **fields: object
) -> order_pb2.ProductOrder:
    return order_pb2.ProductOrder(
        parties=[reference_pb2.PartyReference(id=customer, role="customer")] if customer else [],
        channel="web",
        items=items or [item()],
        **fields,  # type: ignore[arg-type]
    )


async def acknowledged(ordering: Ordering) -> order_pb2.ProductOrder:
    """A new acknowledged order of the demo customer (validated inline)."""
    created = await ordering.orders.CreateOrder(pb.CreateOrderRequest(order=order()))
    assert created.order.state == order_pb2.ORDER_STATE_ACKNOWLEDGED
    return created.order


async def eligibility_check(ordering: Ordering, offering_id: str = OFFERING) -> str:
    response = await ordering.eligibility.CheckEligibility(
        qs.CheckEligibilityRequest(
            party_id=CUSTOMER,
            channel="web",
            place=qcheck.Place(region="north", postcode="NW1 1AA"),
            items=[qcheck.CheckItem(id="e1", offering_id=offering_id)],
        )
    )
    return response.check.id


async def feasibility_check(ordering: Ordering, offering_id: str = OFFERING) -> str:
    response = await ordering.feasibility.CheckFeasibility(
        fs.CheckFeasibilityRequest(
            party_id=CUSTOMER,
            items=[
                fcheck.ServiceItem(
                    id="f1",
                    place=fcheck.PlaceSelector(address_id=ADDRESS),
                    offering_id=offering_id,
                )
            ],
        )
    )
    return response.check.id


async def refused(call: Awaitable[object]) -> Failure:
    with pytest.raises(grpc.aio.AioRpcError) as raised:
        await call
    return failure(raised.value)
