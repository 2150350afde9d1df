"""ProductOffering <-> Offering (single offerings and bundles)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ordercapture.catalog.v1 import offering_pb2
from rest_facade.catalog.mapping.entity import (
    entity_from_tmf,
    entity_to_tmf,
    flag,
    integer,
    items,
)
from rest_facade.catalog.mapping.product_catalog import category_ref
from rest_facade.extension_attributes import merged
from rest_facade.tmf_values import Hrefs, JsonObject, invalid, reference, reference_id

TMF_TYPE = "ProductOffering"
COLLECTION = "productOffering"
UPDATE_PATHS: Mapping[str, tuple[str, ...]] = {
    "isBundle": ("is_bundle",),
    "isSellable": ("is_sellable",),
    "productSpecification": ("specification_id",),
    "category": ("category_ids",),
    "productOfferingPrice": ("price_ids",),
    "bundledProductOffering": ("bundle_components",),
}


def to_tmf(offering: offering_pb2.Offering, hrefs: Hrefs) -> JsonObject:
    document = entity_to_tmf(offering, TMF_TYPE, hrefs.of(COLLECTION, offering.id))
    document["isBundle"] = offering.is_bundle
    document["isSellable"] = offering.is_sellable
    if offering.specification_id:
        document["productSpecification"] = reference(
            hrefs,
            "productSpecification",
            offering.specification_id,
            "ProductSpecificationRef",
            "ProductSpecification",
        )
    if offering.category_ids:
        document["category"] = [category_ref(hrefs, i) for i in offering.category_ids]
    if offering.price_ids:
        document["productOfferingPrice"] = [
            reference(
                hrefs, "productOfferingPrice", i, "ProductOfferingPriceRef", "ProductOfferingPrice"
            )
            for i in offering.price_ids
        ]
    if offering.bundle_components:
        document["bundledProductOffering"] = [
            _component_to_tmf(c, hrefs) for c in offering.bundle_components
        ]
    return merged(document, offering.extension)


def _component_to_tmf(component: offering_pb2.BundleComponent, hrefs: Hrefs) -> JsonObject:
    document = reference(
        hrefs, COLLECTION, component.offering_id, "BundledProductOffering", TMF_TYPE
    )
    document["bundledProductOfferingOption"] = {
        "@type": "BundledProductOfferingOption",
        "numberRelOfferLowerLimit": component.min_quantity,
        "numberRelOfferUpperLimit": component.max_quantity,
        "numberRelOfferDefault": component.default_quantity,
    }
    return document


def from_tmf(document: Mapping[str, Any]) -> offering_pb2.Offering:
    offering = offering_pb2.Offering(
        is_bundle=flag(document, "isBundle", False),
        is_sellable=flag(document, "isSellable", True),
    )
    entity_from_tmf(document, offering)
    if document.get("productSpecification") is not None:
        offering.specification_id = reference_id(
            document["productSpecification"], "productSpecification"
        )
    offering.category_ids.extend(_ids(document, "category"))
    offering.price_ids.extend(
        _price_id(item, f"productOfferingPrice[{n}]")
        for n, item in enumerate(items(document, "productOfferingPrice"))
    )
    offering.bundle_components.extend(
        _component_from_tmf(item, f"bundledProductOffering[{n}]")
        for n, item in enumerate(items(document, "bundledProductOffering"))
    )
    return offering


# What a price given by value (TMF620 ProductOfferingPriceRefOrValue, `@type`
# ProductOfferingPrice) may carry to be read as the reference to the existing price its `id`
# names: the attributes of a reference. The catalog keeps an offering's prices by reference;
# an attribute of the price itself would change that price, which is done on the price.
_PRICE_VALUE_AS_REFERENCE = frozenset(
    {"id", "href", "name", "@type", "@referredType", "@baseType", "@schemaLocation"}
)


def _price_id(item: Any, attribute: str) -> str:
    if isinstance(item, Mapping) and item.get("@type") == "ProductOfferingPrice":
        other = sorted(set(item) - _PRICE_VALUE_AS_REFERENCE)
        if other:
            raise invalid(
                attribute,
                "a price given by value is read as a reference to the existing price its 'id' "
                f"names; {', '.join(other)} would change that price: change it on "
                "/productOfferingPrice/{id}",
            )
    return reference_id(item, attribute)


def _ids(document: Mapping[str, Any], attribute: str) -> list[str]:
    return [reference_id(r, f"{attribute}[{n}]") for n, r in enumerate(items(document, attribute))]


def _component_from_tmf(document: Any, attribute: str) -> offering_pb2.BundleComponent:
    option = document.get("bundledProductOfferingOption") if isinstance(document, dict) else None
    if option is not None and not isinstance(option, Mapping):
        raise invalid(f"{attribute}.bundledProductOfferingOption", "an object is expected")
    option = option or {}
    # Without an option a component is optional, at most one, none by default.
    return offering_pb2.BundleComponent(
        offering_id=reference_id(document, attribute),
        min_quantity=integer(option, "numberRelOfferLowerLimit", 0),
        max_quantity=integer(option, "numberRelOfferUpperLimit", 1),
        default_quantity=integer(option, "numberRelOfferDefault", 0),
    )
