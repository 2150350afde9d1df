"""TMF630 queries through the facade, pushed down to the catalog service: fields, paging,
filters (dotted, OR, booleans, enums), sort, and the count headers."""

from __future__ import annotations

import pytest

from tests.integration.rest import bodies
from tests.integration.rest.harness import Tmf620


@pytest.fixture(scope="module")
def dataset(api: Tmf620) -> dict[str, str]:
    """Five offerings (one bundle) over two categories, two specifications, two prices."""
    ids = {
        "cat-a": bodies.created_id(api, "category", bodies.category("A", id="q-cat-a")),
        "cat-b": bodies.created_id(
            api, "category", bodies.category("B", id="q-cat-b", parent="q-cat-a")
        ),
        "spec-x": bodies.created_id(
            api, "productSpecification", bodies.product_specification(id="q-spec-x", brand="Xbrand")
        ),
        "spec-y": bodies.created_id(
            api, "productSpecification", bodies.product_specification(id="q-spec-y", brand="Ybrand")
        ),
        "price-m": bodies.created_id(
            api, "productOfferingPrice", bodies.product_offering_price(id="q-price-m")
        ),
        "price-o": bodies.created_id(
            api,
            "productOfferingPrice",
            {
                "@type": "ProductOfferingPrice",
                "id": "q-price-o",
                "name": "Setup",
                "priceType": "oneTime",
                "price": {"unit": "USD", "value": 49},
            },
        ),
    }
    offerings = [
        ("q-o1", "Alpha", "Active", "spec-x", "price-m", "cat-a"),
        ("q-o2", "Bravo", "Active", "spec-x", "price-o", "cat-b"),
        ("q-o3", "Charlie", "Retired", "spec-y", "price-m", "cat-a"),
        ("q-o4", "Delta", "In design", "spec-y", "price-o", "cat-b"),
    ]
    for entity_id, name, status, spec, price, category in offerings:
        body = bodies.product_offering(
            ids[spec],
            ids[price],
            ids[category],
            id=entity_id,
            name=name,
            lifecycleStatus=status,
            version="2",
        )
        ids[entity_id] = bodies.created_id(api, "productOffering", body)
    ids["q-b1"] = bodies.created_id(
        api, "productOffering", bodies.bundle(["q-o1", "q-o2"], id="q-b1", name="Echo", version="3")
    )
    return ids


def listed(api: Tmf620, collection: str, query: str) -> tuple[list[str], int, int]:
    response = api.list(collection, query)
    assert response.status_code == 200, response.text
    ids = [item["id"] for item in response.json()]
    assert int(response.headers["X-Result-Count"]) == len(ids)
    return ids, int(response.headers["X-Total-Count"]), len(ids)


def offerings(api: Tmf620, query: str) -> list[str]:
    return listed(api, "productOffering", query)[0]


@pytest.mark.usefixtures("dataset")
class TestFilters:
    def test_lifecycle_status(self, api: Tmf620) -> None:
        assert offerings(api, "?lifecycleStatus=Active&sort=id") == ["q-b1", "q-o1", "q-o2"]

    def test_comma_is_or(self, api: Tmf620) -> None:
        assert offerings(api, "?lifecycleStatus=Retired,In%20design&sort=id") == ["q-o3", "q-o4"]

    def test_repetition_is_or(self, api: Tmf620) -> None:
        assert offerings(api, "?name=Alpha&name=Delta&sort=id") == ["q-o1", "q-o4"]

    def test_different_attributes_and(self, api: Tmf620) -> None:
        assert offerings(api, "?category.id=q-cat-a&productSpecification.id=q-spec-y") == ["q-o3"]

    def test_dotted_paths(self, api: Tmf620) -> None:
        assert offerings(api, "?category.id=q-cat-b&sort=id") == ["q-o2", "q-o4"]
        assert offerings(api, "?productOfferingPrice.id=q-price-o&sort=id") == ["q-o2", "q-o4"]

    def test_booleans(self, api: Tmf620) -> None:
        assert offerings(api, "?isBundle=true") == ["q-b1"]
        assert "q-b1" not in offerings(api, "?isBundle=false&limit=1000")

    def test_name_and_version(self, api: Tmf620) -> None:
        assert offerings(api, "?name=Echo&version=3") == ["q-b1"]

    def test_price_type_and_currency(self, api: Tmf620) -> None:
        ids, _, _ = listed(api, "productOfferingPrice", "?priceType=oneTime&price.unit=USD")
        assert ids == ["q-price-o"]

    def test_category_tree(self, api: Tmf620) -> None:
        assert listed(api, "category", "?parent.id=q-cat-a")[0] == ["q-cat-b"]
        assert listed(api, "category", "?parentId=q-cat-a")[0] == ["q-cat-b"]
        assert "q-cat-b" not in listed(api, "category", "?isRoot=true&limit=1000")[0]
        assert "q-cat-a" in listed(api, "category", "?isRoot=true&limit=1000")[0]

    def test_brand(self, api: Tmf620) -> None:
        assert listed(api, "productSpecification", "?brand=Ybrand")[0] == ["q-spec-y"]

    def test_last_update_bounds(self, api: Tmf620) -> None:
        assert offerings(api, "?id=q-o1&lastUpdate.gte=2000-01-01T00:00:00Z") == ["q-o1"]
        assert offerings(api, "?id=q-o1&lastUpdate.lte=2000-01-01T00:00:00Z") == []


@pytest.mark.usefixtures("dataset")
class TestPagingAndSort:
    def test_counts_cover_the_filtered_set(self, api: Tmf620) -> None:
        ids, total, returned = listed(api, "productOffering", "?version=2&sort=id&limit=2")
        assert (ids, total, returned) == (["q-o1", "q-o2"], 4, 2)
        ids, total, _ = listed(api, "productOffering", "?version=2&sort=id&offset=2&limit=2")
        assert (ids, total) == (["q-o3", "q-o4"], 4)

    def test_offset_past_the_end_is_an_empty_page(self, api: Tmf620) -> None:
        assert listed(api, "productOffering", "?version=2&offset=100") == ([], 4, 0)

    def test_sort_descending_and_several_keys(self, api: Tmf620) -> None:
        assert offerings(api, "?version=2&sort=-name") == ["q-o4", "q-o3", "q-o2", "q-o1"]
        assert offerings(api, "?version=2&sort=lifecycleStatus,-id") == [
            "q-o2",
            "q-o1",
            "q-o4",
            "q-o3",
        ]

    def test_default_limit_is_20(self, api: Tmf620) -> None:
        for n in range(21):
            bodies.created_id(api, "category", bodies.category(f"Many {n}", version="many"))
        _, total, returned = listed(api, "category", "?version=many")
        assert (total, returned) == (21, 20)


@pytest.mark.usefixtures("dataset")
class TestFields:
    def test_first_level_and_nested(self, api: Tmf620) -> None:
        response = api.list(
            "productOffering", "?id=q-o1&fields=name,productSpecification.id,validFor.startDateTime"
        )
        assert response.status_code == 200, response.text
        (item,) = response.json()
        assert set(item) == {"id", "href", "@type", "name", "productSpecification", "validFor"}
        assert set(item["productSpecification"]) == {"id", "href", "@type"}
        assert item["validFor"] == {"startDateTime": "2024-01-01T00:00:00Z"}


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("?colour=red", "colour"),
        ("?brand=x", "brand"),
        ("?isBundle=maybe", "isBundle"),
        ("?sort=price", "sort"),
        ("?fields=colour", "fields"),
        ("?limit=0", "limit"),
        ("?limit=1001", "limit"),
        ("?offset=-1", "offset"),
        ("?offset=99999999999", "offset"),
        ("?limit=abc", "limit"),
        ("?lastUpdate.gte=yesterday", "lastUpdate.gte"),
    ],
)
def test_bad_queries_are_400_naming_the_parameter(api: Tmf620, query: str, parameter: str) -> None:
    response = api.list("productOffering", query)
    assert response.status_code == 400, response.text
    assert f"'{parameter}'" in response.json()["message"]


def test_jsonpath_filter_is_501(api: Tmf620) -> None:
    response = api.list("productOffering", "?filter=name")
    assert response.status_code == 501
    assert response.json()["code"] == "QUERY_FEATURE_NOT_IMPLEMENTED"
