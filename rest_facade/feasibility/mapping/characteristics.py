"""serviceCharacteristic (Characteristic) <-> ConfiguredCharacteristic.

Names pass through unchanged: the network ones are accessTechnology, downloadSpeed and
uploadSpeed (whole Mbit/s). A value is a string, a number or a boolean, or an array of them
(several acceptable technologies, in order of preference).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from ordercapture.type.v1 import characteristic_pb2
from rest_facade.tmf_readers import member, refuse_unknown, text
from rest_facade.tmf_values import JsonObject, decimal_text, invalid, json_number, to_decimal

ACCESS_TECHNOLOGY = "accessTechnology"
DOWNLOAD_SPEED = "downloadSpeed"
UPLOAD_SPEED = "uploadSpeed"
CHARACTERISTIC_TYPE = "Characteristic"

Value = characteristic_pb2.CharacteristicValue


def characteristics_from_tmf(
    values: Sequence[Any], path: str
) -> list[characteristic_pb2.ConfiguredCharacteristic]:
    return [
        _from_tmf(member(value, f"{path}[{n}]"), f"{path}[{n}]") for n, value in enumerate(values)
    ]


def _from_tmf(document: Any, path: str) -> characteristic_pb2.ConfiguredCharacteristic:
    refuse_unknown(document, {"id", "name", "value", "valueType"}, path)
    name = text(document, "name", path)
    if not name:
        raise invalid(f"{path}.name", "a name is required")
    if document.get("value") is None:
        raise invalid(f"{path}.value", "a value is required")
    raw = document["value"]
    alternatives = raw if isinstance(raw, list) else [raw]
    if not alternatives:
        raise invalid(f"{path}.value", "at least one value is required")
    return characteristic_pb2.ConfiguredCharacteristic(
        name=name, values=[_value(v, f"{path}.value") for v in alternatives]
    )


def _value(value: Any, path: str) -> Value:
    if isinstance(value, bool):
        return Value(flag=value)
    if isinstance(value, str):
        return Value(text=value)
    if isinstance(value, int | float | Decimal):
        return Value(number=decimal_text(to_decimal(value, path)))
    raise invalid(path, "a string, a number, a boolean or an array of them is expected")


def characteristic_to_tmf(
    characteristic: characteristic_pb2.ConfiguredCharacteristic,
) -> JsonObject:
    values = [_value_to_tmf(value) for value in characteristic.values]
    document: JsonObject = {"@type": CHARACTERISTIC_TYPE, "name": characteristic.name}
    if len(values) == 1:
        document["valueType"] = _value_type(values[0])
        document["value"] = values[0]
    else:
        document["valueType"] = "array"
        document["value"] = values
    return document


def network_characteristics(technology: str, down_mbps: int, up_mbps: int) -> list[JsonObject]:
    """What the network delivers, as the three network characteristics."""
    found: list[JsonObject] = []
    if technology:
        found.append(_named(ACCESS_TECHNOLOGY, "string", technology))
    if down_mbps:
        found.append(_named(DOWNLOAD_SPEED, "integer", down_mbps))
    if up_mbps:
        found.append(_named(UPLOAD_SPEED, "integer", up_mbps))
    return found


def _named(name: str, value_type: str, value: str | int) -> JsonObject:
    return {"@type": CHARACTERISTIC_TYPE, "name": name, "valueType": value_type, "value": value}


def _value_to_tmf(value: Value) -> str | bool | int | float:
    kind = value.WhichOneof("kind")
    if kind == "flag":
        return value.flag
    if kind == "number":
        return json_number(value.number)
    return value.text


def _value_type(value: str | bool | int | float) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    return "string"
