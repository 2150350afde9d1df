"""Create, retrieve, list, patch (both media types) and delete every TMF620 resource."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.integration.rest import bodies
from tests.integration.rest.harness import BASE, Tmf620, unique


@pytest.fixture(scope="module")
def world(api: Tmf620) -> dict[str, str]:
    """Entities the others refer to."""
    return {
        "category": bodies.created_id(api, "category", bodies.category("Broadband")),
        "specification": bodies.created_id(
            api, "productSpecification", bodies.product_specification()
        ),
        "price": bodies.created_id(api, "productOfferingPrice", bodies.product_offering_price()),
    }


Factory = Callable[[dict[str, str]], dict[str, Any]]
RESOURCES: list[tuple[str, str, Factory]] = [
    ("productCatalog", "ProductCatalog", lambda w: bodies.product_catalog([w["category"]])),
    ("category", "Category", lambda w: bodies.category("Fibre", parent=w["category"])),
    ("productSpecification", "ProductSpecification", lambda w: bodies.product_specification()),
    ("productOfferingPrice", "ProductOfferingPrice", lambda w: bodies.product_offering_price()),
    (
        "productOffering",
        "ProductOffering",
        lambda w: bodies.product_offering(w["specification"], w["price"], w["category"]),
    ),
]
IDS = [name for name, _, _ in RESOURCES]


@pytest.mark.parametrize(("collection", "tmf_type", "factory"), RESOURCES, ids=IDS)
def test_lifecycle(
    api: Tmf620, world: dict[str, str], collection: str, tmf_type: str, factory: Factory
) -> None:
    entity_id = unique(collection)
    body = {**factory(world), "id": entity_id}

    created = api.create(collection, body)
    assert created.status_code == 201, created.text
    document = created.json()
    href = document["href"]
    assert created.headers["Location"] == href
    assert href == f"http://testserver{BASE}/{collection}/{entity_id}"
    assert (document["id"], document["@type"], document["name"]) == (
        entity_id,
        tmf_type,
        body["name"],
    )
    assert document["lastUpdate"] != bodies.LAST_UPDATE  # set by the server
    assert document["lifecycleStatus"] == body.get("lifecycleStatus", "In design")

    retrieved = api.retrieve(collection, entity_id)
    assert retrieved.status_code == 200
    assert retrieved.json() == document

    listed = api.list(collection, f"?id={entity_id}")
    assert listed.status_code == 200
    assert listed.json() == [document]
    assert (listed.headers["X-Total-Count"], listed.headers["X-Result-Count"]) == ("1", "1")

    patched = api.patch(
        collection,
        entity_id,
        {
            "@type": tmf_type,
            "description": "changed",
            "validFor": {"endDateTime": "2030-01-01T00:00:00Z"},
        },
    )
    assert patched.status_code == 200, patched.text
    assert patched.json()["description"] == "changed"
    assert patched.json()["validFor"]["endDateTime"] == "2030-01-01T00:00:00Z"
    assert patched.json()["name"] == body["name"]  # untouched

    cleared = api.patch(
        collection,
        entity_id,
        {"@type": tmf_type, "description": None, "validFor": None},
        media_type="application/json",
    )
    assert cleared.status_code == 200, cleared.text
    assert "description" not in cleared.json()
    assert "validFor" not in cleared.json()
    assert api.retrieve(collection, entity_id).json() == cleared.json()

    deleted = api.delete(collection, entity_id)
    assert deleted.status_code == 204
    assert deleted.content == b""
    assert api.retrieve(collection, entity_id).status_code == 404


def test_server_chooses_the_id_when_absent(api: Tmf620) -> None:
    created = api.create("category", bodies.category("Mobile"))
    assert created.status_code == 201
    assert created.json()["id"]
    assert created.json()["isRoot"] is True


def test_default_lifecycle_status_is_set_by_the_server(api: Tmf620) -> None:
    created = api.create("category", bodies.category("TV"))
    assert created.json()["lifecycleStatus"] == "In design"


def test_money_keeps_its_decimals(api: Tmf620) -> None:
    body = bodies.product_offering_price(price={"unit": "EUR", "value": 1234567.89})
    created = api.create("productOfferingPrice", body)
    assert created.status_code == 201, created.text
    assert '"value": 1234567.89' in created.text or '"value":1234567.89' in created.text


def test_price_kinds(api: Tmf620) -> None:
    usage = api.create(
        "productOfferingPrice",
        {
            "@type": "ProductOfferingPrice",
            "name": "Extra data",
            "priceType": "usage",
            "price": {"unit": "EUR", "value": 2},
            "unitOfMeasure": {"amount": 1, "units": "GB"},
        },
    )
    assert usage.status_code == 201, usage.text
    assert usage.json()["unitOfMeasure"] == {"amount": 1, "units": "GB"}
    discount = api.create(
        "productOfferingPrice",
        {
            "@type": "ProductOfferingPrice",
            "name": "Bundle discount",
            "priceType": "discount",
            "percentage": 10,
        },
    )
    assert discount.status_code == 201, discount.text
    assert discount.json()["percentage"] == 10
    assert "price" not in discount.json()


def test_patch_merges_nested_objects(api: Tmf620) -> None:
    entity_id = bodies.created_id(api, "productOfferingPrice", bodies.product_offering_price())
    patched = api.patch(
        "productOfferingPrice",
        entity_id,
        {"@type": "ProductOfferingPrice", "price": {"value": 31.5}},
    )
    assert patched.status_code == 200, patched.text
    assert patched.json()["price"] == {"unit": "EUR", "value": 31.5}


def test_patch_moves_a_category_under_a_parent_and_back(api: Tmf620) -> None:
    parent = bodies.created_id(api, "category", bodies.category("Parent"))
    child = bodies.created_id(api, "category", bodies.category("Child"))
    moved = api.patch(
        "category", child, {"@type": "Category", "parent": {"@type": "CategoryRef", "id": parent}}
    )
    assert moved.status_code == 200, moved.text
    assert moved.json()["isRoot"] is False
    assert moved.json()["parent"]["id"] == parent
    back = api.patch("category", child, {"@type": "Category", "parent": None})
    assert back.json()["isRoot"] is True
    assert "parent" not in back.json()


def test_patch_with_only_markers_changes_nothing(api: Tmf620) -> None:
    entity_id = bodies.created_id(api, "category", bodies.category("Unchanged"))
    before = api.retrieve("category", entity_id).json()
    after = api.patch("category", entity_id, {"@type": "Category"})
    assert after.status_code == 200
    assert after.json() == before


def test_bundle(api: Tmf620, world: dict[str, str]) -> None:
    component = bodies.created_id(
        api,
        "productOffering",
        bodies.product_offering(world["specification"], world["price"], world["category"]),
    )
    created = api.create("productOffering", bodies.bundle([component]))
    assert created.status_code == 201, created.text
    bundled = created.json()["bundledProductOffering"]
    assert bundled[0]["id"] == component
    assert bundled[0]["@referredType"] == "ProductOffering"
    assert bundled[0]["bundledProductOfferingOption"]["numberRelOfferLowerLimit"] == 1


def test_fields_on_create_and_retrieve(api: Tmf620) -> None:
    created = api.create("category", bodies.category("Selected"), query="?fields=name")
    assert created.status_code == 201
    assert set(created.json()) == {"id", "href", "@type", "name"}
    assert created.headers["Location"] == created.json()["href"]
    retrieved = api.retrieve("category", created.json()["id"], "?fields=none")
    assert set(retrieved.json()) == {"id", "href", "@type"}
