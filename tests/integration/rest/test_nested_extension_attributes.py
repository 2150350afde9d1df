"""Attributes kept below the top level of TMF679 and TMF622 resources, over the real facade and a
gRPC tier seeded with the demo data (SQLite and PostgreSQL): the related parties of roles other
than customer, a qualification item's own attributes, an order's channel role and its items'
own attributes (nested items and products included) are stored and given back, merged into
what the facade renders, on create, retrieve and list; an order patch recomputes them from the
patched representation. Every response is held to the official schemas by the clients."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from tests.integration.rest.harness import GrpcTier, facade
from tests.integration.rest.tmf622 import (
    Tmf622,
    item,
    order_body,
    tier_fixture,  # noqa: F401 - the fixture named "tier"
)
from tests.integration.rest.tmf679 import CHECKS, Tmf679, customer
from tests.integration.rest.tmf679 import check_body as qualification_body
from tests.integration.rest.tmf679 import item as qualification_item
from tests.integration.rest.tmf679 import query_body as qualification_query_body

CUSTOMER = "cust-001"
OFFERING = "off-fibre-500"
JSON_PATCH_QUERY = "application/json-patch-query+json"
REQUESTER = {
    "@type": "RelatedPartyOrPartyRole",
    "role": "requester",
    "partyOrPartyRole": {
        "@type": "PartyRef",
        "@referredType": "Individual",
        "id": "45hj-999",
        "name": "Louise",
    },
}
ACTIVATION = "2031-09-01T14:21:03.352Z"


@pytest.fixture(scope="module")
def client(tier: GrpcTier) -> Iterator[Any]:
    with facade(tier.target) as running:
        yield running


@pytest.fixture(scope="module")
def ordering(client: Any) -> Tmf622:
    return Tmf622(client)


@pytest.fixture(scope="module")
def poq(client: Any) -> Tmf679:
    return Tmf679(client)


# --- TMF679 -------------------------------------------------------------------------------------


def test_a_check_keeps_other_parties_and_item_attributes(poq: Tmf679) -> None:
    body = qualification_body(
        CUSTOMER,
        [
            qualification_item(OFFERING, id="1", expectedActivationDate=ACTIVATION),
            qualification_item(OFFERING, id="2"),
        ],
    )
    body["relatedParty"] = [REQUESTER, customer(CUSTOMER)]
    created = poq.check(body)
    assert created.status_code == 201, created.text
    check_id = created.json()["id"]
    for document in (
        created.json(),
        poq.retrieve(check_id).json(),
        next(c for c in poq.list("?limit=1000").json() if c["id"] == check_id),
    ):
        parties = document["relatedParty"]
        # The customer keeps its meaning (the tier judged it: not a prospect), then the others.
        assert [p["role"] for p in parties] == ["customer", "requester"]
        assert parties[0]["partyOrPartyRole"]["id"] == CUSTOMER
        assert parties[1] == REQUESTER
        first, second = document["checkProductOfferingQualificationItem"]
        assert (first["id"], first["expectedActivationDate"]) == ("1", ACTIVATION)
        assert first["qualificationItemResult"] in ("qualified", "unqualified")
        assert "expectedActivationDate" not in second
        assert not any(n.get("id") == "CUSTOMER_IS_PROSPECT" for n in document.get("note", []))


def test_a_check_with_only_a_requester_is_a_prospects(poq: Tmf679) -> None:
    body = qualification_body(CUSTOMER, [qualification_item(OFFERING)])
    body["relatedParty"] = [REQUESTER]
    created = poq.check(body)
    assert created.status_code == 201, created.text
    assert created.json()["relatedParty"] == [REQUESTER]
    item_ = created.json()["checkProductOfferingQualificationItem"][0]
    assert item_["id"] == "1"  # the item's default id


def test_an_answers_attributes_and_a_second_customer_are_still_refused(poq: Tmf679) -> None:
    answered = poq.check(
        qualification_body(CUSTOMER, [qualification_item(OFFERING, qualificationItemResult="x")])
    )
    assert (answered.status_code, answered.json()["code"]) == (400, "ATTRIBUTE_NOT_SUPPORTED")
    body = qualification_body(CUSTOMER, [qualification_item(OFFERING)])
    body["relatedParty"] = [customer(CUSTOMER), customer("cust-002")]
    assert poq.check(body).status_code == 400


def test_a_checks_item_attributes_go_with_the_item_left_out(poq: Tmf679) -> None:
    """With provideOnlyAvailable, an item without an answer is left out, its kept attributes
    with it."""
    body = qualification_body(
        CUSTOMER,
        [
            qualification_item(OFFERING, expectedActivationDate=ACTIVATION),
            qualification_item("off-does-not-exist", expectedActivationDate=ACTIVATION),
        ],
        provideOnlyAvailable=True,
    )
    created = poq.check(body)
    if created.status_code != 201:
        pytest.skip(f"an unknown offering is refused here: {created.status_code}")
    items = poq.until_judged(created.json()["id"])["checkProductOfferingQualificationItem"]
    assert all(set(i) - {"expectedActivationDate"} for i in items)
    assert all("productOffering" in i for i in items)


def test_a_query_keeps_other_parties(poq: Tmf679) -> None:
    body = qualification_query_body(CUSTOMER, offering_id=OFFERING)
    body["relatedParty"] = [customer(CUSTOMER), REQUESTER]
    created = poq.query(body)
    assert created.status_code == 201, created.text
    query_id = created.json()["id"]
    for document in (created.json(), poq.retrieve_query(query_id).json()):
        assert [p["role"] for p in document["relatedParty"]] == ["customer", "requester"]
        assert document["relatedParty"][1] == REQUESTER


def test_a_checks_kept_status_is_replaced_by_json_patch(poq: Tmf679) -> None:
    check_id = poq.check(
        qualification_body(CUSTOMER, [qualification_item(OFFERING)], status="acknowledged")
    ).json()["id"]
    operations = [{"op": "replace", "path": "/status", "value": "inProgress"}]
    patched = poq.request(
        "PATCH",
        f"{CHECKS}/{check_id}",
        content=json.dumps(operations),
        headers={"Content-Type": "application/json-patch+json"},
    )
    assert patched.status_code == 200, patched.text
    assert poq.retrieve(check_id).json()["status"] == "inProgress"


# --- TMF622 -------------------------------------------------------------------------------------

CHANNEL = {
    "@type": "RelatedChannel",
    "role": "Used channel for order capture",
    "channel": {"@type": "ChannelRef", "id": "web"},
}
PRICE = [
    {
        "@type": "OrderPrice",
        "name": "Access Fee",
        "priceType": "nonRecurring",
        "price": {"@type": "Price", "taxIncludedAmount": {"unit": "EUR", "value": 0.99}},
    }
]
SPECIFICATION = {"@type": "ProductSpecificationRef", "id": "14307", "version": "1"}


def _order() -> dict[str, Any]:
    first = item("1", itemPrice=PRICE)
    first["product"]["productSpecification"] = SPECIFICATION
    first["product"]["isBundle"] = False
    billed = item("120", billingAccount={"@type": "BillingAccountRef", "id": "ba-1"})
    return order_body(first, billed, channel=[CHANNEL], requestedInitialState="draft")


def _check_kept(document: dict[str, Any]) -> None:
    assert document["channel"] == [CHANNEL]
    first, billed = document["productOrderItem"]
    assert first["itemPrice"] == PRICE
    assert first["product"]["productSpecification"] == SPECIFICATION
    assert first["product"]["isBundle"] is False
    assert first["product"]["place"][0]["place"]["id"] == "addr-nw-001"
    assert billed["billingAccount"] == {"@type": "BillingAccountRef", "id": "ba-1"}
    assert "itemPrice" not in billed


def test_an_order_keeps_its_channel_role_and_item_attributes(ordering: Tmf622) -> None:
    created = ordering.created(_order())
    order_id = created["id"]
    _check_kept(created)
    _check_kept(ordering.retrieve(order_id).json())
    (listed,) = [o for o in ordering.list("?limit=1000").json() if o["id"] == order_id]
    _check_kept(listed)


def test_an_order_patch_recomputes_the_kept_attributes(ordering: Tmf622) -> None:
    order_id = ordering.created(_order())["id"]
    # JSON Patch Query: the kept billingAccount of item 120.
    operations = [
        {
            "op": "replace",
            "path": "/productOrderItem/billingAccount/id?productOrderItem.id=120",
            "value": "1889",
        }
    ]
    patched = ordering.patch(order_id, operations, media_type=JSON_PATCH_QUERY)
    assert patched.status_code == 200, patched.text
    again = ordering.retrieve(order_id).json()
    assert again["productOrderItem"][1]["billingAccount"]["id"] == "1889"
    assert again["productOrderItem"][0]["itemPrice"] == PRICE
    assert again["channel"] == [CHANNEL]

    # A new channel without a role: the old role goes with the old channel.
    plain = [{"@type": "RelatedChannel", "channel": {"@type": "ChannelRef", "id": "web"}}]
    replaced = ordering.patch(order_id, {"channel": plain})
    assert replaced.status_code == 200, replaced.text
    assert replaced.json()["channel"] == plain
    assert ordering.retrieve(order_id).json()["channel"] == plain

    # Items replaced: the attributes of the items that remain are theirs.
    items = [item("7", note=[{"@type": "Note", "text": "ring twice"}])]
    reitemed = ordering.patch(order_id, {"productOrderItem": items})
    assert reitemed.status_code == 200, reitemed.text
    (only,) = ordering.retrieve(order_id).json()["productOrderItem"]
    assert (only["id"], only["note"], "billingAccount" in only) == (
        "7",
        [{"@type": "Note", "text": "ring twice"}],
        False,
    )


def test_an_item_with_kept_attributes_needs_its_id(ordering: Tmf622) -> None:
    anonymous = item("", itemPrice=PRICE)
    del anonymous["id"]
    refused = ordering.create(order_body(anonymous))
    assert refused.status_code == 400, refused.text
    assert "'id'" in refused.json()["message"]
