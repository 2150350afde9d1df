"""Concise builders of valid catalog entities. Every builder takes the id first and any field
to change as a keyword: `an_offering("off-tv", price_ids=("p-1",))`."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any

from domain.catalog.model import (
    AllowedValue,
    BundleComponent,
    Catalog,
    Category,
    CharacteristicSpecification,
    ConfiguredCharacteristic,
    NumberRange,
    Offering,
    OfferingPrice,
    PriceKind,
    ProductSpecification,
    RequestedComponent,
    RequestedConfiguration,
    Value,
)
from domain.shared.money import Money


def a_catalog(catalog_id: str = "cat-1", **changes: Any) -> Catalog:
    return dataclasses.replace(Catalog(id=catalog_id, name=f"Catalog {catalog_id}"), **changes)


def a_category(category_id: str = "cg-1", **changes: Any) -> Category:
    return dataclasses.replace(Category(id=category_id, name=f"Category {category_id}"), **changes)


def a_characteristic(name: str = "speed", **changes: Any) -> CharacteristicSpecification:
    return dataclasses.replace(CharacteristicSpecification(name=name), **changes)


def allowed(value: Value, *, default: bool = False, unit: str = "") -> AllowedValue:
    return AllowedValue(value=value, is_default=default, unit_of_measure=unit)


def allowed_range(
    minimum: int | str | None = None, maximum: int | str | None = None, *, unit: str = ""
) -> AllowedValue:
    return AllowedValue(
        range=NumberRange(
            minimum=None if minimum is None else Decimal(minimum),
            maximum=None if maximum is None else Decimal(maximum),
        ),
        unit_of_measure=unit,
    )


def a_specification(
    specification_id: str = "spec-1",
    *characteristics: CharacteristicSpecification,
    **changes: Any,
) -> ProductSpecification:
    specification = ProductSpecification(
        id=specification_id, name=f"Specification {specification_id}"
    )
    return dataclasses.replace(specification, characteristics=characteristics, **changes)


def money(amount: str, currency_code: str = "EUR") -> Money:
    return Money(currency_code=currency_code, amount=Decimal(amount))


def a_price(price_id: str = "price-1", **changes: Any) -> OfferingPrice:
    """A one-time price of EUR 10."""
    price = OfferingPrice(
        id=price_id, name=f"Price {price_id}", kind=PriceKind.ONE_TIME, amount=money("10")
    )
    return dataclasses.replace(price, **changes)


def a_recurring_price(price_id: str = "price-1", **changes: Any) -> OfferingPrice:
    return a_price(
        price_id, **{"kind": PriceKind.RECURRING, "recurring_period": "month", **changes}
    )


def a_usage_price(price_id: str = "price-1", **changes: Any) -> OfferingPrice:
    return a_price(price_id, **{"kind": PriceKind.USAGE, "unit_of_measure": "GB", **changes})


def a_discount(price_id: str = "price-1", **changes: Any) -> OfferingPrice:
    """A discount of 10 percent."""
    discount = {"kind": PriceKind.DISCOUNT, "amount": None, "discount_percentage": Decimal(10)}
    return a_price(price_id, **{**discount, **changes})


def an_offering(offering_id: str = "off-1", **changes: Any) -> Offering:
    return dataclasses.replace(Offering(id=offering_id, name=f"Offering {offering_id}"), **changes)


def a_component(
    offering_id: str, minimum: int = 0, maximum: int = 1, default: int = 0
) -> BundleComponent:
    return BundleComponent(
        offering_id=offering_id,
        min_quantity=minimum,
        max_quantity=maximum,
        default_quantity=default,
    )


def a_bundle(offering_id: str, *components: BundleComponent, **changes: Any) -> Offering:
    bundle = {"is_bundle": True, "bundle_components": components}
    return an_offering(offering_id, **{**bundle, **changes})


def chosen(name: str, *values: Value) -> ConfiguredCharacteristic:
    return ConfiguredCharacteristic(name=name, values=values)


def configuration(
    *characteristics: ConfiguredCharacteristic, components: tuple[RequestedComponent, ...] = ()
) -> RequestedConfiguration:
    return RequestedConfiguration(characteristics=characteristics, components=components)


def component_request(
    offering_id: str, quantity: int = 1, config: RequestedConfiguration | None = None
) -> RequestedComponent:
    return RequestedComponent(offering_id=offering_id, quantity=quantity, configuration=config)
