"""productSpecCharacteristic <-> CharacteristicSpecification.

Allowed values are rendered as the v5 typed subclasses of CharacteristicValueSpecification;
the subclass names the kind of value (text, number, whole number, flag).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ordercapture.catalog.v1 import specification_pb2
from ordercapture.type.v1 import characteristic_pb2
from rest_facade.catalog.mapping.entity import flag, integer, items, text
from rest_facade.tmf_values import JsonObject, decimal_text, invalid, json_number, to_decimal

VT = specification_pb2.ValueType

# valueType of a characteristic: TMF spelling <-> proto enum.
VALUE_TYPES: Mapping[str, specification_pb2.ValueType.ValueType] = {
    "string": VT.VALUE_TYPE_TEXT,
    "number": VT.VALUE_TYPE_NUMBER,
    "integer": VT.VALUE_TYPE_INTEGER,
    "boolean": VT.VALUE_TYPE_FLAG,
}
VALUE_TYPE_NAMES = {value: name for name, value in VALUE_TYPES.items()}

STRING_VALUE = "StringCharacteristicValueSpecification"
NUMBER_VALUE = "NumberCharacteristicValueSpecification"
INTEGER_VALUE = "IntegerCharacteristicValueSpecification"
BOOLEAN_VALUE = "BooleanCharacteristicValueSpecification"
# Value subclass -> the CharacteristicValue oneof field it fills.
VALUE_SPEC_KINDS: Mapping[str, str] = {
    STRING_VALUE: "text",
    NUMBER_VALUE: "number",
    INTEGER_VALUE: "number",
    BOOLEAN_VALUE: "flag",
}


def characteristic_to_tmf(spec: specification_pb2.CharacteristicSpecification) -> JsonObject:
    value_type = spec.value_type or VT.VALUE_TYPE_TEXT  # unset is treated as text
    document: JsonObject = {
        "@type": "CharacteristicSpecification",
        "name": spec.name,
        "valueType": VALUE_TYPE_NAMES[value_type],
        "configurable": spec.configurable,
        "minCardinality": spec.min_cardinality,
    }
    if spec.description:
        document["description"] = spec.description
    if spec.max_cardinality:  # 0 means unbounded: TMF says so by leaving it out
        document["maxCardinality"] = spec.max_cardinality
    if spec.allowed_values:
        document["characteristicValueSpecification"] = [
            _value_to_tmf(allowed, value_type) for allowed in spec.allowed_values
        ]
    return document


def _value_to_tmf(
    allowed: specification_pb2.AllowedValue, value_type: specification_pb2.ValueType.ValueType
) -> JsonObject:
    document: JsonObject = {"valueType": VALUE_TYPE_NAMES[value_type]}
    if allowed.HasField("range"):
        document["@type"] = INTEGER_VALUE if value_type == VT.VALUE_TYPE_INTEGER else NUMBER_VALUE
        if allowed.range.min:
            document["valueFrom"] = json_number(allowed.range.min)
        if allowed.range.max:
            document["valueTo"] = json_number(allowed.range.max)
    else:
        kind = allowed.value.WhichOneof("kind")
        if kind == "flag":
            document.update({"@type": BOOLEAN_VALUE, "value": allowed.value.flag})
        elif kind == "number":
            number_type = INTEGER_VALUE if value_type == VT.VALUE_TYPE_INTEGER else NUMBER_VALUE
            document.update({"@type": number_type, "value": json_number(allowed.value.number)})
        else:
            document.update({"@type": STRING_VALUE, "value": allowed.value.text})
    if allowed.unit_of_measure:
        document["unitOfMeasure"] = allowed.unit_of_measure
    document["isDefault"] = allowed.is_default
    return document


def characteristic_from_tmf(
    document: Mapping[str, Any], attribute: str
) -> specification_pb2.CharacteristicSpecification:
    value_type_name = text(document, "valueType") or "string"
    if value_type_name not in VALUE_TYPES:
        allowed = ", ".join(VALUE_TYPES)
        raise invalid(f"{attribute}.valueType", f"'{value_type_name}' is not one of: {allowed}")
    spec = specification_pb2.CharacteristicSpecification(
        name=text(document, "name"),
        description=text(document, "description"),
        value_type=VALUE_TYPES[value_type_name],
        configurable=flag(document, "configurable", True),
        min_cardinality=integer(document, "minCardinality", 0),
        max_cardinality=integer(document, "maxCardinality", 0),
    )
    values = items(document, "characteristicValueSpecification")
    spec.allowed_values.extend(
        _value_from_tmf(value, f"{attribute}.characteristicValueSpecification[{n}]")
        for n, value in enumerate(values)
    )
    return spec


def _value_from_tmf(document: Any, attribute: str) -> specification_pb2.AllowedValue:
    if not isinstance(document, Mapping):
        raise invalid(attribute, "an object is expected")
    spec_type = text(document, "@type")
    if spec_type not in VALUE_SPEC_KINDS:
        raise invalid(f"{attribute}.@type", f"one of {', '.join(VALUE_SPEC_KINDS)} is expected")
    allowed = specification_pb2.AllowedValue(
        unit_of_measure=text(document, "unitOfMeasure"),
        is_default=flag(document, "isDefault", False),
    )
    is_range = "valueFrom" in document or "valueTo" in document
    if is_range and "value" in document:
        raise invalid(attribute, "give either 'value' or 'valueFrom'/'valueTo', not both")
    if is_range:
        if VALUE_SPEC_KINDS[spec_type] != "number":
            raise invalid(attribute, "a range needs a number or integer value specification")
        allowed.range.CopyFrom(_range(document, attribute))
    elif "value" in document:
        allowed.value.CopyFrom(_value(VALUE_SPEC_KINDS[spec_type], document["value"], attribute))
    else:
        raise invalid(attribute, "'value' or 'valueFrom'/'valueTo' is required")
    return allowed


def _range(document: Mapping[str, Any], attribute: str) -> specification_pb2.NumberRange:
    bounds = specification_pb2.NumberRange()
    if document.get("valueFrom") is not None:
        bounds.min = decimal_text(to_decimal(document["valueFrom"], f"{attribute}.valueFrom"))
    if document.get("valueTo") is not None:
        bounds.max = decimal_text(to_decimal(document["valueTo"], f"{attribute}.valueTo"))
    return bounds


def _value(kind: str, value: Any, attribute: str) -> characteristic_pb2.CharacteristicValue:
    if kind == "flag":
        if not isinstance(value, bool):
            raise invalid(f"{attribute}.value", "true or false is expected")
        return characteristic_pb2.CharacteristicValue(flag=value)
    if kind == "number":
        number = to_decimal(value, f"{attribute}.value")
        return characteristic_pb2.CharacteristicValue(number=decimal_text(number))
    if not isinstance(value, str):
        raise invalid(f"{attribute}.value", "a string is expected")
    return characteristic_pb2.CharacteristicValue(text=value)
