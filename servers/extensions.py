"""Extensions: attributes a channel sent that the product keeps without interpreting them. The
gRPC contracts carry them as a google.protobuf.Struct; the domain holds them as opaque text, a
JSON object in canonical form (sorted keys, no spaces), so equal extensions compare equal."""

from __future__ import annotations

import json

from google.protobuf import json_format, struct_pb2

EMPTY = "{}"


def extension_from(message: struct_pb2.Struct) -> str:
    """The canonical JSON text of a Struct ("{}" when it is empty or unset)."""
    return canonical(json_format.MessageToDict(message))


def extension_to(text: str) -> struct_pb2.Struct | None:
    """The Struct of a stored extension; None (the field left unset) for "{}" or empty text."""
    if not text or text == EMPTY:
        return None
    message = struct_pb2.Struct()
    message.update(json.loads(text))
    return message


def canonical(attributes: object) -> str:
    return json.dumps(attributes, separators=(",", ":"), sort_keys=True, ensure_ascii=False)
