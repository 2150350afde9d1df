"""A listed resource's search document: its gRPC message as JSON, shaped for comparison in SQL.

Unlike the canonical proto JSON mapping, field names stay as declared (the paths of attribute
conditions), every field without presence is written even at its default (so "not equal" finds
an unset value), enums are their value names, 64-bit integers stay numbers, and times are
fixed-width UTC text, so text order is time order on both databases. Maps and Any values are
left out: conditions cannot name them.
"""

from __future__ import annotations

from datetime import UTC
from typing import Any, cast

from google.protobuf import json_format
from google.protobuf.descriptor import Descriptor, FieldDescriptor
from google.protobuf.message import Message
from google.protobuf.timestamp_pb2 import Timestamp

TIMESTAMP = Timestamp.DESCRIPTOR.full_name
STRUCT = "google.protobuf.Struct"
_SKIPPED = frozenset({"google.protobuf.Any"})


def search_document(message: Message) -> dict[str, Any]:
    return _message(message)


def time_text(stamp: Timestamp) -> str:
    """Fixed width, microseconds, 'Z': the one spelling of an instant in search documents."""
    return stamp.ToDatetime(tzinfo=UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _message(message: Message) -> dict[str, Any]:
    # The runtime's descriptor class differs from the stubs' (upb); they read the same.
    descriptor = cast(Descriptor, message.DESCRIPTOR)
    document: dict[str, Any] = {}
    for field in descriptor.fields:
        if _skipped(field):
            continue
        value = getattr(message, field.name)
        if field.is_repeated:
            document[field.name] = [_single(field, member) for member in value]
        elif field.has_presence and not message.HasField(field.name):
            continue
        else:
            document[field.name] = _single(field, value)
    return document


def _skipped(field: FieldDescriptor) -> bool:
    if field.message_type is None:
        return False
    return field.message_type.GetOptions().map_entry or field.message_type.full_name in _SKIPPED


def _single(field: FieldDescriptor, value: Any) -> Any:
    if field.enum_type is not None:
        number = field.enum_type.values_by_number.get(value)
        return number.name if number is not None else value
    if field.message_type is None:
        return value
    name = field.message_type.full_name
    if name == TIMESTAMP:
        return time_text(value)
    if name == STRUCT:
        return json_format.MessageToDict(value)
    return _message(value)
