"""Idempotent creation over gRPC: a repeated request id replays the first answer, a reused id
with another body is refused, and many simultaneous duplicates make exactly one order (on
each backend); request ids are scoped to the calling client."""

from __future__ import annotations

import asyncio

import grpc

from ordercapture.ordering.v1 import ordering_service_pb2 as pb
from tests.integration.grpc.ordering_fixtures import (
    Ordering,
    order,
    ordering_fixture,  # noqa: F401 - the fixture named "ordering"
    refused,
)
from tests.integration.grpc.status import failure

SHOP = (("x-client-id", "shop"),)


async def test_same_request_id_and_body_replays_the_first_order(ordering: Ordering) -> None:
    request = pb.CreateOrderRequest(order=order(), request_id="r-1")
    first = (await ordering.orders.CreateOrder(request, metadata=SHOP)).order
    again = (await ordering.orders.CreateOrder(request, metadata=SHOP)).order
    assert again == first
    listed = await ordering.orders.ListOrders(pb.ListOrdersRequest())
    assert listed.total_size == 1


async def test_same_request_id_with_another_body_is_refused(ordering: Ordering) -> None:
    await ordering.orders.CreateOrder(
        pb.CreateOrderRequest(order=order(), request_id="r-1"), metadata=SHOP
    )
    other = pb.CreateOrderRequest(order=order(description="another"), request_id="r-1")
    found = await refused(ordering.orders.CreateOrder(other, metadata=SHOP))
    assert (found.code, found.reason) == (
        grpc.StatusCode.FAILED_PRECONDITION,
        "IDEMPOTENCY_KEY_REUSED",
    )


async def test_request_ids_are_scoped_to_the_client(ordering: Ordering) -> None:
    request = pb.CreateOrderRequest(order=order(), request_id="r-1")
    mine = (await ordering.orders.CreateOrder(request, metadata=SHOP)).order
    theirs = (await ordering.orders.CreateOrder(request)).order  # "anonymous"
    assert mine.id != theirs.id


async def test_refused_request_can_be_retried_with_the_same_id(ordering: Ordering) -> None:
    bad = pb.CreateOrderRequest(order=order(customer=""), request_id="r-1")
    first = await refused(ordering.orders.CreateOrder(bad, metadata=SHOP))
    second = await refused(ordering.orders.CreateOrder(bad, metadata=SHOP))
    assert first.reason == second.reason == "INVALID_ORDER"


async def test_fifty_simultaneous_duplicates_make_one_order(ordering: Ordering) -> None:
    request = pb.CreateOrderRequest(order=order(), request_id="burst")

    async def attempt() -> str:
        """The order id answered, or the reason of the refusal."""
        try:
            return (await ordering.orders.CreateOrder(request, metadata=SHOP)).order.id
        except grpc.aio.AioRpcError as error:
            return failure(error).reason

    answers = await asyncio.gather(*(attempt() for _ in range(50)))
    listed = await ordering.orders.ListOrders(pb.ListOrdersRequest())
    assert listed.total_size == 1
    (only,) = listed.orders
    # Every caller got the one order or was told the first is still in flight.
    assert set(answers) <= {only.id, "IDEMPOTENCY_REQUEST_IN_FLIGHT"}
    assert only.id in answers
    replay = (await ordering.orders.CreateOrder(request, metadata=SHOP)).order
    assert replay.id == only.id
