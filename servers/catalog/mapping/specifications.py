"""Product specifications and their characteristic definitions. Proto max_cardinality 0
means unbounded, which the domain says with None."""

from __future__ import annotations

from domain.catalog.model import (
    AllowedValue,
    CharacteristicSpecification,
    NumberRange,
    ProductSpecification,
)
from ordercapture.catalog.v1 import specification_pb2
from servers.catalog.mapping.common import entity_fields_from, entity_fields_to
from servers.catalog.mapping.enums import VALUE_TYPES_OUT, value_type_from
from servers.catalog.mapping.values import decimal_text, optional_decimal, value_from, value_to


def specification_from(message: specification_pb2.ProductSpecification) -> ProductSpecification:
    return ProductSpecification(
        **entity_fields_from(message),
        brand=message.brand,
        product_number=message.product_number,
        characteristics=tuple(
            characteristic_from(c, f"characteristics[{i}]")
            for i, c in enumerate(message.characteristics)
        ),
    )


def specification_to(spec: ProductSpecification) -> specification_pb2.ProductSpecification:
    return specification_pb2.ProductSpecification(
        **entity_fields_to(spec),
        brand=spec.brand,
        product_number=spec.product_number,
        characteristics=[characteristic_to(c) for c in spec.characteristics],
    )


def characteristic_from(
    message: specification_pb2.CharacteristicSpecification, field: str
) -> CharacteristicSpecification:
    return CharacteristicSpecification(
        name=message.name,
        description=message.description,
        value_type=value_type_from(message.value_type, f"{field}.value_type"),
        configurable=message.configurable,
        min_cardinality=message.min_cardinality,
        max_cardinality=message.max_cardinality or None,
        allowed_values=tuple(
            allowed_value_from(a, f"{field}.allowed_values[{i}]")
            for i, a in enumerate(message.allowed_values)
        ),
    )


def characteristic_to(
    characteristic: CharacteristicSpecification,
) -> specification_pb2.CharacteristicSpecification:
    return specification_pb2.CharacteristicSpecification(
        name=characteristic.name,
        description=characteristic.description,
        value_type=VALUE_TYPES_OUT[characteristic.value_type],
        configurable=characteristic.configurable,
        min_cardinality=characteristic.min_cardinality,
        max_cardinality=characteristic.max_cardinality or 0,
        allowed_values=[allowed_value_to(a) for a in characteristic.allowed_values],
    )


def allowed_value_from(message: specification_pb2.AllowedValue, field: str) -> AllowedValue:
    span = None
    if message.HasField("range"):
        span = NumberRange(
            optional_decimal(message.range.min, f"{field}.range.min"),
            optional_decimal(message.range.max, f"{field}.range.max"),
        )
    return AllowedValue(
        value=value_from(message.value, f"{field}.value") if message.HasField("value") else None,
        range=span,
        unit_of_measure=message.unit_of_measure,
        is_default=message.is_default,
    )


def allowed_value_to(allowed: AllowedValue) -> specification_pb2.AllowedValue:
    message = specification_pb2.AllowedValue(
        unit_of_measure=allowed.unit_of_measure, is_default=allowed.is_default
    )
    if allowed.value is not None:
        message.value.CopyFrom(value_to(allowed.value))
    if allowed.range is not None:
        message.range.CopyFrom(
            specification_pb2.NumberRange(
                min=decimal_text(allowed.range.minimum), max=decimal_text(allowed.range.maximum)
            )
        )
    return message
