"""ProductOfferingPrice <-> OfferingPrice."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ordercapture.catalog.v1 import price_pb2
from rest_facade.catalog.mapping.entity import entity_from_tmf, entity_to_tmf, integer, text
from rest_facade.extension_attributes import merged
from rest_facade.tmf_values import (
    Hrefs,
    JsonObject,
    decimal_text,
    invalid,
    json_number,
    money_from_tmf,
    money_to_tmf,
    to_decimal,
)

TMF_TYPE = "ProductOfferingPrice"
COLLECTION = "productOfferingPrice"

PK = price_pb2.PriceKind
# priceType (a free string in v5; these are the spellings TMF examples use) <-> PriceKind.
PRICE_TYPES: Mapping[str, price_pb2.PriceKind.ValueType] = {
    "oneTime": PK.PRICE_KIND_ONE_TIME,
    "recurring": PK.PRICE_KIND_RECURRING,
    "usage": PK.PRICE_KIND_USAGE,
    "discount": PK.PRICE_KIND_DISCOUNT,
}
PRICE_TYPE_NAMES = {kind: name for name, kind in PRICE_TYPES.items()}

UPDATE_PATHS: Mapping[str, tuple[str, ...]] = {
    "priceType": ("kind",),
    "price": ("amount",),
    "recurringChargePeriodType": ("recurring_period",),
    # Always one period: accepted for conformance, nothing to store.
    "recurringChargePeriodLength": (),
    "unitOfMeasure": ("unit_of_measure",),
    "percentage": ("discount_percentage",),
}


def to_tmf(price: price_pb2.OfferingPrice, hrefs: Hrefs) -> JsonObject:
    document = entity_to_tmf(price, TMF_TYPE, hrefs.of(COLLECTION, price.id))
    if price.kind in PRICE_TYPE_NAMES:
        document["priceType"] = PRICE_TYPE_NAMES[price.kind]
    if price.HasField("amount"):
        document["price"] = money_to_tmf(price.amount)
    if price.recurring_period:
        document["recurringChargePeriodType"] = price.recurring_period
        document["recurringChargePeriodLength"] = 1
    if price.unit_of_measure:
        document["unitOfMeasure"] = {"amount": 1, "units": price.unit_of_measure}
    if price.discount_percentage:
        document["percentage"] = json_number(price.discount_percentage)
    return merged(document, price.extension)


def from_tmf(document: Mapping[str, Any]) -> price_pb2.OfferingPrice:
    price = price_pb2.OfferingPrice(
        kind=_price_kind(document),
        recurring_period=text(document, "recurringChargePeriodType"),
        unit_of_measure=_unit_of_measure(document.get("unitOfMeasure")),
    )
    entity_from_tmf(document, price)
    if document.get("price") is not None:
        price.amount.CopyFrom(money_from_tmf(document["price"], "price"))
    if document.get("percentage") is not None:
        percentage = to_decimal(document["percentage"], "percentage")
        price.discount_percentage = decimal_text(percentage)
    if integer(document, "recurringChargePeriodLength", 1) not in (0, 1):
        raise invalid("recurringChargePeriodLength", "only single periods (1) are supported")
    return price


def _price_kind(document: Mapping[str, Any]) -> price_pb2.PriceKind.ValueType:
    name = text(document, "priceType")
    if not name:
        return PK.PRICE_KIND_UNSPECIFIED
    if name not in PRICE_TYPES:
        raise invalid("priceType", f"'{name}' is not one of: {', '.join(PRICE_TYPES)}")
    return PRICE_TYPES[name]


def _unit_of_measure(quantity: Any) -> str:
    """Prices are per one unit: `{"amount": 1, "units": "GB"}`."""
    if quantity is None:
        return ""
    if not isinstance(quantity, Mapping):
        raise invalid("unitOfMeasure", "an object {amount, units} is expected")
    if quantity.get("amount") is not None and to_decimal(quantity["amount"], "unitOfMeasure") != 1:
        raise invalid("unitOfMeasure.amount", "prices are per single unit (amount 1)")
    return text(quantity, "units")
