"""Attribute filters on any attribute of the TMF620 resources, evaluated by the tier in its
database (search documents), through the real facade on both backends.

The generic test walks every entry of every resource's condition table: the value found at
that TMF path in a stored entity's representation filters the list to exactly the entities
whose representation carries it (and `.ne` to the others), X-Total-Count counting them. So
each entry is proven to name the field the representation is made of."""

from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
import sqlalchemy
from sqlalchemy.engine import make_url

from rest_facade.catalog.resources import (
    CATEGORY,
    IMPORT_JOB,
    PRODUCT_CATALOG,
    PRODUCT_OFFERING,
    PRODUCT_OFFERING_PRICE,
    PRODUCT_SPECIFICATION,
    CatalogResource,
)
from tests.integration.rest import bodies
from tests.integration.rest.harness import Tmf620, facade, grpc_tier
from tests.integration.rest.test_import_job import finished, write_catalog

RESOURCES: list[CatalogResource[Any, Any]] = [
    PRODUCT_CATALOG,
    CATEGORY,
    PRODUCT_SPECIFICATION,
    PRODUCT_OFFERING_PRICE,
    PRODUCT_OFFERING,
    IMPORT_JOB,
]
START = "2024-01-01T00:00:00Z"
END = "2030-06-30T12:30:00.250Z"
PERIOD = {"startDateTime": START, "endDateTime": END}


def _option(lower: int, upper: int, default: int) -> dict[str, Any]:
    return {
        "@type": "BundledProductOfferingOption",
        "numberRelOfferLowerLimit": lower,
        "numberRelOfferUpperLimit": upper,
        "numberRelOfferDefault": default,
    }


@pytest.fixture(scope="module")
def seeded(api: Tmf620, import_folder: Path) -> dict[str, str]:
    """Entities of every resource, between them carrying every attribute of the tables."""
    ids: dict[str, str] = {}

    def create(key: str, collection: str, body: dict[str, Any]) -> None:
        ids[key] = bodies.created_id(api, collection, body)

    create(
        "root",
        "category",
        bodies.category(
            "Cnd root",
            id="cnd-cat-root",
            description="Everything",
            version="1.0",
            lifecycleStatus="Active",
            validFor=PERIOD,
        ),
    )
    create(
        "child",
        "category",
        bodies.category(
            "Cnd child",
            parent="cnd-cat-root",
            id="cnd-cat-child",
            lifecycleStatus="In design",
            validFor={"startDateTime": "2025-03-01T08:00:00Z"},
        ),
    )
    create(
        "catalog",
        "productCatalog",
        bodies.product_catalog(
            ["cnd-cat-root", "cnd-cat-child"],
            id="cnd-catalog-1",
            description="Retail, all",
            version="7",
            lifecycleStatus="Active",
            validFor=PERIOD,
        ),
    )
    create(
        "catalog-2",
        "productCatalog",
        bodies.product_catalog(
            ["cnd-cat-child"], id="cnd-catalog-2", name="Wholesale", catalogType="wholesale"
        ),
    )
    spec = bodies.product_specification(
        id="cnd-spec-1", description="Access line", version="2", validFor=PERIOD
    )
    spec["productSpecCharacteristic"][0]["description"] = "Downstream in Mbps"
    spec["productSpecCharacteristic"].append(
        {
            "@type": "CharacteristicSpecification",
            "name": "staticIp",
            "valueType": "boolean",
            "configurable": False,
            "minCardinality": 0,
            "characteristicValueSpecification": [
                {"@type": "BooleanCharacteristicValueSpecification", "value": True}
            ],
        }
    )
    create("spec", "productSpecification", spec)
    create(
        "spec-2",
        "productSpecification",
        bodies.product_specification(
            id="cnd-spec-2", name="Cnd TV", brand="Other", productNumber="TV-1"
        ),
    )
    create(
        "monthly",
        "productOfferingPrice",
        bodies.product_offering_price(
            id="cnd-price-monthly", description="Per month", version="3", validFor=PERIOD
        ),
    )
    create(
        "usage",
        "productOfferingPrice",
        {
            "@type": "ProductOfferingPrice",
            "id": "cnd-price-usage",
            "name": "Per GB",
            "priceType": "usage",
            "price": {"unit": "GBP", "value": 2},
            "unitOfMeasure": {"amount": 1, "units": "GB"},
        },
    )
    create(
        "discount",
        "productOfferingPrice",
        {
            "@type": "ProductOfferingPrice",
            "id": "cnd-price-discount",
            "name": "Welcome discount",
            "priceType": "discount",
            "percentage": 15.5,
        },
    )
    create(
        "o1",
        "productOffering",
        bodies.product_offering(
            "cnd-spec-1",
            "cnd-price-monthly",
            "cnd-cat-root",
            id="cnd-off-1",
            name="Cnd fibre",
            description="Fast",
            version="4",
            validFor=PERIOD,
        ),
    )
    create(
        "o2",
        "productOffering",
        bodies.product_offering(
            "cnd-spec-2",
            "cnd-price-usage",
            "cnd-cat-child",
            id="cnd-off-2",
            name="Cnd TV",
            isSellable=False,
            lifecycleStatus="Retired",
        ),
    )
    bundle = bodies.bundle(["cnd-off-1", "cnd-off-2"], id="cnd-bundle", name="Cnd bundle")
    bundle["bundledProductOffering"][1]["bundledProductOfferingOption"] = _option(0, 2, 0)
    create("bundle", "productOffering", bundle)

    good = write_catalog(
        import_folder, [{"category": {"id": "cnd-imp-cat", "name": "Imported", "version": "1"}}]
    )
    bad = write_catalog(import_folder, [{"nonsense": {}}])
    for key, url in (("job-ok", good), ("job-failed", bad)):
        created = api.create("importJob", {"@type": "ImportJob", "url": url})
        assert created.status_code == 201, created.text
        ids[key] = finished(api, created.json()["id"])["id"]
    return ids


# --- the generic test: every table entry --------------------------------------------------


def values_at(document: Any, path: str) -> list[Any]:
    """Every value at a dotted path, through arrays (any element)."""
    found = [document]
    for name in path.split("."):
        below: list[Any] = []
        for item in found:
            if isinstance(item, dict) and name in item:
                value = item[name]
                below.extend(value if isinstance(value, list) else [value])
        found = below
    return found


def _comparable(value: Any) -> Any:
    """As the tier compares: instants as instants, numbers as numbers, the rest as written."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return Decimal(str(value))
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d\d-\d\dT.*", value):
        return datetime.fromisoformat(value)
    return value


def query_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return quote(str(value), safe="")


def everything(api: Tmf620, collection: str) -> list[dict[str, Any]]:
    response = api.list(collection, "?limit=1000")
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()
    assert int(response.headers["X-Total-Count"]) == len(items) < 1000
    return items


def listed(api: Tmf620, collection: str, query: str) -> tuple[set[str], int]:
    response = api.list(collection, f"{query}&limit=1000")
    assert response.status_code == 200, f"{query}: {response.text}"
    ids = {item["id"] for item in response.json()}
    return ids, int(response.headers["X-Total-Count"])


TABLE_ENTRIES = [
    pytest.param(resource, path, id=f"{resource.collection}:{path}")
    for resource in RESOURCES
    for path in resource.query.conditions
]


@pytest.mark.usefixtures("seeded")
@pytest.mark.parametrize(("resource", "path"), TABLE_ENTRIES)
def test_every_table_entry_filters_on_what_the_representation_shows(
    api: Tmf620, resource: CatalogResource[Any, Any], path: str
) -> None:
    collection = resource.collection
    entities = everything(api, collection)
    carrying = [e for e in entities if values_at(e, path) and e["id"].startswith("cnd-")]
    if collection == "importJob":
        carrying = [e for e in entities if values_at(e, path)]
    assert carrying, f"no seeded {collection} carries {path}: seed one that does"
    for entity in carrying:
        for value in values_at(entity, path):
            wanted = _comparable(value)
            matching = {
                e["id"]
                for e in entities
                if any(_comparable(v) == wanted for v in values_at(e, path))
            }
            assert entity["id"] in matching
            ids, total = listed(api, collection, f"?{path}={query_text(value)}")
            assert (ids, total) == (matching, len(matching)), f"{path}={value}"
            ids, total = listed(api, collection, f"?{path}.ne={query_text(value)}")
            others = {e["id"] for e in entities} - matching
            assert (ids, total) == (others, len(others)), f"{path}.ne={value}"


def test_tables_name_only_fields_of_the_message() -> None:
    """Every table entry is a path the tier resolves (checked again by the generic test)."""
    for resource in RESOURCES:
        assert resource.query.conditions, resource.collection
        for tmf, target in resource.query.conditions.items():
            assert target.path, tmf
            assert " " not in target.path, tmf


# --- operators ----------------------------------------------------------------------------


def ids_of(api: Tmf620, collection: str, query: str) -> list[str]:
    response = api.list(collection, query)
    assert response.status_code == 200, f"{query}: {response.text}"
    ids = [item["id"] for item in response.json()]
    assert int(response.headers["X-Total-Count"]) == len(ids)
    return ids


def offerings(api: Tmf620, query: str) -> list[str]:
    return ids_of(api, "productOffering", f"{query}&sort=id&limit=1000")


@pytest.mark.usefixtures("seeded")
class TestOperators:
    def test_dates_compare_as_instants(self, api: Tmf620) -> None:
        stamp = api.retrieve("productOffering", "cnd-off-1").json()["lastUpdate"]
        stamp = quote(stamp, safe="")
        base = "?id=cnd-off-1,cnd-off-2"
        assert "cnd-off-1" in offerings(api, f"{base}&lastUpdate.gte={stamp}")
        assert "cnd-off-1" in offerings(api, f"{base}&lastUpdate.lte={stamp}")
        assert "cnd-off-1" not in offerings(api, f"{base}&lastUpdate.gt={stamp}")
        assert "cnd-off-1" not in offerings(api, f"{base}&lastUpdate.lt={stamp}")
        # o2 was created after o1.
        assert offerings(api, f"{base}&lastUpdate.gt={stamp}") == ["cnd-off-2"]

    def test_validity_bounds(self, api: Tmf620) -> None:
        base = "?id.regex=%5Ecnd-"
        assert offerings(api, f"{base}&validFor.startDateTime.lt=2024-01-01T00:00:01Z") == [
            "cnd-off-1",
            "cnd-off-2",
        ]
        assert offerings(api, f"{base}&validFor.endDateTime.gte=2030-06-30T12:30:00Z") == [
            "cnd-off-1"
        ]
        assert offerings(api, f"{base}&validFor.endDateTime.gt=2030-06-30T12:30:00.250Z") == []
        # Another offset, the same instant.
        same = quote("2024-01-01T01:00:00+01:00", safe="")
        assert offerings(api, f"{base}&validFor.startDateTime={same}") == [
            "cnd-off-1",
            "cnd-off-2",
        ]

    def test_numbers_compare_as_numbers(self, api: Tmf620) -> None:
        option = "bundledProductOffering.bundledProductOfferingOption"
        assert offerings(api, f"?{option}.numberRelOfferUpperLimit.gte=2") == ["cnd-bundle"]
        assert offerings(api, f"?{option}.numberRelOfferLowerLimit.lt=1") == ["cnd-bundle"]
        assert offerings(api, f"?{option}.numberRelOfferUpperLimit.gt=10") == []
        specs = "productSpecification"
        assert "cnd-spec-1" in ids_of(
            api, specs, "?productSpecCharacteristic.minCardinality.gte=1&limit=1000"
        )
        assert (
            ids_of(api, specs, "?id=cnd-spec-1&productSpecCharacteristic.maxCardinality.gt=1") == []
        )

    def test_regex_on_name(self, api: Tmf620) -> None:
        names = {e["id"]: e["name"] for e in everything(api, "productOffering")}
        expected = sorted(i for i, name in names.items() if re.search("^Cnd (fib|TV)", name))
        assert expected == ["cnd-off-1", "cnd-off-2"]
        assert offerings(api, "?name.regex=" + quote("^Cnd (fib|TV)", safe="")) == expected

    def test_comma_and_repetition_are_or(self, api: Tmf620) -> None:
        both = ["cnd-off-1", "cnd-off-2"]
        assert offerings(api, "?name=Cnd%20fibre,Cnd%20TV") == both
        assert offerings(api, "?name=Cnd%20fibre&name=Cnd%20TV") == both
        assert offerings(api, "?id=cnd-off-1;id=cnd-off-2") == both
        assert offerings(api, "?lifecycleStatus.ne=Active,Retired&id.regex=%5Ecnd") == []

    def test_different_attributes_and(self, api: Tmf620) -> None:
        assert offerings(api, "?lifecycleStatus=Active&isBundle=true&id.regex=%5Ecnd") == [
            "cnd-bundle"
        ]
        assert offerings(api, "?category.id=cnd-cat-child&isSellable=false") == ["cnd-off-2"]
        assert offerings(api, "?category.id=cnd-cat-child&isSellable=true") == []

    def test_literal_operator_forms(self, api: Tmf620) -> None:
        assert offerings(api, "?id.regex=%5Ecnd&lastUpdate%3E%3D2000-01-01T00:00:00Z") == [
            "cnd-bundle",
            "cnd-off-1",
            "cnd-off-2",
        ]
        assert offerings(api, "?id.regex=%5Ecnd&lastUpdate%3C2000-01-01T00:00:00Z") == []

    def test_enumerated_values_are_translated(self, api: Tmf620, seeded: dict[str, str]) -> None:
        prices = ids_of(api, "productOfferingPrice", "?priceType=usage,discount&limit=1000")
        assert {"cnd-price-usage", "cnd-price-discount"} <= set(prices)
        assert "cnd-price-monthly" not in prices
        jobs = ids_of(api, "importJob", "?status.ne=Succeeded&limit=1000")
        assert seeded["job-failed"] in jobs
        assert seeded["job-ok"] not in jobs
        specs = "?productSpecCharacteristic.valueType=boolean&limit=1000"
        assert ids_of(api, "productSpecification", specs) == ["cnd-spec-1"]

    def test_counts_and_pages_cover_the_filtered_set(self, api: Tmf620) -> None:
        response = api.list("productOffering", "?id.regex=%5Ecnd-&sort=id&limit=2&offset=1")
        assert response.status_code == 200, response.text
        assert [o["id"] for o in response.json()] == ["cnd-off-1", "cnd-off-2"]
        assert response.headers["X-Total-Count"] == "3"


@pytest.mark.parametrize(
    ("collection", "query", "parameter"),
    [
        ("productOffering", "?lastUpdate.gt=notadate", "lastUpdate.gt"),
        ("productOffering", "?id=x&validFor.startDateTime=2024-01-01", "validFor.startDateTime"),
        ("productOffering", "?lastUpdate.regex=2024", "lastUpdate.regex"),
        ("productOffering", "?isBundle.gt=true", "isBundle.gt"),
        (
            "productOffering",
            "?bundledProductOffering.bundledProductOfferingOption.numberRelOfferDefault=one",
            "bundledProductOffering.bundledProductOfferingOption.numberRelOfferDefault",
        ),
        ("productOffering", "?name.regex=(", "name.regex"),
        ("productOffering", "?colour=red", "colour"),
        ("productOffering", "?category.name=x", "category.name"),
        ("productOfferingPrice", "?priceType=weekly", "priceType"),
        ("productOfferingPrice", "?priceType.gt=usage", "priceType.gt"),
        ("importJob", "?creationDate.lt=soon", "creationDate.lt"),
        ("importJob", "?status=Done", "status"),
        ("category", "?validFor=x", "validFor"),
    ],
)
def test_refusals_are_400_naming_the_parameter(
    api: Tmf620, collection: str, query: str, parameter: str
) -> None:
    response = api.list(collection, query)
    assert response.status_code == 400, response.text
    assert f"'{parameter}'" in response.json()["message"]


# --- rows written before search documents existed -------------------------------------------


def _sync_url(url: str) -> str:
    parsed = make_url(url)
    driver = "sqlite" if parsed.get_backend_name() == "sqlite" else "postgresql+psycopg"
    return parsed.set(drivername=driver).render_as_string(hide_password=False)


def test_rows_without_search_documents_are_filled_at_start(
    database_url: str, tmp_path: Path
) -> None:
    folder = tmp_path
    with grpc_tier(folder, database_url) as tier, facade(tier.target) as client:
        api = Tmf620(client)
        bodies.created_id(api, "category", bodies.category("Backfilled", id="bf-cat"))
        price = bodies.product_offering_price(id="bf-price", name="Old")
        bodies.created_id(api, "productOfferingPrice", price)
    engine = sqlalchemy.create_engine(_sync_url(database_url))
    try:
        with engine.begin() as connection:
            for table in ("categories", "offering_prices"):
                connection.execute(sqlalchemy.text(f"UPDATE {table} SET search = NULL"))
        with grpc_tier(folder, database_url) as tier, facade(tier.target) as client:
            api = Tmf620(client)
            assert ids_of(api, "category", "?name=Backfilled") == ["bf-cat"]
            prices = "?name.regex=%5EOl&priceType=recurring"
            assert ids_of(api, "productOfferingPrice", prices) == ["bf-price"]
        with engine.connect() as connection:
            empty = connection.execute(
                sqlalchemy.text("SELECT count(*) FROM categories WHERE search IS NULL")
            ).scalar_one()
            assert empty == 0
    finally:
        engine.dispose()


@pytest.mark.usefixtures("seeded")
def test_an_update_rewrites_the_search_document(api: Tmf620) -> None:
    bodies.created_id(api, "category", bodies.category("Before", id="cnd-upd"))
    assert ids_of(api, "category", "?name=Before&id=cnd-upd") == ["cnd-upd"]
    response = api.patch(
        "category",
        "cnd-upd",
        {
            "@type": "Category",
            "name": "After",
            "parent": {"@type": "CategoryRef", "id": "cnd-cat-root"},
        },
    )
    assert response.status_code == 200, response.text
    assert ids_of(api, "category", "?name=Before&id=cnd-upd") == []
    assert ids_of(api, "category", "?name=After&parent.id=cnd-cat-root&id=cnd-upd") == ["cnd-upd"]
