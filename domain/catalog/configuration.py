"""Judging a requested configuration against the catalog: characteristic values and bundle
composition. Pure: the caller hands in a view of the entities involved. Qualification and
ordering call this through the catalog's ValidateConfiguration, never a copy of the rules."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from domain.catalog.model import (
    CharacteristicSpecification,
    ConfigurationViolation,
    ConfiguredCharacteristic,
    Offering,
    ProductSpecification,
    RequestedComponent,
    RequestedConfiguration,
    Value,
    ValueType,
)


@dataclass(frozen=True, slots=True)
class CatalogView:
    """The offerings and specifications a validation may look at, by id."""

    offerings: Mapping[str, Offering] = field(default_factory=dict)
    specifications: Mapping[str, ProductSpecification] = field(default_factory=dict)


def validate_configuration(
    offering: Offering, configuration: RequestedConfiguration, view: CatalogView, path: str = ""
) -> tuple[ConfigurationViolation, ...]:
    """Every violation of `configuration` for `offering`; empty when it is acceptable."""
    specification = view.specifications.get(offering.specification_id)
    return (
        *_characteristic_violations(specification, configuration.characteristics, path),
        *_component_violations(offering, configuration.components, view, path),
    )


def _characteristic_violations(
    specification: ProductSpecification | None,
    requested: Iterable[ConfiguredCharacteristic],
    path: str,
) -> list[ConfigurationViolation]:
    found: list[ConfigurationViolation] = []
    requested_names: set[str] = set()
    for item in requested:
        where = f"{path}characteristics[{item.name}]"
        definition = specification.characteristic(item.name) if specification else None
        if definition is None:
            found.append(
                _v(
                    where,
                    "CHARACTERISTIC_UNKNOWN",
                    f"{item.name!r} is not a characteristic of this offering",
                )
            )
            continue
        if item.name in requested_names:
            found.append(
                _v(
                    where,
                    "CHARACTERISTIC_CARDINALITY",
                    f"{item.name!r} is requested more than once",
                )
            )
            continue
        requested_names.add(item.name)
        found.extend(_value_violations(definition, item.values, where))
    for definition in specification.characteristics if specification else ():
        if (
            definition.required
            and definition.name not in requested_names
            and definition.default is None
        ):
            where = f"{path}characteristics[{definition.name}]"
            found.append(_v(where, "CHARACTERISTIC_REQUIRED", f"{definition.name!r} needs a value"))
    return found


def _value_violations(
    definition: CharacteristicSpecification, values: tuple[Value, ...], where: str
) -> list[ConfigurationViolation]:
    found: list[ConfigurationViolation] = []
    low = max(definition.min_cardinality, 1)
    high = definition.max_cardinality
    if len(values) < low or (high is not None and len(values) > high):
        bounds = f"{low}..{high if high is not None else '*'}"
        found.append(
            _v(where, "CHARACTERISTIC_CARDINALITY", f"{len(values)} values given, {bounds} allowed")
        )
    for value in values:
        problem = _value_problem(definition, value)
        if problem:
            found.append(_v(where, "CHARACTERISTIC_VALUE_NOT_ALLOWED", problem))
        elif _differs_from_fixed(definition, value):
            message = f"fixed at {_show(definition.default)}"
            found.append(_v(where, "CHARACTERISTIC_NOT_CONFIGURABLE", message))
    return found


def _value_problem(definition: CharacteristicSpecification, value: Value) -> str | None:
    """Why `value` is not acceptable for `definition`, or None."""
    typed = typed_value(definition.value_type, value)
    if typed is None:
        return f"{_show(value)} is not a {definition.value_type.value} value"
    if not definition.allowed_values:
        return None
    for allowed in definition.allowed_values:
        if allowed.value is not None and _same(definition.value_type, typed, allowed.value):
            return None
        if (
            allowed.range is not None
            and isinstance(typed, Decimal)
            and allowed.range.contains(typed)
        ):
            return None
    return f"{_show(value)} is not an allowed value"


def typed_value(value_type: ValueType, value: Value) -> Value | None:
    """The value in the characteristic's own type, or None when it cannot be."""
    if value_type is ValueType.FLAG:
        return value if isinstance(value, bool) else None
    if value_type is ValueType.TEXT:
        return value if isinstance(value, str) else None
    if isinstance(value, bool):
        return None
    number = value if isinstance(value, Decimal) else _parse_decimal(value)
    if number is None or not number.is_finite():
        return None
    if value_type is ValueType.INTEGER and number != number.to_integral_value():
        return None
    return number


def _parse_decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text.strip())
    except InvalidOperation:
        return None


def _differs_from_fixed(definition: CharacteristicSpecification, value: Value) -> bool:
    """A characteristic the customer may not configure accepts only its fixed value."""
    fixed = definition.default
    if definition.configurable or fixed is None:
        return False
    return not _same(definition.value_type, value, fixed)


def _same(value_type: ValueType, left: Value, right: Value) -> bool:
    a, b = typed_value(value_type, left), typed_value(value_type, right)
    return a is not None and a == b and type(a) is type(b)


def _component_violations(
    offering: Offering,
    requested: Iterable[RequestedComponent],
    view: CatalogView,
    path: str,
) -> list[ConfigurationViolation]:
    requested = tuple(requested)
    if requested and not offering.is_bundle:
        return [_v(f"{path}components", "NOT_A_BUNDLE", f"{offering.id!r} is not a bundle")]
    found: list[ConfigurationViolation] = []
    # Requested quantities add up; 0 explicitly leaves out a component included by default.
    quantities: Counter[str] = Counter()
    negative: set[str] = set()
    for item in requested:
        where = f"{path}components[{item.offering_id}]"
        if offering.component(item.offering_id) is None:
            found.append(
                _v(
                    where,
                    "COMPONENT_NOT_IN_BUNDLE",
                    f"{item.offering_id!r} is not part of {offering.id!r}",
                )
            )
            continue
        if item.quantity < 0:
            found.append(_v(where, "COMPONENT_QUANTITY", f"{item.quantity} is negative"))
            negative.add(item.offering_id)
        quantities[item.offering_id] += max(item.quantity, 0)
        inner = view.offerings.get(item.offering_id)
        if inner is not None and item.configuration is not None:
            found.extend(validate_configuration(inner, item.configuration, view, f"{where}."))
    for component in offering.bundle_components:
        chosen = quantities.get(component.offering_id, component.default_quantity)
        if component.offering_id in negative:
            continue  # already reported; a total would only repeat it
        if not component.min_quantity <= chosen <= component.max_quantity:
            where = f"{path}components[{component.offering_id}]"
            bounds = f"{component.min_quantity}..{component.max_quantity}"
            found.append(_v(where, "COMPONENT_QUANTITY", f"{chosen} chosen, {bounds} allowed"))
    return found


def _show(value: Value | None) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value) if isinstance(value, str) else str(value)


def _v(path: str, reason: str, message: str) -> ConfigurationViolation:
    return ConfigurationViolation(path=path, reason=reason, message=message)
