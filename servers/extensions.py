"""Extensions: attributes a channel sent that the product keeps without interpreting them. The
gRPC contracts carry them as a google.protobuf.Struct; the domain holds them as opaque text, a
JSON object in canonical form (sorted keys, no spaces, whole numbers without a fraction), so
equal extensions compare equal and are given back as sent."""

from __future__ import annotations

import json
from typing import Any

from google.protobuf import json_format, struct_pb2

from domain.shared.errors import ExtensionTooLarge, FieldViolation

EMPTY = "{}"
# What a resource may keep uninterpreted, as UTF-8 JSON; the REST facade holds to the same.
MAX_EXTENSION_BYTES = 64 * 1024


def extension_from(message: struct_pb2.Struct, field: str = "extension") -> str:
    """The canonical JSON text of a Struct ("{}" when it is empty or unset); refused when
    larger than MAX_EXTENSION_BYTES."""
    if not message.fields:
        return EMPTY
    text = canonical(json_format.MessageToDict(message))
    if len(text.encode()) > MAX_EXTENSION_BYTES:
        raise ExtensionTooLarge(
            f"{field} is too large",
            violations=(
                FieldViolation(field, f"at most {MAX_EXTENSION_BYTES} bytes of JSON are kept"),
            ),
        )
    return text


def extension_to(text: str) -> struct_pb2.Struct | None:
    """The Struct of a stored extension; None (the field left unset) for "{}" or empty text."""
    if not text or text == EMPTY:
        return None
    message = struct_pb2.Struct()
    message.update(json.loads(text))
    return message


def canonical(attributes: object) -> str:
    return json.dumps(
        _whole_numbers(attributes), separators=(",", ":"), sort_keys=True, ensure_ascii=False
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
