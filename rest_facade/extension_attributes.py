"""Extension attributes: what a channel sends at the top of a resource that the product keeps
without interpreting it, and gives back verbatim.

TMF resources are polymorphic: a channel may send a subtype of its own (`@type` naming it,
`@schemaLocation` pointing at its schema) with attributes no server knows, or attributes of the
official schema this product does not model. Neither is refused nor dropped: they travel in the
resource's `extension` (a google.protobuf.Struct in the gRPC contracts, opaque to the domain)
and are merged back into the representation. The polymorphism markers the channel gave replace
the defaults the facade would write; attributes the facade renders itself always win over an
extension attribute of the same name (a stored extension never names one: `split` keeps them
apart).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from google.protobuf import json_format, struct_pb2

from rest_facade.errors import bad_request
from rest_facade.tmf_readers import MARKERS

# An extension is data a channel asked us to keep: bounded, so it cannot swell a row unboundedly.
MAX_EXTENSION_BYTES = 64 * 1024


def split(
    document: Mapping[str, Any], modelled: Iterable[str], refused: Iterable[str] = ()
) -> tuple[dict[str, Any], struct_pb2.Struct]:
    """(the attributes the mapping reads, the extension to keep). `modelled` are the attributes
    the resource's mapping reads; `refused` are attributes the server owns and a channel may not
    set through an extension either (they are left in the first part, for the mapping to refuse
    or ignore as it always has). Markers the channel sent are kept like any other attribute."""
    names = set(modelled) | set(refused)
    known = {name: value for name, value in document.items() if name in names}
    kept = {name: value for name, value in document.items() if name not in names}
    return known, to_struct(kept)


def to_struct(attributes: Mapping[str, Any]) -> struct_pb2.Struct:
    attributes = plain_numbers(dict(attributes))
    encoded = json.dumps(attributes, separators=(",", ":"), sort_keys=True)
    if len(encoded.encode()) > MAX_EXTENSION_BYTES:
        raise bad_request(
            "EXTENSION_TOO_LARGE",
            f"Attributes this server keeps uninterpreted may take {MAX_EXTENSION_BYTES} bytes "
            "of JSON at most.",
        )
    extension = struct_pb2.Struct()
    extension.update(attributes)
    return extension


def plain_numbers(value: Any) -> Any:
    """Request bodies are parsed with exact decimals; a Struct holds JSON numbers as doubles
    (whole numbers come back as integers, see `merged`)."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dict):
        return {name: plain_numbers(member) for name, member in value.items()}
    if isinstance(value, list):
        return [plain_numbers(member) for member in value]
    return value


def merged(rendered: Mapping[str, Any], extension: struct_pb2.Struct) -> dict[str, Any]:
    """The rendered representation with the kept attributes added; markers the channel gave
    replace the rendered defaults, anything else the facade rendered stays as rendered."""
    kept = _whole_numbers(json_format.MessageToDict(extension))
    result = dict(rendered)
    for name, value in kept.items():
        if name in MARKERS or name not in result:
            result[name] = value
    return result


def _whole_numbers(value: Any) -> Any:
    """Struct keeps every number as a double: 2 comes back 2.0. JSON does not tell them apart,
    but channels compare text, so integral values are given back as integers."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    if isinstance(value, dict):
        return {name: _whole_numbers(member) for name, member in value.items()}
    if isinstance(value, list):
        return [_whole_numbers(member) for member in value]
    return value
