"""Creating orders over gRPC against the seeded demo data: with references to real stored
eligibility and feasibility checks, inline, refused with every violation at once, as drafts
then submitted; the correlation id travels both ways."""

from __future__ import annotations

import grpc
import pytest
from google.protobuf.field_mask_pb2 import FieldMask

from ordercapture.ordering.v1 import order_pb2
from ordercapture.ordering.v1 import ordering_service_pb2 as pb
from tests.integration.grpc.ordering_fixtures import (
    CUSTOMER,
    DOMAIN,
    Ordering,
    eligibility_check,
    feasibility_check,
    item,
    order,
    ordering_fixture,  # noqa: F401 - the fixture named "ordering"
    refused,
)


async def test_order_with_references_to_both_checks_is_acknowledged(ordering: Ordering) -> None:
    eligible = await eligibility_check(ordering)
    feasible = await feasibility_check(ordering)
    wanted = order(
        item(
            eligibility=order_pb2.QualificationReference(check_id=eligible, item_id="e1"),
            feasibility=order_pb2.QualificationReference(check_id=feasible, item_id="f1"),
        )
    )
    call = ordering.orders.CreateOrder(
        pb.CreateOrderRequest(order=wanted),
        metadata=(("x-correlation-id", "corr-42"), ("x-client-id", "shop")),
    )
    created = (await call).order
    assert created.state == order_pb2.ORDER_STATE_ACKNOWLEDGED
    assert [i.state for i in created.items] == [order_pb2.ITEM_STATE_ACKNOWLEDGED]
    assert created.items[0].eligibility.check_id == eligible
    assert created.correlation_id == "corr-42"
    assert ("x-correlation-id", "corr-42") in tuple(await call.initial_metadata())
    again = await ordering.orders.GetOrder(pb.GetOrderRequest(id=created.id))
    assert again.order == created
    assert [p.id for p in again.order.parties] == [CUSTOMER]


async def test_correlation_id_is_generated_when_absent(ordering: Ordering) -> None:
    call = ordering.orders.CreateOrder(pb.CreateOrderRequest(order=order()))
    created = (await call).order
    sent = dict(await call.initial_metadata())
    assert sent["x-correlation-id"] == created.correlation_id != ""


async def test_invalid_order_lists_every_violation_and_stores_nothing(ordering: Ordering) -> None:
    wanted = order(
        item("1", offering_id="off-does-not-exist"),
        item("2", address_id=""),
        item("3", eligibility=order_pb2.QualificationReference(check_id="nope", item_id="e1")),
    )
    found = await refused(ordering.orders.CreateOrder(pb.CreateOrderRequest(order=wanted)))
    assert found.code == grpc.StatusCode.FAILED_PRECONDITION
    assert (found.reason, found.domain) == ("INVALID_ORDER", DOMAIN)
    fields = [field for field, _ in found.violations]
    # Items are named by their id: unknown offering, no installation place, missing check.
    assert {"items[1].offering_id", "items[2].places", "items[3].eligibility"} <= set(fields)
    listed = await ordering.orders.ListOrders(pb.ListOrdersRequest())
    assert listed.total_size == 0


async def test_draft_is_stored_then_submitted(ordering: Ordering) -> None:
    draft = (
        await ordering.orders.CreateOrder(pb.CreateOrderRequest(order=order(), draft=True))
    ).order
    assert draft.state == order_pb2.ORDER_STATE_DRAFT
    assert [i.state for i in draft.items] == [order_pb2.ITEM_STATE_UNSPECIFIED]
    changed = order(description="for the study")
    changed.id = draft.id
    updated = await ordering.orders.UpdateOrder(
        pb.UpdateOrderRequest(order=changed, update_mask=FieldMask(paths=["description"]))
    )
    assert updated.order.description == "for the study"
    submitted = (await ordering.orders.SubmitOrder(pb.SubmitOrderRequest(id=draft.id))).order
    assert submitted.state == order_pb2.ORDER_STATE_ACKNOWLEDGED
    assert submitted.description == "for the study"


async def test_draft_with_an_unknown_offering_fails_on_submit(ordering: Ordering) -> None:
    wanted = order(item(offering_id="off-does-not-exist"))
    draft = (
        await ordering.orders.CreateOrder(pb.CreateOrderRequest(order=wanted, draft=True))
    ).order
    found = await refused(ordering.orders.SubmitOrder(pb.SubmitOrderRequest(id=draft.id)))
    assert (found.code, found.reason) == (grpc.StatusCode.FAILED_PRECONDITION, "INVALID_ORDER")
    still = await ordering.orders.GetOrder(pb.GetOrderRequest(id=draft.id))
    assert still.order.state == order_pb2.ORDER_STATE_DRAFT


async def test_draft_is_deleted_but_an_acknowledged_order_is_not(ordering: Ordering) -> None:
    draft = (
        await ordering.orders.CreateOrder(pb.CreateOrderRequest(order=order(), draft=True))
    ).order
    await ordering.orders.DeleteOrder(pb.DeleteOrderRequest(id=draft.id))
    gone = await refused(ordering.orders.GetOrder(pb.GetOrderRequest(id=draft.id)))
    assert (gone.code, gone.reason) == (grpc.StatusCode.NOT_FOUND, "ORDER_NOT_FOUND")
    live = (await ordering.orders.CreateOrder(pb.CreateOrderRequest(order=order()))).order
    kept = await refused(ordering.orders.DeleteOrder(pb.DeleteOrderRequest(id=live.id)))
    assert (kept.code, kept.reason) == (grpc.StatusCode.ABORTED, "ORDER_NOT_DELETABLE")


async def test_list_filters_by_state_and_customer(ordering: Ordering) -> None:
    await ordering.orders.CreateOrder(pb.CreateOrderRequest(order=order(), draft=True))
    live = (await ordering.orders.CreateOrder(pb.CreateOrderRequest(order=order()))).order
    acknowledged = await ordering.orders.ListOrders(
        pb.ListOrdersRequest(
            filter=pb.OrderFilter(states=[order_pb2.ORDER_STATE_ACKNOWLEDGED], party_ids=[CUSTOMER])
        )
    )
    assert [o.id for o in acknowledged.orders] == [live.id]
    assert acknowledged.total_size == 1
    everything = await ordering.orders.ListOrders(pb.ListOrdersRequest(page_size=1))
    assert (len(everything.orders), everything.total_size) == (1, 2)


async def test_without_a_sort_order_the_newest_order_comes_first(ordering: Ordering) -> None:
    created = [
        (await ordering.orders.CreateOrder(pb.CreateOrderRequest(order=order()))).order.id
        for _ in range(3)
    ]
    listed = await ordering.orders.ListOrders(pb.ListOrdersRequest())
    assert [o.id for o in listed.orders] == created[::-1]


async def test_correlation_id_comes_back_on_a_refusal(ordering: Ordering) -> None:
    call = ordering.orders.GetOrder(
        pb.GetOrderRequest(id="nope"), metadata=(("x-correlation-id", "corr-7"),)
    )
    with pytest.raises(grpc.aio.AioRpcError) as raised:
        await call
    assert raised.value.code() == grpc.StatusCode.NOT_FOUND
    assert ("x-correlation-id", "corr-7") in tuple(raised.value.initial_metadata())
