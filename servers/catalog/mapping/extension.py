"""Extensions: the attributes a channel sent that the catalog keeps without interpreting them.
On the wire a google.protobuf.Struct; in the domain and in storage its canonical JSON text
(sorted keys, no spaces, whole numbers without a fraction), so equal extensions compare equal."""

from __future__ import annotations

import json
from typing import Any

from google.protobuf import json_format, struct_pb2

from domain.catalog.errors import InvalidEntity
from domain.catalog.model import NO_EXTENSION
from domain.shared.errors import FieldViolation

# What a resource may keep uninterpreted, as UTF-8 JSON; the REST facade holds to the same.
MAX_EXTENSION_BYTES = 64 * 1024


def extension_from(message: struct_pb2.Struct, field: str = "extension") -> str:
    """The canonical text of the extension; refused when larger than MAX_EXTENSION_BYTES."""
    if not message.fields:
        return NO_EXTENSION
    text = canonical(json_format.MessageToDict(message))
    if len(text.encode()) > MAX_EXTENSION_BYTES:
        raise InvalidEntity(
            f"{field} is too large",
            violations=(
                FieldViolation(field, f"at most {MAX_EXTENSION_BYTES} bytes of JSON are kept"),
            ),
        )
    return text


def extension_to(text: str) -> struct_pb2.Struct:
    message = struct_pb2.Struct()
    attributes = json.loads(text) if text else {}
    if attributes:
        message.update(attributes)
    return message


def canonical(attributes: dict[str, Any]) -> str:
    return json.dumps(
        _whole_numbers(attributes), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )


def _whole_numbers(value: Any) -> Any:
    """A Struct holds every number as a double; 2.0 is kept as 2 (JSON does not tell them
    apart, and the canonical text should not either)."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    if isinstance(value, dict):
        return {name: _whole_numbers(member) for name, member in value.items()}
    if isinstance(value, list):
        return [_whole_numbers(member) for member in value]
    return value
