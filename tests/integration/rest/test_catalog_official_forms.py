"""Forms of the official TMF620 v5 request examples, over the real facade and gRPC tier (SQLite
and PostgreSQL), stored and given back: the JSON Patch Query path with the query right after
the array (`/place?id=2807`), a percentage of 0 on a recurring price, and an offering price
given by value that names an existing price."""

from __future__ import annotations

from typing import Any

import pytest

from tests.integration.rest import bodies
from tests.integration.rest.harness import Tmf620

QUERY = {"Content-Type": "application/json-patch-query+json"}


def place(place_id: str, name: str) -> dict[str, Any]:
    return {"id": place_id, "name": name, "@type": "PlaceRef"}


def party(role: str, party_id: str) -> dict[str, Any]:
    return {
        "role": role,
        "partyOrPartyRole": {"id": party_id, "@type": "PartyRef"},
        "@type": "RelatedPartyRefOrPartyRoleRef",
    }


def test_remove_through_a_query_right_after_the_array(api: Tmf620) -> None:
    body = bodies.product_offering_price(
        place=[place("2707", "Bay Area"), place("2807", "Oakland"), place("2907", "Oakland")]
    )
    price_id = bodies.created_id(api, "productOfferingPrice", body)

    patched = api.request(
        "PATCH",
        f"/productOfferingPrice/{price_id}",
        json=[{"op": "remove", "path": "/place?id=2807"}],
        headers=QUERY,
    )

    assert patched.status_code == 200, patched.text
    assert patched.json()["place"] == [place("2707", "Bay Area"), place("2907", "Oakland")]
    stored = api.retrieve("productOfferingPrice", price_id).json()
    assert stored["place"] == [place("2707", "Bay Area"), place("2907", "Oakland")]


def test_replace_and_remove_every_selected_element(api: Tmf620) -> None:
    body = bodies.product_catalog(
        [], relatedParty=[party("vendor", "1"), party("Reviser", "2"), party("vendor", "3")]
    )
    catalog_id = bodies.created_id(api, "productCatalog", body)

    replaced = api.request(
        "PATCH",
        f"/productCatalog/{catalog_id}",
        json=[
            {"op": "replace", "path": "/relatedParty?role=Reviser", "value": party("owner", "2")}
        ],
        headers=QUERY,
    )
    assert replaced.status_code == 200, replaced.text
    assert [p["role"] for p in replaced.json()["relatedParty"]] == ["vendor", "owner", "vendor"]

    removed = api.request(
        "PATCH",
        f"/productCatalog/{catalog_id}",
        json=[{"op": "remove", "path": "/relatedParty?role=vendor"}],
        headers=QUERY,
    )
    assert removed.status_code == 200, removed.text
    stored = api.retrieve("productCatalog", catalog_id).json()
    assert stored["relatedParty"] == [party("owner", "2")]


def test_a_query_selecting_nothing_changes_nothing_and_is_400(api: Tmf620) -> None:
    price_id = bodies.created_id(
        api, "productOfferingPrice", bodies.product_offering_price(place=[place("1", "A")])
    )

    patched = api.request(
        "PATCH",
        f"/productOfferingPrice/{price_id}",
        json=[{"op": "remove", "path": "/place?id=2"}],
        headers=QUERY,
    )

    assert (patched.status_code, patched.json()["code"]) == (400, "JSON_PATCH_QUERY_NO_MATCH")
    assert api.retrieve("productOfferingPrice", price_id).json()["place"] == [place("1", "A")]


def test_a_recurring_price_of_0_percent_is_kept(api: Tmf620) -> None:
    price_id = bodies.created_id(
        api, "productOfferingPrice", bodies.product_offering_price(percentage=0)
    )

    stored = api.retrieve("productOfferingPrice", price_id).json()
    assert stored["percentage"] == 0
    assert stored["price"] == {"unit": "EUR", "value": 29.99}


def test_a_non_zero_percentage_stays_a_discounts(api: Tmf620) -> None:
    refused = api.create("productOfferingPrice", bodies.product_offering_price(percentage=5))

    assert (refused.status_code, refused.json()["code"]) == (400, "INVALID_ENTITY"), refused.text


@pytest.fixture(scope="module")
def parts(api: Tmf620) -> dict[str, str]:
    return {
        "category": bodies.created_id(api, "category", bodies.category("By value")),
        "specification": bodies.created_id(
            api, "productSpecification", bodies.product_specification()
        ),
        "price": bodies.created_id(api, "productOfferingPrice", bodies.product_offering_price()),
    }


def test_a_price_given_by_value_names_the_existing_price(
    api: Tmf620, parts: dict[str, str]
) -> None:
    by_value = {
        "id": parts["price"],
        "href": f"https://elsewhere.example/productOfferingPrice/{parts['price']}",
        "name": "Monthly fee",
        "@referredType": "ProductOfferingPrice",
        "@type": "ProductOfferingPrice",
    }
    body = bodies.product_offering(
        parts["specification"], parts["price"], parts["category"], productOfferingPrice=[by_value]
    )

    created = api.create("productOffering", body)

    assert created.status_code == 201, created.text
    stored = api.retrieve("productOffering", created.json()["id"]).json()
    assert [(p["id"], p["@type"]) for p in stored["productOfferingPrice"]] == [
        (parts["price"], "ProductOfferingPriceRef")
    ]


def test_a_price_given_by_value_with_price_attributes_is_400(
    api: Tmf620, parts: dict[str, str]
) -> None:
    by_value = {"id": parts["price"], "priceType": "oneTime", "@type": "ProductOfferingPrice"}
    body = bodies.product_offering(
        parts["specification"], parts["price"], parts["category"], productOfferingPrice=[by_value]
    )

    refused = api.create("productOffering", body)

    assert refused.status_code == 400, refused.text
    assert "priceType" in refused.text


def test_a_price_given_by_value_must_exist(api: Tmf620, parts: dict[str, str]) -> None:
    by_value = {"id": "no-such-price", "@type": "ProductOfferingPrice"}
    body = bodies.product_offering(
        parts["specification"], parts["price"], parts["category"], productOfferingPrice=[by_value]
    )

    refused = api.create("productOffering", body)

    assert refused.status_code in (404, 422), refused.text
