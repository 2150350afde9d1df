"""Extension attributes on create and PATCH, the same for every resource that keeps them.

On create, `kept` splits a body (extension_attributes.split) and leaves out an `@type` that
only names the resource's own type: it carries nothing the facade would not render anyway, so
a channel that sends it and one that does not store the same thing.

On PATCH, `patched` applies the attributes of the merge patch that the resource does not model
to the stored extension (RFC 7386: `null` removes one), and says whether anything changed, so
a patch that only repeats kept values is no change. The polymorphism markers are set on create
(as on TMF620): in a patch they are the body's own markers and change nothing.

Attributes kept below a modelled attribute (see extension_attributes) are added with
`with_nested`; a patch that changes the modelled attribute recomputes them from the patched
representation (`nested_changed`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from google.protobuf import json_format, struct_pb2

from rest_facade.extension_attributes import plain_numbers, split, to_struct
from rest_facade.tmf630.merge_patch import merge_patch
from rest_facade.tmf_readers import MARKERS


def kept(
    document: Mapping[str, Any], modelled: Iterable[str], refused: Iterable[str], own_type: str
) -> tuple[dict[str, Any], struct_pb2.Struct | None]:
    """(the attributes the mapping reads, the extension to store: None when nothing is kept,
    so a request without extension attributes leaves the field unset)."""
    known, extension = split(document, modelled, refused)
    extension = _without_own_type(extension, own_type)
    return known, extension if extension.fields else None


def patched(
    current: struct_pb2.Struct,
    patch: Mapping[str, Any],
    modelled: Iterable[str],
    refused: Iterable[str],
    own_type: str,
) -> struct_pb2.Struct | None:
    """The extension after the merge patch; None when the patch changes none of it."""
    names = set(modelled) | set(refused) | MARKERS
    changes = {name: plain_numbers(value) for name, value in patch.items() if name not in names}
    if not changes:
        return None
    before = json_format.MessageToDict(current)
    after = merge_patch(before, changes)
    if after == before:
        return None
    return to_struct(after)


def with_nested(
    extension: struct_pb2.Struct | None, name: str, value: list[Any] | dict[str, Any]
) -> struct_pb2.Struct | None:
    """The extension with the attributes kept below the modelled attribute `name` (an array of
    kept elements, or an object); `name` removed when `value` is empty. None when nothing at all
    is kept."""
    attributes = json_format.MessageToDict(extension) if extension is not None else {}
    if value:
        attributes[name] = plain_numbers(value)
    else:
        attributes.pop(name, None)
    return to_struct(attributes) if attributes else None


def nested_changed(
    current: struct_pb2.Struct, name: str, value: list[Any] | dict[str, Any]
) -> struct_pb2.Struct | None:
    """The extension once the attributes kept below `name` are `value` (recomputed from a
    patched representation); None when they do not change."""
    before = json_format.MessageToDict(current)
    after = json_format.MessageToDict(with_nested(current, name, value) or struct_pb2.Struct())
    return None if after == before else to_struct(after)


def _without_own_type(extension: struct_pb2.Struct, own_type: str) -> struct_pb2.Struct:
    if "@type" in extension.fields and extension.fields["@type"].string_value == own_type:
        del extension.fields["@type"]
    return extension
