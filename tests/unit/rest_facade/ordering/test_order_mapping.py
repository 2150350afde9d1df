"""ProductOrder JSON <-> ordering messages without a tier: what is kept, what is refused by
name, and the representation that comes back."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from ordercapture.ordering.v1 import cancellation_pb2, order_pb2
from rest_facade.errors import TmfError
from rest_facade.ordering.mapping import cancellation, order
from rest_facade.tmf_values import Hrefs

HREFS = Hrefs("http://host/tmf-api/productOrderingManagement/v5")


def place(address_id: str) -> dict[str, Any]:
    return {
        "@type": "RelatedPlaceRefOrValue",
        "role": "installationAddress",
        "place": {"@type": "PlaceRef", "id": address_id, "href": "ignored"},
    }


def full_body() -> dict[str, Any]:
    return {
        "@type": "ProductOrder",
        "description": "d",
        "category": "c",
        "priority": "1",
        "requestedStartDate": "2030-01-01T10:00:00+02:00",
        "relatedParty": [
            {
                "@type": "RelatedPartyRefOrPartyRoleRef",
                "role": "customer",
                "partyOrPartyRole": {"@type": "PartyRef", "id": "cust-1", "name": "Ann"},
            }
        ],
        "channel": [{"@type": "RelatedChannel", "channel": {"@type": "ChannelRef", "id": "web"}}],
        "externalId": [
            {
                "@type": "ExternalIdentifier",
                "id": "x1",
                "owner": "crm",
                "externalIdentifierType": "t",
            }
        ],
        "billingAccount": {"@type": "BillingAccountRef", "id": "ba-1"},
        "note": [{"@type": "Note", "text": "hello", "author": "me"}],
        "productOrderItem": [
            {
                "@type": "ProductOrderItem",
                "id": "1",
                "action": "add",
                "quantity": 2,
                "productOffering": {"@type": "ProductOfferingRef", "id": "off-1"},
                "product": {
                    "@type": "Product",
                    "productCharacteristic": [
                        {"@type": "NumberCharacteristic", "name": "speed", "value": Decimal("1.5")},
                        {"@type": "BooleanCharacteristic", "name": "wifi", "value": False},
                    ],
                    "place": [place("addr-1")],
                },
                "productOfferingQualificationItem": {
                    "@type": "ProductOfferingQualificationItemRef",
                    "productOfferingQualificationId": "poq-1",
                    "itemId": "i1",
                },
                "qualification": [
                    {
                        "@type": "ProductOfferingQualificationRef",
                        "@referredType": "CheckServiceQualification",
                        "id": "sq-1",
                        "name": "s1",
                    }
                ],
                "productOrderItem": [
                    {"@type": "ProductOrderItem", "id": "1.1", "action": "noChange"}
                ],
            },
            {
                "@type": "ProductOrderItem",
                "id": "2",
                "action": "delete",
                "product": {"@type": "ProductRef", "id": "prod-9"},
                "productOrderItemRelationship": [
                    {"@type": "OrderItemRelationship", "id": "1", "relationshipType": "reliesOn"}
                ],
            },
        ],
    }


def test_a_full_order_maps_onto_the_request() -> None:
    request = order.create_request_from_tmf(full_body(), "key-1")
    assert (request.request_id, request.draft) == ("key-1", False)
    placed = request.order
    assert [(p.id, p.role, p.name) for p in placed.parties] == [("cust-1", "customer", "Ann")]
    assert placed.channel == "web"
    assert [(e.id, e.owner, e.kind) for e in placed.external_ids] == [("x1", "crm", "t")]
    assert placed.billing_account_id == "ba-1"
    assert placed.requested_start_time.ToJsonString() == "2030-01-01T08:00:00Z"
    first, second = placed.items
    assert (first.action, first.quantity, first.offering_id) == (
        order_pb2.ITEM_ACTION_ADD,
        2,
        "off-1",
    )
    assert [(p.address_id, p.role) for p in first.places] == [("addr-1", "installationAddress")]
    assert first.configuration.characteristics[0].values[0].number == "1.5"
    assert first.configuration.characteristics[1].values[0].flag is False
    assert (first.eligibility.check_id, first.eligibility.item_id) == ("poq-1", "i1")
    assert (first.feasibility.check_id, first.feasibility.item_id) == ("sq-1", "s1")
    assert first.items[0].action == order_pb2.ITEM_ACTION_NO_CHANGE
    assert (second.action, second.product_id) == (order_pb2.ITEM_ACTION_DELETE, "prod-9")
    assert [(r.item_id, r.relationship_type) for r in second.relationships] == [("1", "reliesOn")]


def test_the_representation_reads_back_as_the_same_order() -> None:
    request = order.create_request_from_tmf(full_body(), "")
    stored = order_pb2.ProductOrder()
    stored.CopyFrom(request.order)
    stored.id, stored.state = "o-1", order_pb2.ORDER_STATE_ACKNOWLEDGED
    stored.create_time.FromJsonString("2030-01-01T00:00:00Z")
    # The tier stores an unset quantity as 1, which is what the representation says.
    stored.items[0].items[0].quantity = stored.items[1].quantity = 1
    document = order.order_to_tmf(stored, HREFS)
    assert document["href"] == f"{HREFS.root}/productOrder/o-1"
    assert document["state"] == "acknowledged"
    again = order.order_from_tmf(document, tolerate_output=True, order_id="o-1")
    assert again.items == stored.items
    assert again.parties == stored.parties
    assert again.notes == stored.notes


def test_a_draft_is_asked_with_requested_initial_state() -> None:
    body = {**full_body(), "requestedInitialState": "draft"}
    assert order.create_request_from_tmf(body, "").draft is True


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ({"state": "completed"}, "state"),
        ({"requestedInitialState": "held"}, "requestedInitialState"),
        ({"channel": [{}, {}]}, "channel"),
        ({"relatedParty": [{"role": "customer"}]}, "relatedParty[0].partyOrPartyRole"),
        ({"productOrderItem": [{"id": "1", "action": "fly"}]}, "productOrderItem[0].action"),
        ({"productOrderItem": [{"id": "1", "quantity": 0}]}, "productOrderItem[0].quantity"),
        ({"productOrderItem": [{"id": "1", "state": "held"}]}, "productOrderItem[0].state"),
        (
            {"productOrderItem": [{"id": "1", "qualification": [{"id": "q", "name": "1"}]}]},
            "productOrderItem[0].qualification[0].@referredType",
        ),
        (
            {"productOrderItem": [{"id": "1", "product": {"place": [{"role": "x"}]}}]},
            "productOrderItem[0].product.place[0].place",
        ),
    ],
)
def test_malformed_orders_are_refused_naming_the_attribute(
    change: dict[str, Any], named: str
) -> None:
    with pytest.raises(TmfError) as raised:
        order.create_request_from_tmf({**full_body(), **change}, "")
    assert raised.value.status == 400
    assert named in raised.value.message


def test_a_cancellation_maps_both_ways() -> None:
    body = {
        "@type": "CancelProductOrder",
        "productOrder": {"@type": "ProductOrderRef", "id": "o-1"},
        "cancellationReason": "moved",
        "requestedCancellationDate": "2030-02-01T00:00:00Z",
    }
    request = cancellation.create_request_from_tmf(body, "k")
    assert (request.order_id, request.reason, request.request_id) == ("o-1", "moved", "k")
    task = cancellation_pb2.CancellationRequest(
        id="c-1",
        order_id="o-1",
        reason="moved",
        state=cancellation_pb2.CANCELLATION_STATE_DONE,
        requested_cancellation_time=request.requested_cancellation_time,
    )
    document = cancellation.cancellation_to_tmf(task, HREFS)
    assert document["state"] == "done"
    assert document["productOrder"]["href"] == f"{HREFS.root}/productOrder/o-1"
    assert document["requestedCancellationDate"] == "2030-02-01T00:00:00Z"
    with pytest.raises(TmfError):
        cancellation.create_request_from_tmf({"@type": "CancelProductOrder"}, "")
