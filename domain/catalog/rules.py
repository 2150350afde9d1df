"""Invariants of catalog entities and the references they make to each other."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass

from domain.catalog.configuration import typed_value
from domain.catalog.model import (
    Catalog,
    CatalogEntity,
    Category,
    CharacteristicSpecification,
    Offering,
    OfferingPrice,
    PriceKind,
    ProductSpecification,
)
from domain.shared.errors import FieldViolation

# Attributes the server owns: never changed by an update.
SERVER_MANAGED = frozenset({"id", "create_time", "update_time"})

KIND_NAMES = {
    Catalog: "catalog",
    Category: "category",
    ProductSpecification: "product specification",
    OfferingPrice: "offering price",
    Offering: "offering",
}


@dataclass(frozen=True, slots=True)
class Reference:
    """`field` of an entity names the entity `target_id` of type `target`."""

    field: str
    target: type[CatalogEntity]
    target_id: str

    def missing(self) -> FieldViolation:
        return FieldViolation(
            self.field, f"{KIND_NAMES[self.target]} {self.target_id!r} does not exist"
        )


def updatable_fields(entity: CatalogEntity) -> frozenset[str]:
    return frozenset(f.name for f in dataclasses.fields(entity)) - SERVER_MANAGED


def references(entity: CatalogEntity) -> Iterator[Reference]:
    """Every other entity this one names."""
    if isinstance(entity, Catalog):
        for i, category_id in enumerate(entity.category_ids):
            yield Reference(f"category_ids[{i}]", Category, category_id)
    elif isinstance(entity, Category):
        if entity.parent_id:
            yield Reference("parent_id", Category, entity.parent_id)
    elif isinstance(entity, Offering):
        if entity.specification_id:
            yield Reference("specification_id", ProductSpecification, entity.specification_id)
        for i, category_id in enumerate(entity.category_ids):
            yield Reference(f"category_ids[{i}]", Category, category_id)
        for i, price_id in enumerate(entity.price_ids):
            yield Reference(f"price_ids[{i}]", OfferingPrice, price_id)
        for i, component in enumerate(entity.bundle_components):
            yield Reference(f"bundle_components[{i}].offering_id", Offering, component.offering_id)


def invariant_violations(entity: CatalogEntity) -> list[FieldViolation]:
    """Everything wrong with the entity taken on its own."""
    found: list[FieldViolation] = []
    if not entity.name.strip():
        found.append(FieldViolation("name", "a name is required"))
    if not entity.lifecycle_status.strip():
        found.append(FieldViolation("lifecycle_status", "a lifecycle status is required"))
    period = entity.validity
    if period.start and period.end and period.end < period.start:
        found.append(FieldViolation("validity", "the period ends before it starts"))
    if isinstance(entity, Catalog | Offering):
        found.extend(_duplicates("category_ids", entity.category_ids))
    if isinstance(entity, Category) and entity.parent_id == entity.id:
        found.append(FieldViolation("parent_id", "a category cannot be its own parent"))
    if isinstance(entity, ProductSpecification):
        found.extend(_specification_violations(entity))
    elif isinstance(entity, OfferingPrice):
        found.extend(_price_violations(entity))
    elif isinstance(entity, Offering):
        found.extend(_offering_violations(entity))
    return found


def _duplicates(field: str, ids: tuple[str, ...]) -> list[FieldViolation]:
    seen: set[str] = set()
    found = []
    for i, item in enumerate(ids):
        if item in seen:
            found.append(FieldViolation(f"{field}[{i}]", f"{item!r} is listed twice"))
        seen.add(item)
    return found


def _specification_violations(spec: ProductSpecification) -> list[FieldViolation]:
    found: list[FieldViolation] = []
    names: set[str] = set()
    for i, characteristic in enumerate(spec.characteristics):
        where = f"characteristics[{i}]"
        if not characteristic.name.strip():
            found.append(FieldViolation(f"{where}.name", "a name is required"))
        elif characteristic.name in names:
            found.append(
                FieldViolation(f"{where}.name", f"{characteristic.name!r} is defined twice")
            )
        names.add(characteristic.name)
        found.extend(_characteristic_violations(characteristic, where))
    return found


def _characteristic_violations(c: CharacteristicSpecification, where: str) -> list[FieldViolation]:
    found: list[FieldViolation] = []
    if c.min_cardinality < 0:
        found.append(FieldViolation(f"{where}.min_cardinality", "must not be negative"))
    if c.max_cardinality is not None and c.max_cardinality < max(c.min_cardinality, 1):
        found.append(
            FieldViolation(f"{where}.max_cardinality", "must be at least min_cardinality and 1")
        )
    defaults = 0
    for j, allowed in enumerate(c.allowed_values):
        at = f"{where}.allowed_values[{j}]"
        defaults += allowed.is_default
        if (allowed.value is None) == (allowed.range is None):
            found.append(FieldViolation(at, "give either a value or a range"))
        elif allowed.value is not None and typed_value(c.value_type, allowed.value) is None:
            found.append(FieldViolation(f"{at}.value", f"not a {c.value_type.value} value"))
        elif allowed.range is not None:
            low, high = allowed.range.minimum, allowed.range.maximum
            if c.value_type.value not in ("number", "integer"):
                found.append(FieldViolation(f"{at}.range", "ranges apply to numbers only"))
            elif low is not None and high is not None and low > high:
                found.append(FieldViolation(f"{at}.range", "minimum is above maximum"))
    if defaults > 1:
        found.append(FieldViolation(f"{where}.allowed_values", "at most one default value"))
    return found


def _price_violations(price: OfferingPrice) -> list[FieldViolation]:
    found: list[FieldViolation] = []
    if price.amount is not None:
        code = price.amount.currency_code
        if len(code) != 3 or not (code.isascii() and code.isalpha() and code.isupper()):
            found.append(FieldViolation("amount.currency_code", "an ISO 4217 code such as EUR"))
        if not price.amount.amount.is_finite():
            found.append(FieldViolation("amount.amount", "must be a finite number"))
        elif price.amount.amount < 0 and price.kind is not PriceKind.DISCOUNT:
            found.append(FieldViolation("amount.amount", "only a discount may be negative"))
    percentage = price.discount_percentage
    if price.kind is PriceKind.DISCOUNT:
        if (price.amount is None) == (percentage is None):
            found.append(
                FieldViolation("amount", "a discount takes either an amount or a percentage")
            )
        if percentage is not None and not (0 < percentage <= 100):
            found.append(FieldViolation("discount_percentage", "must be above 0 and at most 100"))
    else:
        if price.amount is None:
            found.append(FieldViolation("amount", f"a {price.kind.value} price needs an amount"))
        # A percentage alters a price: only a discount takes one. 0 % alters nothing, so a
        # price of another kind may carry it (the TMF620 v5 example does); it is kept as given.
        if percentage is not None and percentage != 0:
            found.append(
                FieldViolation("discount_percentage", "only discounts take a non-zero percentage")
            )
    if price.kind is PriceKind.RECURRING and not price.recurring_period.strip():
        found.append(FieldViolation("recurring_period", "a recurring price needs a period"))
    if price.kind is PriceKind.USAGE and not price.unit_of_measure.strip():
        found.append(FieldViolation("unit_of_measure", "a usage price needs a unit"))
    return found


def _offering_violations(offering: Offering) -> list[FieldViolation]:
    found = _duplicates("price_ids", offering.price_ids)
    if offering.is_bundle and not offering.bundle_components:
        found.append(FieldViolation("bundle_components", "a bundle needs at least one component"))
    if not offering.is_bundle and offering.bundle_components:
        found.append(FieldViolation("bundle_components", "only a bundle has components"))
    seen: set[str] = set()
    for i, component in enumerate(offering.bundle_components):
        where = f"bundle_components[{i}]"
        if component.offering_id == offering.id:
            found.append(FieldViolation(f"{where}.offering_id", "a bundle cannot contain itself"))
        if component.offering_id in seen:
            found.append(FieldViolation(f"{where}.offering_id", "listed twice"))
        seen.add(component.offering_id)
        if component.min_quantity < 0 or component.max_quantity < max(component.min_quantity, 1):
            found.append(
                FieldViolation(where, "needs 0 <= min_quantity <= max_quantity and max >= 1")
            )
        elif not component.min_quantity <= component.default_quantity <= component.max_quantity:
            found.append(FieldViolation(f"{where}.default_quantity", "must lie within min..max"))
    return found
