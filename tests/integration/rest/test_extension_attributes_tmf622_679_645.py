"""Extension attributes of TMF622, TMF679 and TMF645 resources over the real facade and a gRPC
tier seeded with the demo data (SQLite and PostgreSQL): an unknown subtype with a
`@schemaLocation` and attributes the product does not model is stored and given back on create,
retrieve and list; a merge patch changes and adds them, `null` removes one, a JSON Patch works
too; the polymorphism markers are set on create only; attributes the server owns are still
refused. Every response is held to the official schemas by the clients. (Attributes kept below
the top level: test_nested_extension_attributes.)"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from tests.contract.official_tmf645 import Tmf645Validator, official_tmf645
from tests.integration.rest.harness import GrpcTier, facade
from tests.integration.rest.tmf622 import (
    JSON_PATCH,
    Tmf622,
    cancel_body,
    item,
    order_body,
    tier_fixture,  # noqa: F401 - the fixture named "tier"
)
from tests.integration.rest.tmf645 import Tmf645, at, check_body, service_item
from tests.integration.rest.tmf679 import CHECKS, Tmf679
from tests.integration.rest.tmf679 import check_body as qualification_body
from tests.integration.rest.tmf679 import item as qualification_item
from tests.integration.rest.tmf679 import query_body as qualification_query_body

SCHEMA = "https://channel.example.com/schemas/extended.json"
KEPT: dict[str, Any] = {
    "colour": "red",
    "speedTier": 3,
    "ratio": 0.5,
    "campaign": {"wave": 2, "regions": ["north", "east"], "pilot": True},
    "tags": ["a", "b"],
}
# In the demo data: a residential customer, an offering and an address with fibre.
CUSTOMER = "cust-001"
OFFERING = "off-fibre-500"
ADDRESS = "addr-nw-001"


def subtype(own: str) -> dict[str, Any]:
    return {"@type": f"My{own}", "@baseType": own, "@schemaLocation": SCHEMA, **KEPT}


def kept(document: dict[str, Any]) -> dict[str, Any]:
    return {name: document.get(name) for name in [*KEPT, "@type", "@baseType", "@schemaLocation"]}


def expected(own: str) -> dict[str, Any]:
    return dict(subtype(own))


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


@pytest.fixture(scope="module")
def sq(client: Any) -> Tmf645:
    return Tmf645(client, Tmf645Validator(official_tmf645()))


# --- TMF622 -------------------------------------------------------------------------------------


def test_an_order_of_an_unknown_subtype_keeps_its_attributes(ordering: Tmf622) -> None:
    body = {**order_body(description="mine"), **subtype("ProductOrder")}
    created = ordering.create(body)
    assert created.status_code == 201, created.text
    assert kept(created.json()) == expected("ProductOrder")
    assert created.json()["state"] == "acknowledged"
    order_id = created.json()["id"]

    retrieved = ordering.retrieve(order_id)
    assert retrieved.status_code == 200
    assert kept(retrieved.json()) == expected("ProductOrder")
    listed = ordering.list("?limit=1000")
    assert listed.status_code == 200
    (mine,) = [o for o in listed.json() if o["id"] == order_id]
    assert kept(mine) == expected("ProductOrder")
    selected = ordering.retrieve(order_id, "?fields=description")
    assert set(selected.json()) == {"@type", "id", "href", "description"}


def test_an_acknowledged_order_patches_its_extension_attributes(ordering: Tmf622) -> None:
    order_id = ordering.created({**order_body(), **subtype("ProductOrder")})["id"]

    patched = ordering.patch(order_id, {"colour": "blue", "size": "L", "tags": None})
    assert patched.status_code == 200, patched.text
    document = patched.json()
    assert (document["colour"], document["size"], "tags" in document) == ("blue", "L", False)
    assert document["campaign"] == KEPT["campaign"]
    assert document["@schemaLocation"] == SCHEMA
    again = ordering.retrieve(order_id).json()
    assert (again["colour"], again["size"], "tags" in again) == ("blue", "L", False)

    nested = ordering.patch(order_id, {"campaign": {"wave": 3, "pilot": None}})
    assert nested.json()["campaign"] == {"wave": 3, "regions": ["north", "east"]}
    operations = [
        {"op": "replace", "path": "/speedTier", "value": 4},
        {"op": "remove", "path": "/ratio"},
    ]
    by_json_patch = ordering.patch(order_id, operations, media_type=JSON_PATCH)
    assert by_json_patch.status_code == 200, by_json_patch.text
    assert (by_json_patch.json()["speedTier"], "ratio" in by_json_patch.json()) == (4, False)

    # The markers are set on create: in a patch they are the body's own and change nothing.
    markers = [{"op": "remove", "path": f"/{name}"} for name in ("@schemaLocation", "@baseType")]
    back = [*markers, {"op": "replace", "path": "/@type", "value": "ProductOrder"}]
    same = ordering.patch(order_id, back, media_type=JSON_PATCH)
    assert same.status_code == 200, same.text
    assert kept(same.json())["@type"] == "MyProductOrder"
    assert same.json()["@schemaLocation"] == SCHEMA


def test_a_draft_keeps_its_extension_through_submission(ordering: Tmf622) -> None:
    body = {**order_body(requestedInitialState="draft"), "intentSpecification": {"id": "i-1"}}
    order_id = ordering.created(body)["id"]
    submitted = ordering.patch(order_id, {"state": "acknowledged", "colour": "green"})
    assert submitted.status_code == 200, submitted.text
    assert submitted.json()["state"] == "acknowledged"
    assert submitted.json()["intentSpecification"] == {"id": "i-1"}
    assert submitted.json()["colour"] == "green"


def test_what_the_server_owns_is_still_refused(ordering: Tmf622) -> None:
    owned = ordering.create({**order_body(), "completionDate": "2030-01-01T00:00:00Z"})
    assert (owned.status_code, owned.json()["code"]) == (400, "ATTRIBUTE_NOT_SUPPORTED")
    # An item's own attributes are kept (test_nested_extension_attributes), the server's not.
    nested = ordering.create(order_body(item(state="completed")))
    assert nested.status_code == 400
    assert "productOrderItem[0].state" in nested.json()["message"]
    order_id = ordering.created(order_body())["id"]
    refused = ordering.patch(order_id, {"creationDate": "2030-01-01T00:00:00Z"})
    assert (refused.status_code, refused.json()["code"]) == (400, "ATTRIBUTE_NOT_PATCHABLE")
    too_large = ordering.create({**order_body(), "blob": "x" * (65 * 1024)})
    assert (too_large.status_code, too_large.json()["code"]) == (400, "EXTENSION_TOO_LARGE")


def test_a_cancellation_keeps_its_extension_attributes(ordering: Tmf622) -> None:
    order_id = ordering.created(order_body())["id"]
    body = {**cancel_body(order_id), **subtype("CancelProductOrder")}
    created = ordering.cancel(body)
    assert created.status_code == 201, created.text
    assert kept(created.json()) == expected("CancelProductOrder")
    task_id = created.json()["id"]
    assert kept(ordering.retrieve_cancellation(task_id).json()) == expected("CancelProductOrder")
    listed = ordering.list_cancellations("?limit=1000").json()
    (mine,) = [c for c in listed if c["id"] == task_id]
    assert kept(mine) == expected("CancelProductOrder")


# --- TMF679 -------------------------------------------------------------------------------------

NOTE = {"@type": "Note", "id": "n-1", "author": "shop", "text": "asked at the counter"}


def test_a_qualification_check_of_an_unknown_subtype(poq: Tmf679) -> None:
    body = {
        **qualification_body(CUSTOMER, [qualification_item(OFFERING)]),
        **subtype("CheckProductOfferingQualification"),
        "note": [NOTE],
        "requestedQualificationCompletionDate": "2030-01-01T00:00:00Z",
    }
    created = poq.check(body)
    assert created.status_code == 201, created.text
    check_id = created.json()["id"]
    for document in (
        created.json(),
        poq.retrieve(check_id).json(),
        next(c for c in poq.list("?limit=1000").json() if c["id"] == check_id),
    ):
        assert kept(document) == expected("CheckProductOfferingQualification")
        assert document["note"] == [NOTE]
        assert document["requestedQualificationCompletionDate"] == "2030-01-01T00:00:00Z"
        assert document["state"] == "done"

    patched = poq.patch(check_id, {"colour": None, "size": "L", "description": "now"})
    assert patched.status_code == 200, patched.text
    assert ("colour" in patched.json(), patched.json()["size"]) == (False, "L")
    assert patched.json()["description"] == "now"
    again = poq.retrieve(check_id).json()
    assert ("colour" in again, again["size"], again["note"]) == (False, "L", [NOTE])
    immutable = poq.patch(check_id, {"provideAlternative": True})
    assert (immutable.status_code, immutable.json()["code"]) == (400, "ATTRIBUTE_NOT_PATCHABLE")


def test_a_prospects_check_gives_the_channels_notes_then_the_tiers(poq: Tmf679) -> None:
    body = {**qualification_body("nobody-known", [qualification_item(OFFERING)]), "note": [NOTE]}
    created = poq.check(body)
    assert created.status_code == 201, created.text
    said = created.json()["note"]
    assert [n["id"] for n in said] == ["n-1", "CUSTOMER_IS_PROSPECT"]
    check_id = created.json()["id"]
    # A JSON Patch hands on the whole array as read: the tier's note is not stored back.
    operations = [{"op": "add", "path": "/note/0", "value": {**NOTE, "id": "n-0"}}]
    patched = poq.request(
        "PATCH",
        f"{CHECKS}/{check_id}",
        content=json.dumps(operations),
        headers={"Content-Type": "application/json-patch+json"},
    )
    assert patched.status_code == 200, patched.text
    assert [n["id"] for n in patched.json()["note"]] == ["n-0", "n-1", "CUSTOMER_IS_PROSPECT"]
    removed = poq.patch(check_id, {"note": None})
    assert [n["id"] for n in removed.json()["note"]] == ["CUSTOMER_IS_PROSPECT"]


def test_a_qualification_query_keeps_its_extension_attributes(poq: Tmf679) -> None:
    body = {
        **qualification_query_body(CUSTOMER, offering_id=OFFERING),
        **subtype("QueryProductOfferingQualification"),
        "category": {"@type": "CategoryRef", "id": "misplaced"},
    }
    created = poq.query(body)
    assert created.status_code == 201, created.text
    query_id = created.json()["id"]
    assert kept(created.json()) == expected("QueryProductOfferingQualification")
    assert created.json()["category"] == {"@type": "CategoryRef", "id": "misplaced"}
    patched = poq.patch_query(query_id, {"category": None, "tags": ["c"]})
    assert patched.status_code == 200, patched.text
    retrieved = poq.retrieve_query(query_id).json()
    assert ("category" in retrieved, retrieved["tags"]) == (False, ["c"])


# --- TMF645 -------------------------------------------------------------------------------------

WANTED: list[dict[str, Any]] = [
    {"name": "accessTechnology", "value": "FTTH"},
    {"name": "downloadSpeed", "value": 100},
]


def test_a_service_qualification_of_an_unknown_subtype(sq: Tmf645) -> None:
    body = {
        **check_body(
            service_item(at(ADDRESS), characteristics=WANTED), instantSyncQualification=True
        ),
        **subtype("CheckServiceQualification"),
    }
    created = sq.check(body)
    assert created.status_code == 200, created.text
    check_id = created.json()["id"]
    assert created.json()["qualificationResult"] == "qualified"
    for document in (
        created.json(),
        sq.retrieve(check_id).json(),
        next(c for c in sq.list("?limit=1000").json() if c["id"] == check_id),
    ):
        assert kept(document) == expected("CheckServiceQualification")

    patched = sq.patch(check_id, {"colour": "blue", "ratio": None, "externalId": "e-1"})
    assert patched.status_code == 200, patched.text
    document = patched.json()
    assert (document["colour"], "ratio" in document, document["externalId"]) == (
        "blue",
        False,
        "e-1",
    )
    assert sq.retrieve(check_id).json()["colour"] == "blue"
    refused = sq.patch(check_id, {"provideAlternative": True})
    assert refused.status_code == 400


def test_a_service_availability_query_keeps_its_extension_attributes(sq: Tmf645) -> None:
    body = {
        "@type": "QueryServiceQualification",
        "instantSyncQualification": True,
        "searchCriteria": {
            "@type": "ServiceQualificationItem",
            "service": {"@type": "Service", "place": at(ADDRESS)},
        },
        **subtype("QueryServiceQualification"),
    }
    created = sq.query(body)
    assert created.status_code == 200, created.text
    query_id = created.json()["id"]
    assert kept(created.json()) == expected("QueryServiceQualification")
    patched = sq.patch(query_id, {"speedTier": 5}, of="/queryServiceQualification")
    assert patched.status_code == 200, patched.text
    retrieved = sq.retrieve(query_id, of="/queryServiceQualification").json()
    assert retrieved["speedTier"] == 5
