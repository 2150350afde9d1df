"""productOrder over a real gRPC tier seeded with the demo data: create (201 + Location),
retrieve, list (filters, sort, paging, counts), unknown attributes, invalid orders (422 with
every violation), idempotent creates and the correlation id. Every response is held to the
official TMF622 v5 schemas by the client."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

from tests.contract.official_tmf622 import official_validator
from tests.integration.rest.harness import unique
from tests.integration.rest.tmf622 import (
    ADDRESS,
    CORRELATION,
    CUSTOMER,
    OFFERING,
    Tmf622,
    api_fixture,  # noqa: F401 - the fixture named "api"
    customer,
    item,
    order_body,
    tier_fixture,  # noqa: F401 - the fixture named "tier"
)


def external(value: str) -> list[dict[str, Any]]:
    return [{"@type": "ExternalIdentifier", "id": value, "owner": "crm"}]


def test_a_valid_order_is_acknowledged_stored_and_located(api: Tmf622) -> None:
    body = order_body(
        description="new line",
        category="B2C product order",
        priority="2",
        requestedStartDate="2030-01-02T09:00:00Z",
        note=[{"@type": "Note", "author": "agent", "text": "call first"}],
        billingAccount={"@type": "BillingAccountRef", "id": "ba-1"},
        externalId=external(unique("crm")),
    )
    document = api.created(body)
    assert document["state"] == "acknowledged"
    assert document["@type"] == "ProductOrder"
    assert "creationDate" in document
    assert [i["state"] for i in document["productOrderItem"]] == ["acknowledged"]
    assert document["relatedParty"][0]["partyOrPartyRole"]["id"] == CUSTOMER
    assert document["channel"][0]["channel"]["id"] == "web"
    assert document["billingAccount"]["id"] == "ba-1"
    assert document["requestedStartDate"] == "2030-01-02T09:00:00Z"
    assert document["note"][0]["text"] == "call first"
    assert "date" in document["note"][0]
    place = document["productOrderItem"][0]["product"]["place"][0]
    assert (place["role"], place["place"]["id"]) == ("installationAddress", ADDRESS)
    assert api.retrieve(document["id"]).json() == document


def test_retrieve_selects_fields(api: Tmf622) -> None:
    document = api.created(order_body())
    picked = api.retrieve(document["id"], "?fields=state").json()
    assert set(picked) == {"@type", "id", "href", "state"}


def test_an_unknown_order_is_404(api: Tmf622) -> None:
    response = api.retrieve("no-such-order")
    assert response.status_code == 404
    assert response.json()["code"] == "ORDER_NOT_FOUND"


def test_unknown_attributes_of_places_are_refused_by_name(api: Tmf622) -> None:
    # Unknown top-level and item attributes are kept (test_extension_attributes_tmf622_679_645.py,
    # test_nested_extension_attributes.py); a place's are not.
    placed = item()
    placed["product"]["place"][0]["colour"] = "red"
    nested = api.create(order_body(placed, agreement=[]))
    assert nested.status_code == 400
    assert "productOrderItem[0].product.place[0].colour" in nested.json()["message"]


def test_server_managed_attributes_are_refused_on_create(api: Tmf622) -> None:
    response = api.create(order_body(state="completed"))
    assert response.status_code == 400
    assert "state" in response.json()["message"]


def test_an_invalid_order_lists_every_violation_in_one_422(api: Tmf622) -> None:
    body = order_body(item("a", offering_id=unique("missing")), item("b", address_id=""))
    response = api.create(body)
    assert response.status_code == 422, response.text
    error = response.json()
    assert error["code"] == "INVALID_ORDER"
    message = error["message"]
    for expected in ("items[a]", "OFFERING_NOT_FOUND", "items[b]", "INSTALLATION_PLACE_REQUIRED"):
        assert expected in message, message
    broken = api.create(order_body(item("x"), item("x"), party_id=""))
    assert broken.status_code == 422
    for expected in ("CUSTOMER_MISSING", "ITEM_ID_DUPLICATE", "items[x]"):
        assert expected in broken.json()["message"], broken.json()["message"]


def test_characteristics_keep_their_kind(api: Tmf622) -> None:
    characteristics = [
        {"@type": "NumberCharacteristic", "name": "downloadSpeed", "value": 500},
        {"@type": "StringCharacteristic", "name": "colour", "value": "white"},
        {"@type": "BooleanCharacteristic", "name": "wifi", "value": True},
    ]
    wanted = item()
    wanted["product"]["productCharacteristic"] = characteristics
    document = api.created(order_body(wanted, requestedInitialState="draft"))
    returned = document["productOrderItem"][0]["product"]["productCharacteristic"]
    assert [(c["@type"], c["name"], c["value"]) for c in returned] == [
        ("NumberCharacteristic", "downloadSpeed", 500),
        ("StringCharacteristic", "colour", "white"),
        ("BooleanCharacteristic", "wifi", True),
    ]


def test_items_keep_references_relationships_and_bundles(api: Tmf622) -> None:
    bundle = item(
        "b",
        offering_id="off-home-trio",
        productOrderItem=[item("b1", address_id=""), item("b2", address_id="")],
        productOfferingQualificationItem={
            "@type": "ProductOfferingQualificationItemRef",
            "productOfferingQualificationId": "poq-1",
            "itemId": "1",
        },
        qualification=[
            {
                "@type": "ProductOfferingQualificationRef",
                "@referredType": "CheckServiceQualification",
                "id": "sq-1",
                "name": "7",
            }
        ],
    )
    change = {
        "@type": "ProductOrderItem",
        "id": "m",
        "action": "modify",
        "quantity": 2,
        "productOffering": {"@type": "ProductOfferingRef", "id": OFFERING},
        "product": {"@type": "ProductRef", "id": "prod-9"},
        "productOrderItemRelationship": [
            {"@type": "OrderItemRelationship", "id": "b", "relationshipType": "reliesOn"}
        ],
    }
    document = api.created(order_body(bundle, change, requestedInitialState="draft"))
    first, second = document["productOrderItem"]
    assert [i["id"] for i in first["productOrderItem"]] == ["b1", "b2"]
    assert first["productOfferingQualificationItem"]["productOfferingQualificationId"] == "poq-1"
    assert first["productOfferingQualificationItem"]["itemId"] == "1"
    assert (first["qualification"][0]["id"], first["qualification"][0]["name"]) == ("sq-1", "7")
    assert second["product"] == {"@type": "ProductRef", "id": "prod-9"}
    assert (second["action"], second["quantity"]) == ("modify", 2)
    assert second["productOrderItemRelationship"][0]["relationshipType"] == "reliesOn"


def test_listing_filters_sorts_and_pages(api: Tmf622) -> None:
    marker = unique("list")
    ids = [
        api.created(order_body(externalId=external(marker)))["id"],
        api.created(order_body(externalId=external(marker)))["id"],
        api.created(order_body(externalId=external(marker), requestedInitialState="draft"))["id"],
    ]
    everything = api.list(f"?externalId={marker}")
    assert everything.headers["X-Total-Count"] == "3"
    assert everything.headers["X-Result-Count"] == "3"
    assert [o["id"] for o in everything.json()] == ids[::-1]  # newest first
    oldest_first = api.list(f"?externalId.id={marker}&sort=creationDate")
    assert [o["id"] for o in oldest_first.json()] == ids
    page = api.list(f"?externalId={marker}&sort=creationDate&offset=1&limit=1&fields=state")
    assert (page.headers["X-Total-Count"], page.headers["X-Result-Count"]) == ("3", "1")
    assert page.json() == [
        {
            "@type": "ProductOrder",
            "id": ids[1],
            "href": page.json()[0]["href"],
            "state": "acknowledged",
        }
    ]
    drafts = api.list(f"?externalId={marker}&state=draft")
    assert [o["id"] for o in drafts.json()] == [ids[2]]
    both = api.list(f"?externalId={marker}&state=draft,acknowledged&relatedParty.id={CUSTOMER}")
    assert both.headers["X-Total-Count"] == "3"
    created = everything.json()[-1]["creationDate"]
    since = api.list(f"?externalId={marker}&creationDate.gte={created}&channel.id=web")
    assert since.headers["X-Total-Count"] == "3"
    until = api.list(f"?externalId={marker}&creationDate.lte={created}")  # at or before
    assert [o["id"] for o in until.json()] == [ids[0]]
    later = api.list(f"?externalId={marker}&creationDate.lte=2000-01-01T00:00:00Z")
    assert later.json() == []
    assert later.headers["X-Total-Count"] == "0"


def test_bad_queries_are_refused(api: Tmf622) -> None:
    assert api.list("?colour=red").status_code == 400
    assert api.list("?state=nowhere").status_code == 400
    assert api.list("?sort=priority").status_code == 400
    assert api.list("?filter=state").status_code == 501


def test_an_idempotent_create_is_replayed_and_a_reused_key_refused(api: Tmf622) -> None:
    key = {"Idempotency-Key": unique("key"), "X-Client-ID": "shop-app"}
    body = order_body(description="once")
    first = api.create(body, key)
    assert first.status_code == 201, first.text
    again = api.create(body, key)
    assert again.status_code == 201
    assert again.json() == first.json()
    assert again.headers["Location"] == first.headers["Location"]
    other = api.create(order_body(description="other"), key)
    assert other.status_code == 422
    assert other.json()["code"] == "IDEMPOTENCY_KEY_REUSED"
    # Keys are scoped by client: another client's same key is a new request.
    elsewhere = api.create(body, {**key, "X-Client-ID": "call-centre"})
    assert elsewhere.status_code == 201
    assert elsewhere.json()["id"] != first.json()["id"]


def test_simultaneous_duplicates_make_one_order(api: Tmf622) -> None:
    """20 channels' retries at once: one order; each answer is that order (201) or 409 while
    the first is still in flight; the list counts one order with the key's description."""
    marker = unique("burst")
    key = {"Idempotency-Key": marker, "X-Client-ID": "burst-shop"}
    body = order_body(description=marker)
    official_validator()  # built once up front, not by 20 threads starving the app of the GIL
    with ThreadPoolExecutor(max_workers=20) as pool:
        answers = list(pool.map(lambda _: api.create(body, key), range(20)))
    created = {r.json()["id"] for r in answers if r.status_code == 201}
    assert len(created) == 1, [r.status_code for r in answers]
    refused = [r.json()["code"] for r in answers if r.status_code != 201]
    assert set(refused) <= {"IDEMPOTENCY_REQUEST_IN_FLIGHT"}
    assert all(r.status_code == 409 for r in answers if r.status_code != 201)
    stored = [o for o in api.list("?limit=1000").json() if o.get("description") == marker]
    assert [o["id"] for o in stored] == list(created)


def test_a_refused_create_does_not_use_up_its_key(api: Tmf622) -> None:
    key = {"Idempotency-Key": f'"{unique("key")}"'}
    assert api.create(order_body(party_id=""), key).status_code == 422
    assert api.create(order_body(), key).status_code == 201


def test_a_malformed_idempotency_key_is_refused(api: Tmf622) -> None:
    response = api.create(order_body(), {"Idempotency-Key": "x" * 300})
    assert response.status_code == 400
    assert response.json()["code"] == "INVALID_IDEMPOTENCY_KEY"


def test_the_correlation_id_is_echoed_or_generated_on_every_response(api: Tmf622) -> None:
    sent = {CORRELATION: unique("corr")}
    created = api.create(order_body(), sent)
    assert created.headers[CORRELATION] == sent[CORRELATION]
    generated = api.retrieve(created.json()["id"]).headers[CORRELATION]
    assert generated
    assert generated != sent[CORRELATION]
    refused = api.create({"@type": "ProductOrder"}, sent)  # schema validation: 400
    assert refused.status_code == 400
    assert refused.headers[CORRELATION] == sent[CORRELATION]
    missing = api.request("GET", "/productOrder/none", headers=sent)
    assert (missing.status_code, missing.headers[CORRELATION]) == (404, sent[CORRELATION])
    unusable = api.create(order_body(), {CORRELATION: "has spaces"})
    assert unusable.headers[CORRELATION] != "has spaces"
    wrong_method = api.request("PUT", "/productOrder/none", headers=sent)
    assert wrong_method.status_code == 405
    assert wrong_method.headers[CORRELATION] == sent[CORRELATION]


def test_parties_keep_their_roles(api: Tmf622) -> None:
    body = order_body()
    body["relatedParty"].append(customer("agent-7", role="seller"))
    document = api.created(body)
    roles = {(p["role"], p["partyOrPartyRole"]["id"]) for p in document["relatedParty"]}
    assert roles == {("customer", CUSTOMER), ("seller", "agent-7")}
