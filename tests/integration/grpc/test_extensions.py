"""Extensions (attributes a channel sent that the product keeps without interpreting them) over
the real gRPC tier with the demo data: an order, a cancellation, an eligibility check and query,
a feasibility check and availability query keep the Struct they were created with, on get and
list; an update with the `extension` mask path replaces it (on an acknowledged order too), and
one without that path leaves it alone."""

from __future__ import annotations

from typing import Any

from google.protobuf import json_format, struct_pb2

from ordercapture.feasibility.v1 import check_pb2 as fcheck
from ordercapture.feasibility.v1 import feasibility_service_pb2 as fs
from ordercapture.feasibility.v1 import query_pb2 as fquery
from ordercapture.ordering.v1 import order_pb2
from ordercapture.ordering.v1 import ordering_service_pb2 as pb
from ordercapture.qualification.v1 import check_pb2 as qcheck
from ordercapture.qualification.v1 import eligibility_service_pb2 as qs
from ordercapture.qualification.v1 import query_pb2 as qquery
from tests.integration.grpc.ordering_fixtures import (
    ADDRESS,
    CUSTOMER,
    OFFERING,
    Ordering,
    acknowledged,
    order,
    ordering_fixture,  # noqa: F401 - the `ordering` fixture
)

KEPT: dict[str, Any] = {"@type": "Mine", "colour": "red", "nested": {"tier": 3, "list": ["a"]}}
CHANGED: dict[str, Any] = {"colour": "blue"}


def struct(values: dict[str, Any]) -> struct_pb2.Struct:
    message = struct_pb2.Struct()
    message.update(values)
    return message


def plain(message: struct_pb2.Struct) -> dict[str, Any]:
    return json_format.MessageToDict(message)


async def test_an_order_keeps_its_extension_and_changes_it_while_acknowledged(
    ordering: Ordering,
) -> None:
    created = (
        await ordering.orders.CreateOrder(
            pb.CreateOrderRequest(order=order(extension=struct(KEPT)))
        )
    ).order
    assert created.state == order_pb2.ORDER_STATE_ACKNOWLEDGED
    assert plain(created.extension) == KEPT
    got = (await ordering.orders.GetOrder(pb.GetOrderRequest(id=created.id))).order
    assert plain(got.extension) == KEPT
    listed = await ordering.orders.ListOrders(pb.ListOrdersRequest(page_size=1000))
    (mine,) = [o for o in listed.orders if o.id == created.id]
    assert plain(mine.extension) == KEPT

    described = pb.UpdateOrderRequest(order=order_pb2.ProductOrder(id=created.id, description="d"))
    described.update_mask.paths.append("description")
    kept = (await ordering.orders.UpdateOrder(described)).order
    assert (kept.description, plain(kept.extension)) == ("d", KEPT)

    replaced = pb.UpdateOrderRequest(
        order=order_pb2.ProductOrder(id=created.id, extension=struct(CHANGED))
    )
    replaced.update_mask.paths.append("extension")
    updated = (await ordering.orders.UpdateOrder(replaced)).order
    assert plain(updated.extension) == CHANGED
    assert updated.description == "d"


async def test_a_cancellation_keeps_its_extension(ordering: Ordering) -> None:
    placed = await acknowledged(ordering)
    task = (
        await ordering.orders.RequestCancellation(
            pb.RequestCancellationRequest(order_id=placed.id, extension=struct(KEPT))
        )
    ).cancellation
    assert plain(task.extension) == KEPT
    got = await ordering.orders.GetCancellation(pb.GetCancellationRequest(id=task.id))
    assert plain(got.cancellation.extension) == KEPT


async def test_an_eligibility_check_and_query_keep_their_extension(ordering: Ordering) -> None:
    asked = qs.CheckEligibilityRequest(
        party_id=CUSTOMER,
        channel="web",
        items=[qcheck.CheckItem(id="1", offering_id=OFFERING)],
        extension=struct(KEPT),
    )
    check = (await ordering.eligibility.CheckEligibility(asked)).check
    assert plain(check.extension) == KEPT
    got = await ordering.eligibility.GetEligibilityCheck(qs.GetEligibilityCheckRequest(id=check.id))
    assert plain(got.check.extension) == KEPT
    change = qs.UpdateEligibilityCheckRequest(
        check=qcheck.EligibilityCheck(id=check.id, description="x", extension=struct(CHANGED))
    )
    change.update_mask.paths.append("extension")
    updated = (await ordering.eligibility.UpdateEligibilityCheck(change)).check
    assert (plain(updated.extension), updated.description) == (CHANGED, "")

    query = (
        await ordering.eligibility.CreateEligibilityQuery(
            qs.CreateEligibilityQueryRequest(
                party_id=CUSTOMER, channel="web", extension=struct(KEPT)
            )
        )
    ).query
    assert plain(query.extension) == KEPT
    change_query = qs.UpdateEligibilityQueryRequest(
        query=qquery.EligibilityQuery(id=query.id, description="y", extension=struct(CHANGED))
    )
    both = (await ordering.eligibility.UpdateEligibilityQuery(change_query)).query
    assert (plain(both.extension), both.description) == (CHANGED, "y")


async def test_a_feasibility_check_and_query_keep_their_extension(ordering: Ordering) -> None:
    place = fcheck.PlaceSelector(address_id=ADDRESS)
    check = (
        await ordering.feasibility.CheckFeasibility(
            fs.CheckFeasibilityRequest(
                items=[fcheck.ServiceItem(id="1", place=place, offering_id=OFFERING)],
                extension=struct(KEPT),
            )
        )
    ).check
    assert plain(check.extension) == KEPT
    got = await ordering.feasibility.GetFeasibilityCheck(fs.GetFeasibilityCheckRequest(id=check.id))
    assert plain(got.check.extension) == KEPT
    change = fs.UpdateFeasibilityCheckRequest(
        check=fcheck.FeasibilityCheck(id=check.id, external_id="e", extension=struct(CHANGED))
    )
    change.update_mask.paths.append("external_id")
    only_external = (await ordering.feasibility.UpdateFeasibilityCheck(change)).check
    assert (plain(only_external.extension), only_external.external_id) == (KEPT, "e")
    change.update_mask.paths.append("extension")
    updated = (await ordering.feasibility.UpdateFeasibilityCheck(change)).check
    assert plain(updated.extension) == CHANGED

    query = (
        await ordering.feasibility.CreateAvailabilityQuery(
            fs.CreateAvailabilityQueryRequest(place=place, extension=struct(KEPT))
        )
    ).query
    assert plain(query.extension) == KEPT
    change_query = fs.UpdateAvailabilityQueryRequest(
        query=fquery.AvailabilityQuery(id=query.id, extension=struct(CHANGED))
    )
    change_query.update_mask.paths.append("extension")
    changed = (await ordering.feasibility.UpdateAvailabilityQuery(change_query)).query
    assert plain(changed.extension) == CHANGED
