"""Extension attributes: what a channel sends at the top of a resource that the product keeps
without interpreting it, and gives back verbatim.

TMF resources are polymorphic: a channel may send a subtype of its own (`@type` naming it,
`@schemaLocation` pointing at its schema) with attributes no server knows, or attributes of the
official schema this product does not model. Neither is refused nor dropped: they travel in the
resource's `extension` (a google.protobuf.Struct in the gRPC contracts, opaque to the domain)
and are merged back into the representation. The polymorphism markers the channel gave replace
the defaults the facade would write; attributes the facade renders itself always win over an
extension attribute of the same name.

Attributes kept below the top level travel in the same extension, under the name of the
modelled attribute that holds them: an object's kept attributes in an object (merged into the
rendered one), an array's in an array whose elements are either whole elements the mapping
does not model (say a related party of a role it does not read: appended to the rendered
ones), or the kept attributes of a rendered element together with what identifies it
(`element_extras`: its `id`, or the references it holds), merged into that element.
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
    replace the rendered defaults, anything else the facade rendered stays as rendered. Kept
    objects are merged into rendered objects of the same name, kept array elements into the
    rendered element they identify (see `same_element`), appended when they identify none."""
    return merged_object(rendered, _whole_numbers(json_format.MessageToDict(extension)))


def merged_object(rendered: Mapping[str, Any], kept: Mapping[str, Any]) -> dict[str, Any]:
    result = dict(rendered)
    for name, value in kept.items():
        if name in MARKERS or name not in result:
            result[name] = value
        elif isinstance(result[name], dict) and isinstance(value, dict):
            result[name] = merged_object(result[name], value)
        elif isinstance(result[name], list) and isinstance(value, list):
            result[name] = merged_array(result[name], value)
        # else: the rendered value wins
    return result


def merged_array(rendered: list[Any], kept: list[Any]) -> list[Any]:
    result = list(rendered)
    for element in kept:
        index = next(
            (n for n, there in enumerate(result) if same_element(there, element)),
            None,
        )
        if index is None:
            result.append(element)
        else:
            result[index] = merged_object(result[index], element)
    return result


def same_element(rendered: Any, kept: Any) -> bool:
    """Whether a kept array element extends a rendered one: both objects, and the same `id`
    when either has one; without ids (relationship entities such as RelatedChannel), at least
    one reference (an object with an `id`) in common and no common attribute that differs (a
    reference agrees by its id; markers are not compared)."""
    if not isinstance(rendered, dict) or not isinstance(kept, dict):
        return False
    if "id" in rendered or "id" in kept:
        return "id" in rendered and "id" in kept and rendered["id"] == kept["id"]
    common = [name for name in kept if name in rendered and name not in MARKERS]
    if not any(_is_reference(rendered[name]) and _is_reference(kept[name]) for name in common):
        return False
    return all(_agrees(rendered[name], kept[name]) for name in common)


def _is_reference(value: Any) -> bool:
    return isinstance(value, dict) and "id" in value


def _agrees(rendered: Any, kept: Any) -> bool:
    if _is_reference(rendered) and _is_reference(kept):
        return bool(rendered["id"] == kept["id"])
    return bool(rendered == kept)


def element_extras(
    element: Mapping[str, Any],
    modelled: Iterable[str],
    identity: Mapping[str, Any],
    own_type: str,
) -> dict[str, Any] | None:
    """What to keep of an array element whose modelled attributes the mapping reads: the
    attributes it does not model (an `@type` naming only the element's own type aside), with
    `identity` (what `same_element` finds the rendered element by, e.g. its `id`); None when
    there is nothing to keep."""
    names = set(modelled)
    extras = {
        name: value
        for name, value in element.items()
        if name not in names and not (name == "@type" and value == own_type)
    }
    if not extras:
        return None
    return {**identity, **extras}


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
