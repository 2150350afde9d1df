"""product.productCharacteristic (and product.product for bundle components) <->
RequestedConfiguration.

A characteristic's JSON value decides its kind: string -> text, number -> decimal string,
boolean -> flag, an array of one of those -> several values. The typed v5 subclass is
rendered back from the kind (StringCharacteristic, NumberArrayCharacteristic...).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from ordercapture.type.v1 import characteristic_pb2, configuration_pb2
from rest_facade.tmf_readers import (
    array,
    member,
    reference_id,
    refuse_unknown,
    text,
)
from rest_facade.tmf_values import JsonObject, decimal_text, invalid, json_number, to_decimal

Value = characteristic_pb2.CharacteristicValue
CHARACTERISTIC_ACCEPTED = ("id", "name", "value", "valueType")
COMPONENT_ACCEPTED = ("productOffering", "productCharacteristic", "product")
# Kind of value -> @type of a single value and of several values.
TYPE_NAMES: Mapping[str, tuple[str, str]] = {
    "text": ("StringCharacteristic", "StringArrayCharacteristic"),
    "number": ("NumberCharacteristic", "NumberArrayCharacteristic"),
    "flag": ("BooleanCharacteristic", "BooleanArrayCharacteristic"),
}
VALUE_TYPES: Mapping[str, str] = {"text": "string", "number": "number", "flag": "boolean"}


def configuration_from_tmf(
    product: Mapping[str, Any], where: str
) -> configuration_pb2.RequestedConfiguration:
    configuration = configuration_pb2.RequestedConfiguration()
    for index, entry in enumerate(array(product, "productCharacteristic", where)):
        at = f"{where}.productCharacteristic[{index}]"
        configuration.characteristics.append(_characteristic_from_tmf(member(entry, at), at))
    for index, entry in enumerate(array(product, "product", where)):
        at = f"{where}.product[{index}]"
        configuration.components.append(_component_from_tmf(member(entry, at), at))
    return configuration


def _component_from_tmf(
    component: Mapping[str, Any], where: str
) -> configuration_pb2.RequestedComponent:
    refuse_unknown(component, COMPONENT_ACCEPTED, where)
    offering_id = reference_id(component, "productOffering", where)
    if not offering_id:
        raise invalid(where, "a bundle component needs its 'productOffering'")
    return configuration_pb2.RequestedComponent(
        offering_id=offering_id, configuration=configuration_from_tmf(component, where)
    )


def _characteristic_from_tmf(
    document: Mapping[str, Any], where: str
) -> characteristic_pb2.ConfiguredCharacteristic:
    refuse_unknown(document, CHARACTERISTIC_ACCEPTED, where)
    name = text(document, "name", where)
    if not name:
        raise invalid(f"{where}.name", "the characteristic's name is required")
    if "value" not in document:
        raise invalid(f"{where}.value", "the requested value is required")
    raw = document["value"]
    values = raw if isinstance(raw, list) else [raw]
    if not values:
        raise invalid(f"{where}.value", "at least one value is required")
    return characteristic_pb2.ConfiguredCharacteristic(
        name=name, values=[_value(value, f"{where}.value") for value in values]
    )


def _value(value: Any, where: str) -> Value:
    if isinstance(value, bool):
        return Value(flag=value)
    if isinstance(value, str):
        return Value(text=value)
    if isinstance(value, int | float | Decimal):
        return Value(number=decimal_text(to_decimal(value, where)))
    raise invalid(where, "a string, number or boolean (or an array of them) is expected")


def configuration_to_tmf(
    configuration: configuration_pb2.RequestedConfiguration,
) -> JsonObject:
    """The product attributes describing the configuration; empty when nothing was asked."""
    product: JsonObject = {}
    if configuration.characteristics:
        product["productCharacteristic"] = [
            _characteristic_to_tmf(c) for c in configuration.characteristics
        ]
    if configuration.components:
        product["product"] = [
            {
                "@type": "Product",
                "productOffering": {"@type": "ProductOfferingRef", "id": component.offering_id},
                **configuration_to_tmf(component.configuration),
            }
            for component in configuration.components
        ]
    return product


def _characteristic_to_tmf(
    characteristic: characteristic_pb2.ConfiguredCharacteristic,
) -> JsonObject:
    kinds = {value.WhichOneof("kind") or "text" for value in characteristic.values}
    kind = kinds.pop() if len(kinds) == 1 else "text"  # mixed kinds read back as text
    values = [_value_to_tmf(value, kind) for value in characteristic.values]
    single, several = TYPE_NAMES[kind]
    return {
        "@type": single if len(values) == 1 else several,
        "name": characteristic.name,
        "valueType": VALUE_TYPES[kind] if len(values) == 1 else "array",
        "value": values[0] if len(values) == 1 else values,
    }


def _value_to_tmf(value: Value, kind: str) -> Any:
    if kind == "flag":
        return value.flag
    if kind == "number":
        return json_number(value.number)
    actual = value.WhichOneof("kind")
    if actual == "number":
        return value.number
    if actual == "flag":
        return "true" if value.flag else "false"
    return value.text
