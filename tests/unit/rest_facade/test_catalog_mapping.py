"""TMF620 JSON <-> proto round trips for every resource, and refused values."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from google.protobuf.message import Message
from google.protobuf.timestamp_pb2 import Timestamp

from ordercapture.catalog.v1 import import_pb2
from rest_facade.catalog.mapping import (
    category,
    import_job,
    product_catalog,
    product_offering,
    product_offering_price,
    product_specification,
)
from rest_facade.errors import TmfError
from rest_facade.tmf_values import Hrefs

ROOT = "http://h/tmf-api/productCatalogManagement/v5"
HREFS = Hrefs(ROOT)
VALID_FOR = {"startDateTime": "2024-01-01T00:00:00Z", "endDateTime": "2025-06-30T22:00:00Z"}


def ref(collection: str, entity_id: str, ref_type: str, referred: str) -> dict[str, str]:
    return {
        "@type": ref_type,
        "id": entity_id,
        "href": f"{ROOT}/{collection}/{entity_id}",
        "@referredType": referred,
    }


def entity(tmf_type: str, collection: str, entity_id: str) -> dict[str, Any]:
    return {
        "id": entity_id,
        "href": f"{ROOT}/{collection}/{entity_id}",
        "@type": tmf_type,
        "name": f"{tmf_type} {entity_id}",
        "description": "described",
        "version": "1.0",
        "lifecycleStatus": "Active",
        "validFor": VALID_FOR,
        "lastUpdate": "2024-03-01T10:00:00.500Z",
    }


CATALOG = {
    **entity("ProductCatalog", "productCatalog", "cat-1"),
    "catalogType": "retail",
    "category": [ref("category", "c1", "CategoryRef", "Category")],
}
ROOT_CATEGORY = {**entity("Category", "category", "c1"), "isRoot": True}
SUB_CATEGORY = {
    **entity("Category", "category", "c2"),
    "isRoot": False,
    "parent": ref("category", "c1", "CategoryRef", "Category"),
}
SPECIFICATION = {
    **entity("ProductSpecification", "productSpecification", "spec-1"),
    "brand": "ACME",
    "productNumber": "FB-1",
    "productSpecCharacteristic": [
        {
            "@type": "CharacteristicSpecification",
            "name": "downloadSpeed",
            "description": "Mbps",
            "valueType": "integer",
            "configurable": True,
            "minCardinality": 1,
            "maxCardinality": 1,
            "characteristicValueSpecification": [
                {
                    "@type": "IntegerCharacteristicValueSpecification",
                    "valueType": "integer",
                    "value": 500,
                    "unitOfMeasure": "Mbps",
                    "isDefault": True,
                },
                {
                    "@type": "IntegerCharacteristicValueSpecification",
                    "valueType": "integer",
                    "valueFrom": 100,
                    "valueTo": 1000,
                    "isDefault": False,
                },
            ],
        },
        {
            "@type": "CharacteristicSpecification",
            "name": "router",
            "valueType": "string",
            "configurable": False,
            "minCardinality": 0,
            "characteristicValueSpecification": [
                {
                    "@type": "StringCharacteristicValueSpecification",
                    "valueType": "string",
                    "value": "FRITZ!Box",
                    "isDefault": True,
                }
            ],
        },
        {
            "@type": "CharacteristicSpecification",
            "name": "ratio",
            "valueType": "number",
            "configurable": True,
            "minCardinality": 0,
            "characteristicValueSpecification": [
                {
                    "@type": "NumberCharacteristicValueSpecification",
                    "valueType": "number",
                    "value": 0.5,
                    "isDefault": False,
                }
            ],
        },
        {
            "@type": "CharacteristicSpecification",
            "name": "staticIp",
            "valueType": "boolean",
            "configurable": True,
            "minCardinality": 0,
            "maxCardinality": 3,
            "characteristicValueSpecification": [
                {
                    "@type": "BooleanCharacteristicValueSpecification",
                    "valueType": "boolean",
                    "value": False,
                    "isDefault": True,
                }
            ],
        },
    ],
}
RECURRING_PRICE = {
    **entity("ProductOfferingPrice", "productOfferingPrice", "p1"),
    "priceType": "recurring",
    "price": {"unit": "EUR", "value": 29.99},
    "recurringChargePeriodType": "month",
    "recurringChargePeriodLength": 1,
}
USAGE_PRICE = {
    **entity("ProductOfferingPrice", "productOfferingPrice", "p2"),
    "priceType": "usage",
    "price": {"unit": "EUR", "value": 2},
    "unitOfMeasure": {"amount": 1, "units": "GB"},
}
DISCOUNT_PRICE = {
    **entity("ProductOfferingPrice", "productOfferingPrice", "p3"),
    "priceType": "discount",
    "percentage": 12.5,
}
ONE_TIME_PRICE = {
    **entity("ProductOfferingPrice", "productOfferingPrice", "p4"),
    "priceType": "oneTime",
    "price": {"unit": "EUR", "value": -5.5},
}
OFFERING = {
    **entity("ProductOffering", "productOffering", "o1"),
    "isBundle": False,
    "isSellable": True,
    "productSpecification": ref(
        "productSpecification", "spec-1", "ProductSpecificationRef", "ProductSpecification"
    ),
    "category": [ref("category", "c1", "CategoryRef", "Category")],
    "productOfferingPrice": [
        ref("productOfferingPrice", "p1", "ProductOfferingPriceRef", "ProductOfferingPrice")
    ],
}
BUNDLE = {
    **entity("ProductOffering", "productOffering", "b1"),
    "isBundle": True,
    "isSellable": True,
    "bundledProductOffering": [
        {
            **ref("productOffering", "o1", "BundledProductOffering", "ProductOffering"),
            "bundledProductOfferingOption": {
                "@type": "BundledProductOfferingOption",
                "numberRelOfferLowerLimit": 1,
                "numberRelOfferUpperLimit": 1,
                "numberRelOfferDefault": 1,
            },
        }
    ],
}

ROUND_TRIPS = [
    pytest.param(product_catalog, CATALOG, id="productCatalog"),
    pytest.param(category, ROOT_CATEGORY, id="category-root"),
    pytest.param(category, SUB_CATEGORY, id="category-sub"),
    pytest.param(product_specification, SPECIFICATION, id="productSpecification"),
    pytest.param(product_offering_price, RECURRING_PRICE, id="price-recurring"),
    pytest.param(product_offering_price, USAGE_PRICE, id="price-usage"),
    pytest.param(product_offering_price, DISCOUNT_PRICE, id="price-discount"),
    pytest.param(product_offering_price, ONE_TIME_PRICE, id="price-one-time"),
    pytest.param(product_offering, OFFERING, id="productOffering"),
    pytest.param(product_offering, BUNDLE, id="productOffering-bundle"),
]


def with_server_time(message: Message) -> Message:
    """What the server adds: lastUpdate comes from update_time."""
    stamp = Timestamp()
    stamp.FromJsonString("2024-03-01T10:00:00.500Z")
    message.update_time.CopyFrom(stamp)  # type: ignore[attr-defined]
    return message


@pytest.mark.parametrize(("module", "document"), ROUND_TRIPS)
def test_tmf_to_proto_to_tmf(module: Any, document: dict[str, Any]) -> None:
    message = with_server_time(module.from_tmf(document))
    assert module.to_tmf(message, HREFS) == document


@pytest.mark.parametrize(("module", "document"), ROUND_TRIPS)
def test_proto_to_tmf_to_proto(module: Any, document: dict[str, Any]) -> None:
    message = with_server_time(module.from_tmf(document))
    again = with_server_time(module.from_tmf(module.to_tmf(message, HREFS)))
    assert again == message


def test_money_keeps_decimals_exactly() -> None:
    body = {**RECURRING_PRICE, "price": {"unit": "EUR", "value": Decimal("12345678901.23")}}
    assert product_offering_price.from_tmf(body).amount.amount == "12345678901.23"
    body = {**RECURRING_PRICE, "price": {"unit": "EUR", "value": 0.1}}
    assert product_offering_price.from_tmf(body).amount.amount == "0.1"
    body = {**RECURRING_PRICE, "price": {"unit": "EUR", "value": Decimal("1E+2")}}
    assert product_offering_price.from_tmf(body).amount.amount == "100"


def test_absent_optional_attributes_take_the_product_defaults() -> None:
    offering = product_offering.from_tmf({"@type": "ProductOffering", "name": "x"})
    assert (offering.is_bundle, offering.is_sellable, offering.lifecycle_status) == (
        False,
        True,
        "",
    )
    spec = product_specification.from_tmf(
        {
            "@type": "ProductSpecification",
            "name": "s",
            "productSpecCharacteristic": [
                {"@type": "CharacteristicSpecification", "name": "c", "valueType": "string"}
            ],
        }
    )
    assert spec.characteristics[0].configurable is True
    assert spec.characteristics[0].max_cardinality == 0  # unbounded
    bundle = product_offering.from_tmf(
        {
            "@type": "ProductOffering",
            "name": "b",
            "isBundle": True,
            "bundledProductOffering": [{"@type": "BundledProductOffering", "id": "o1"}],
        }
    )
    component = bundle.bundle_components[0]
    assert (component.min_quantity, component.max_quantity, component.default_quantity) == (0, 1, 0)


def test_server_managed_attributes_are_accepted_and_ignored_on_create() -> None:
    offering = product_offering.from_tmf(
        {**OFFERING, "lastUpdate": "1999-01-01T00:00:00Z", "href": "x"}
    )
    assert not offering.HasField("update_time")
    assert offering.id == "o1"


def test_import_job_round_trip() -> None:
    job = import_pb2.ImportJob(
        id="j1",
        source_url="catalog.jsonl",
        content_type="application/x-ndjson",
        state=import_pb2.IMPORT_JOB_STATE_FAILED,
        error_log="line 3: bad",
    )
    job.create_time.FromJsonString("2024-03-01T10:00:00Z")
    job.completion_time.FromJsonString("2024-03-01T10:00:01Z")
    document = import_job.to_tmf(job, HREFS)
    assert document == {
        "id": "j1",
        "href": f"{ROOT}/importJob/j1",
        "@type": "ImportJob",
        "url": "catalog.jsonl",
        "contentType": "application/x-ndjson",
        "status": "Failed",
        "errorLog": "line 3: bad",
        "creationDate": "2024-03-01T10:00:00Z",
        "completionDate": "2024-03-01T10:00:01Z",
    }
    created = import_job.from_tmf(document)
    assert created == import_pb2.ImportJob(
        source_url="catalog.jsonl", content_type="application/x-ndjson"
    )


BAD_BODIES = [
    pytest.param(
        product_offering_price,
        {**RECURRING_PRICE, "priceType": "monthly"},
        "priceType",
        id="price-type",
    ),
    pytest.param(
        product_offering_price, {**RECURRING_PRICE, "price": {"value": 1}}, "price", id="money-unit"
    ),
    pytest.param(
        product_offering_price,
        {**USAGE_PRICE, "unitOfMeasure": {"amount": 5, "units": "GB"}},
        "unitOfMeasure.amount",
        id="uom-amount",
    ),
    pytest.param(
        product_offering_price,
        {**RECURRING_PRICE, "recurringChargePeriodLength": 3},
        "recurringChargePeriodLength",
        id="period-length",
    ),
    pytest.param(category, {**SUB_CATEGORY, "isRoot": True}, "isRoot", id="is-root-contradiction"),
    pytest.param(
        product_offering,
        {**OFFERING, "category": [{"@type": "CategoryRef"}]},
        "category[0]",
        id="ref-without-id",
    ),
    pytest.param(
        product_offering,
        {**OFFERING, "validFor": {"startDateTime": "2024-01-01T00:00:00"}},
        "validFor.startDateTime",
        id="naive-time",
    ),
    pytest.param(
        product_specification,
        {
            **SPECIFICATION,
            "productSpecCharacteristic": [
                {"@type": "CharacteristicSpecification", "name": "c", "valueType": "colour"}
            ],
        },
        "productSpecCharacteristic[0].valueType",
        id="value-type",
    ),
    pytest.param(
        product_specification,
        {
            **SPECIFICATION,
            "productSpecCharacteristic": [
                {
                    "@type": "CharacteristicSpecification",
                    "name": "c",
                    "valueType": "string",
                    "characteristicValueSpecification": [
                        {
                            "@type": "StringCharacteristicValueSpecification",
                            "value": "a",
                            "valueFrom": 1,
                        }
                    ],
                }
            ],
        },
        "productSpecCharacteristic[0].characteristicValueSpecification[0]",
        id="value-and-range",
    ),
    pytest.param(import_job, {"@type": "ImportJob"}, "url", id="import-url"),
]


@pytest.mark.parametrize(("module", "document", "attribute"), BAD_BODIES)
def test_refused_values_name_the_attribute(
    module: Any, document: dict[str, Any], attribute: str
) -> None:
    with pytest.raises(TmfError) as caught:
        module.from_tmf(document)
    assert caught.value.status == 400
    assert f"'{attribute}'" in caught.value.message
