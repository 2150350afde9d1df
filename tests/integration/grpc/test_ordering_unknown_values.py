"""Values this build does not know in filters, sort keys and the event watch are refused with
INVALID_ARGUMENT naming the field, never dropped (dropping one would silently widen the answer);
the watch, a server stream, gets the same rich status as a unary call."""

from __future__ import annotations

import grpc

from ordercapture.ordering.v1 import handoff_service_pb2 as hs
from ordercapture.ordering.v1 import order_pb2
from ordercapture.ordering.v1 import ordering_service_pb2 as pb
from tests.integration.grpc.ordering_fixtures import (
    DOMAIN,
    Ordering,
    acknowledged,
    ordering_fixture,  # noqa: F401 - the fixture named "ordering"
    refused,
)
from tests.integration.grpc.status import Failure

UNKNOWN = 99


def _unknown(failure: Failure, field: str) -> None:
    assert (failure.code, failure.reason, failure.domain) == (
        grpc.StatusCode.INVALID_ARGUMENT,
        "UNKNOWN_FILTER_VALUE",
        DOMAIN,
    )
    assert [name for name, _ in failure.violations] == [field]


async def test_an_unknown_state_filter_is_refused(ordering: Ordering) -> None:
    await acknowledged(ordering)
    states = [order_pb2.ORDER_STATE_ACKNOWLEDGED, UNKNOWN]
    request = pb.ListOrdersRequest(filter=pb.OrderFilter(states=states))  # type: ignore[arg-type]
    _unknown(await refused(ordering.orders.ListOrders(request)), "filter.states")


async def test_an_unknown_sort_key_is_refused(ordering: Ordering) -> None:
    request = pb.ListOrdersRequest(order_by=[pb.OrderSortKey(field=UNKNOWN)])  # type: ignore[arg-type]
    _unknown(await refused(ordering.orders.ListOrders(request)), "order_by.field")


async def test_an_unknown_cancellation_state_is_refused(ordering: Ordering) -> None:
    request = pb.ListCancellationsRequest(states=[UNKNOWN])  # type: ignore[list-item]
    _unknown(await refused(ordering.orders.ListCancellations(request)), "states")


async def test_the_watch_refuses_an_unknown_event_type_with_a_rich_status(
    ordering: Ordering,
) -> None:
    await acknowledged(ordering)
    watch = ordering.handoff.WatchOrderEvents(hs.WatchOrderEventsRequest(types=[UNKNOWN]))  # type: ignore[list-item]

    async def first_event() -> object:
        async for response in watch:
            return response
        return None

    _unknown(await refused(first_event()), "types")
