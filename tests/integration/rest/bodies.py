"""Create bodies for every resource, as a TMF client would send them."""

from __future__ import annotations

from typing import Any

from tests.integration.rest.harness import Tmf620

LAST_UPDATE = "2024-01-01T00:00:00Z"  # v5 create schemas require it; the server ignores it


def category(name: str = "Broadband", parent: str | None = None, **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"@type": "Category", "name": name, **extra}
    if parent:
        body["parent"] = {"@type": "CategoryRef", "id": parent}
    return body


def product_catalog(category_ids: list[str], **extra: Any) -> dict[str, Any]:
    return {
        "@type": "ProductCatalog",
        "name": "Retail catalog",
        "catalogType": "retail",
        "category": [{"@type": "CategoryRef", "id": c} for c in category_ids],
        **extra,
    }


def product_specification(**extra: Any) -> dict[str, Any]:
    return {
        "@type": "ProductSpecification",
        "name": "Fibre access 1000",
        "brand": "ACME",
        "productNumber": "FB-1000",
        "lifecycleStatus": "Active",
        "lastUpdate": LAST_UPDATE,
        "productSpecCharacteristic": [
            {
                "@type": "CharacteristicSpecification",
                "name": "downloadSpeed",
                "valueType": "integer",
                "configurable": True,
                "minCardinality": 1,
                "maxCardinality": 1,
                "characteristicValueSpecification": [
                    {
                        "@type": "IntegerCharacteristicValueSpecification",
                        "value": 1000,
                        "unitOfMeasure": "Mbps",
                        "isDefault": True,
                    },
                    {
                        "@type": "IntegerCharacteristicValueSpecification",
                        "valueFrom": 100,
                        "valueTo": 500,
                        "unitOfMeasure": "Mbps",
                        "isDefault": False,
                    },
                ],
            },
            {
                "@type": "CharacteristicSpecification",
                "name": "router",
                "valueType": "string",
                "configurable": True,
                "minCardinality": 0,
                "maxCardinality": 1,
                "characteristicValueSpecification": [
                    {
                        "@type": "StringCharacteristicValueSpecification",
                        "value": "FRITZ!Box",
                        "isDefault": True,
                    }
                ],
            },
        ],
        **extra,
    }


def product_offering_price(**extra: Any) -> dict[str, Any]:
    return {
        "@type": "ProductOfferingPrice",
        "name": "Monthly fee",
        "priceType": "recurring",
        "price": {"unit": "EUR", "value": 29.99},
        "recurringChargePeriodType": "month",
        "recurringChargePeriodLength": 1,
        "lifecycleStatus": "Active",
        "lastUpdate": LAST_UPDATE,
        **extra,
    }


def product_offering(
    specification: str, price: str, category_id: str, **extra: Any
) -> dict[str, Any]:
    return {
        "@type": "ProductOffering",
        "name": "Fibre 1000",
        "lifecycleStatus": "Active",
        "lastUpdate": LAST_UPDATE,
        "isBundle": False,
        "isSellable": True,
        "validFor": {"startDateTime": "2024-01-01T00:00:00Z"},
        "productSpecification": {"@type": "ProductSpecificationRef", "id": specification},
        "productOfferingPrice": [{"@type": "ProductOfferingPriceRef", "id": price}],
        "category": [{"@type": "CategoryRef", "id": category_id}],
        **extra,
    }


def bundle(component_ids: list[str], **extra: Any) -> dict[str, Any]:
    return {
        "@type": "ProductOffering",
        "name": "Fibre and TV",
        "lifecycleStatus": "Active",
        "lastUpdate": LAST_UPDATE,
        "isBundle": True,
        "bundledProductOffering": [
            {
                "@type": "BundledProductOffering",
                "id": component,
                "bundledProductOfferingOption": {
                    "@type": "BundledProductOfferingOption",
                    "numberRelOfferLowerLimit": 1,
                    "numberRelOfferUpperLimit": 1,
                    "numberRelOfferDefault": 1,
                },
            }
            for component in component_ids
        ],
        **extra,
    }


def created_id(api: Tmf620, collection: str, body: dict[str, Any]) -> str:
    response = api.create(collection, body)
    assert response.status_code == 201, response.text
    entity_id = response.json()["id"]
    assert isinstance(entity_id, str)
    return entity_id
