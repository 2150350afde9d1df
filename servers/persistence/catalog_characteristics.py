"""Characteristic specifications <-> JSON text, written out field by field so the stored format
is a deliberate contract and not whatever a generic serializer emits. Values are tagged by kind
because JSON cannot tell an exact decimal from text: {"text": "5G"}, {"number": "1.50"},
{"flag": true}."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from domain.catalog.model import (
    AllowedValue,
    CharacteristicSpecification,
    NumberRange,
    Value,
    ValueType,
)

JsonObject = dict[str, Any]


def dump_characteristics(characteristics: tuple[CharacteristicSpecification, ...]) -> str:
    return json.dumps([_characteristic_json(c) for c in characteristics], separators=(",", ":"))


def load_characteristics(text: str) -> tuple[CharacteristicSpecification, ...]:
    return tuple(_characteristic(item) for item in json.loads(text))


def _characteristic_json(c: CharacteristicSpecification) -> JsonObject:
    return {
        "name": c.name,
        "description": c.description,
        "valueType": c.value_type.value,
        "configurable": c.configurable,
        "minCardinality": c.min_cardinality,
        "maxCardinality": c.max_cardinality,
        "allowedValues": [_allowed_value_json(a) for a in c.allowed_values],
    }


def _characteristic(item: JsonObject) -> CharacteristicSpecification:
    return CharacteristicSpecification(
        name=item["name"],
        description=item["description"],
        value_type=ValueType(item["valueType"]),
        configurable=item["configurable"],
        min_cardinality=item["minCardinality"],
        max_cardinality=item["maxCardinality"],
        allowed_values=tuple(_allowed_value(a) for a in item["allowedValues"]),
    )


def _allowed_value_json(a: AllowedValue) -> JsonObject:
    return {
        "value": None if a.value is None else _value_json(a.value),
        "range": None if a.range is None else _range_json(a.range),
        "unitOfMeasure": a.unit_of_measure,
        "isDefault": a.is_default,
    }


def _allowed_value(item: JsonObject) -> AllowedValue:
    value, number_range = item["value"], item["range"]
    return AllowedValue(
        value=None if value is None else _value(value),
        range=None if number_range is None else _range(number_range),
        unit_of_measure=item["unitOfMeasure"],
        is_default=item["isDefault"],
    )


def _range_json(r: NumberRange) -> JsonObject:
    return {
        "minimum": None if r.minimum is None else str(r.minimum),
        "maximum": None if r.maximum is None else str(r.maximum),
    }


def _range(item: JsonObject) -> NumberRange:
    minimum, maximum = item["minimum"], item["maximum"]
    return NumberRange(
        minimum=None if minimum is None else Decimal(minimum),
        maximum=None if maximum is None else Decimal(maximum),
    )


def _value_json(value: Value) -> JsonObject:
    if isinstance(value, bool):
        return {"flag": value}
    if isinstance(value, Decimal):
        return {"number": str(value)}
    return {"text": value}


def _value(item: JsonObject) -> Value:
    if "flag" in item:
        return bool(item["flag"])
    if "number" in item:
        return Decimal(item["number"])
    return str(item["text"])
