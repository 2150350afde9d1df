"""TMF620 extension attributes over the real facade and gRPC tier (SQLite and PostgreSQL): an
unknown subtype with a `@schemaLocation` and attributes no server models is stored and given
back on create, retrieve, list and in events' resources; a patch changes, adds and removes them
through every media type; markers are set on create only."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.integration.rest import bodies
from tests.integration.rest.harness import Tmf620, unique

SCHEMA = "https://example.com/schemas/my-offering.json"
KEPT = {
    "colour": "red",
    "speedTier": 3,
    "ratio": 0.5,
    "launch": {"wave": 2, "regions": ["north", "east"], "pilot": True, "note": None},
}


@pytest.fixture(scope="module")
def world(api: Tmf620) -> dict[str, str]:
    return {
        "category": bodies.created_id(api, "category", bodies.category("Extensions")),
        "specification": bodies.created_id(
            api, "productSpecification", bodies.product_specification()
        ),
        "price": bodies.created_id(api, "productOfferingPrice", bodies.product_offering_price()),
    }


def my_offering(world: dict[str, str], **extra: Any) -> dict[str, Any]:
    return {
        **bodies.product_offering(world["specification"], world["price"], world["category"]),
        "@type": "MyOffering",
        "@baseType": "ProductOffering",
        "@schemaLocation": SCHEMA,
        "id": unique("my-offering"),
        **KEPT,
        **extra,
    }


def kept(document: dict[str, Any]) -> dict[str, Any]:
    return {name: document.get(name) for name in KEPT}


def test_an_unknown_subtype_is_stored_and_given_back(api: Tmf620, world: dict[str, str]) -> None:
    body = my_offering(world)

    created = api.create("productOffering", body)
    assert created.status_code == 201, created.text
    retrieved = api.retrieve("productOffering", body["id"])
    assert retrieved.status_code == 200, retrieved.text
    listed = api.list("productOffering", f"?id={body['id']}")
    assert listed.status_code == 200, listed.text
    assert [entity["id"] for entity in listed.json()] == [body["id"]]

    for document in (created.json(), retrieved.json(), listed.json()[0]):
        assert document["@type"] == "MyOffering"
        assert document["@baseType"] == "ProductOffering"
        assert document["@schemaLocation"] == SCHEMA
        # Values come back as sent: whole numbers as integers, nested objects and arrays whole
        # (a null member of a nested object included).
        assert kept(document) == KEPT
        assert isinstance(document["speedTier"], int)
        # What the server models stays modelled.
        assert document["name"] == "Fibre 1000"
        assert document["productSpecification"]["id"] == world["specification"]
        assert document["href"].endswith(f"/productOffering/{body['id']}")


def test_every_resource_keeps_extension_attributes(api: Tmf620, world: dict[str, str]) -> None:
    factories: dict[str, Callable[[], dict[str, Any]]] = {
        "productCatalog": lambda: bodies.product_catalog([world["category"]]),
        "category": lambda: bodies.category("Sub", parent=world["category"]),
        "productSpecification": bodies.product_specification,
        "productOfferingPrice": bodies.product_offering_price,
    }
    for collection, factory in factories.items():
        body = {**factory(), "relatedParty": [{"role": "owner", "partyId": "p-1"}], "tier": "gold"}
        created = api.create(collection, body)
        assert created.status_code == 201, (collection, created.text)
        document = api.retrieve(collection, created.json()["id"]).json()
        assert document["relatedParty"] == body["relatedParty"], collection
        assert document["tier"] == "gold", collection
        # No subtype sent: the resource's own type, nothing stored for it.
        assert document["@type"] == body["@type"], collection
        assert "@schemaLocation" not in document, collection


def test_an_import_job_keeps_extension_attributes(api: Tmf620) -> None:
    created = api.create(
        "importJob", {"@type": "ImportJob", "url": "missing.jsonl", "path": "/catalog/2026"}
    )
    assert created.status_code == 201, created.text
    assert created.json()["path"] == "/catalog/2026"
    assert api.retrieve("importJob", created.json()["id"]).json()["path"] == "/catalog/2026"


def test_a_merge_patch_changes_adds_and_removes_extension_attributes(
    api: Tmf620, world: dict[str, str]
) -> None:
    body = my_offering(world)
    assert api.create("productOffering", body).status_code == 201

    patched = api.patch(
        "productOffering",
        body["id"],
        {
            "@type": "MyOffering",
            "colour": "blue",
            "speedTier": None,
            "launch": {"wave": 3, "pilot": None},
            "shape": "round",
            "description": "patched",
        },
    )
    assert patched.status_code == 200, patched.text
    document = api.retrieve("productOffering", body["id"]).json()
    assert document["colour"] == "blue"
    assert "speedTier" not in document
    assert document["launch"] == {"wave": 3, "regions": ["north", "east"], "note": None}
    assert document["shape"] == "round"
    assert document["ratio"] == 0.5
    assert document["description"] == "patched"
    assert document["@type"] == "MyOffering"
    assert document["@schemaLocation"] == SCHEMA
    assert patched.json() == document


def test_only_an_extension_attribute_changes(api: Tmf620, world: dict[str, str]) -> None:
    body = my_offering(world)
    before = api.create("productOffering", body).json()

    patched = api.patch(
        "productOffering", body["id"], {"@type": "MyOffering", "colour": "green"}
    ).json()

    assert patched["colour"] == "green"
    assert patched["lastUpdate"] >= before["lastUpdate"]
    assert {k: v for k, v in patched.items() if k not in ("colour", "lastUpdate")} == {
        k: v for k, v in before.items() if k not in ("colour", "lastUpdate")
    }


def test_a_patch_changing_nothing_changes_nothing(api: Tmf620, world: dict[str, str]) -> None:
    body = my_offering(world)
    before = api.create("productOffering", body).json()

    patched = api.patch("productOffering", body["id"], {"@type": "MyOffering", "colour": "red"})

    assert patched.status_code == 200, patched.text
    assert patched.json() == before


def test_markers_of_a_patch_change_nothing(api: Tmf620, world: dict[str, str]) -> None:
    body = my_offering(world)
    assert api.create("productOffering", body).status_code == 201

    patched = api.patch(
        "productOffering",
        body["id"],
        {
            "@type": "ProductOffering",
            "@schemaLocation": "https://example.com/other.json",
            "@baseType": "Other",
            "colour": "pink",
        },
    )

    assert patched.status_code == 200, patched.text
    assert patched.json()["@type"] == "MyOffering"
    assert patched.json()["@schemaLocation"] == SCHEMA
    assert patched.json()["@baseType"] == "ProductOffering"
    assert patched.json()["colour"] == "pink"


@pytest.mark.parametrize(
    "media_type", ["application/json-patch+json", "application/json-patch-query+json"]
)
def test_a_json_patch_changes_adds_and_removes_extension_attributes(
    api: Tmf620, world: dict[str, str], media_type: str
) -> None:
    body = my_offering(world)
    assert api.create("productOffering", body).status_code == 201

    patched = api.request(
        "PATCH",
        f"/productOffering/{body['id']}",
        json=[
            {"op": "test", "path": "/colour", "value": "red"},
            {"op": "replace", "path": "/colour", "value": "yellow"},
            {"op": "remove", "path": "/speedTier"},
            {"op": "add", "path": "/launch/regions/-", "value": "south"},
            {"op": "add", "path": "/size", "value": {"width": 2}},
        ],
        headers={"Content-Type": media_type},
    )

    assert patched.status_code == 200, patched.text
    document = api.retrieve("productOffering", body["id"]).json()
    assert document["colour"] == "yellow"
    assert "speedTier" not in document
    assert document["launch"]["regions"] == ["north", "east", "south"]
    assert document["size"] == {"width": 2}
    assert document["@type"] == "MyOffering"


def test_a_failed_json_patch_test_on_an_extension_attribute_is_409(
    api: Tmf620, world: dict[str, str]
) -> None:
    body = my_offering(world)
    assert api.create("productOffering", body).status_code == 201

    patched = api.request(
        "PATCH",
        f"/productOffering/{body['id']}",
        json=[{"op": "test", "path": "/colour", "value": "blue"}],
        headers={"Content-Type": "application/json-patch+json"},
    )

    assert patched.status_code == 409, patched.text


def test_server_owned_attributes_stay_refused(api: Tmf620, world: dict[str, str]) -> None:
    body = my_offering(world)
    assert api.create("productOffering", body).status_code == 201

    for attribute, value in (("href", "elsewhere"), ("lastUpdate", "2020-01-01T00:00:00Z")):
        patched = api.patch(
            "productOffering", body["id"], {"@type": "MyOffering", attribute: value}
        )
        assert patched.status_code == 400, patched.text
        assert patched.json()["code"] == "ATTRIBUTE_NOT_PATCHABLE"


def test_an_unknown_subtype_needs_a_schema_location(api: Tmf620, world: dict[str, str]) -> None:
    body = my_offering(world)
    del body["@schemaLocation"]

    created = api.create("productOffering", body)

    assert created.status_code == 400, created.text


def test_extension_attributes_are_bounded(api: Tmf620, world: dict[str, str]) -> None:
    created = api.create("productOffering", my_offering(world, blob="x" * (64 * 1024)))

    assert created.status_code == 400, created.text
    assert created.json()["code"] == "EXTENSION_TOO_LARGE"
