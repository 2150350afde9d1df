"""Attributes every catalog entity shares (name, lifecycle, validity, lastUpdate)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from google.protobuf.timestamp_pb2 import Timestamp

from ordercapture.type.v1 import time_period_pb2
from rest_facade.tmf_values import (
    JsonObject,
    invalid,
    time_period_from_tmf,
    time_period_to_tmf,
    timestamp_to_tmf,
)

# Polymorphism markers: `@type` is checked by the schema; the others carry no data we keep.
MARKERS = frozenset({"@type", "@baseType", "@schemaLocation"})
# Set by the server. Accepted on create (v5 create schemas even require lastUpdate) and ignored;
# refused on patch so a client never believes it changed them.
READ_ONLY = frozenset({"id", "href", "lastUpdate"})
# Patchable shared attributes -> proto field-mask paths.
UPDATE_PATHS: Mapping[str, tuple[str, ...]] = {
    "name": ("name",),
    "description": ("description",),
    "version": ("version",),
    "lifecycleStatus": ("lifecycle_status",),
    "validFor": ("validity",),
}


class CatalogEntity(Protocol):
    id: str
    name: str
    description: str
    version: str
    lifecycle_status: str

    @property
    def validity(self) -> time_period_pb2.TimePeriod: ...

    @property
    def update_time(self) -> Timestamp: ...


def entity_to_tmf(entity: CatalogEntity, tmf_type: str, href: str) -> JsonObject:
    document: JsonObject = {"id": entity.id, "href": href, "@type": tmf_type, "name": entity.name}
    if entity.description:
        document["description"] = entity.description
    if entity.version:
        document["version"] = entity.version
    if entity.lifecycle_status:
        document["lifecycleStatus"] = entity.lifecycle_status
    validity = time_period_to_tmf(entity.validity)
    if validity:
        document["validFor"] = validity
    if entity.update_time.ListFields():
        document["lastUpdate"] = timestamp_to_tmf(entity.update_time)
    return document


def entity_from_tmf(document: Mapping[str, Any], entity: CatalogEntity) -> None:
    """Writes the shared attributes into `entity`. An absent lifecycleStatus stays empty: the
    server applies its default ("In design")."""
    entity.id = text(document, "id")
    entity.name = text(document, "name")
    entity.description = text(document, "description")
    entity.version = text(document, "version")
    entity.lifecycle_status = text(document, "lifecycleStatus")
    if document.get("validFor") is not None:
        entity.validity.CopyFrom(time_period_from_tmf(document["validFor"], "validFor"))


def text(document: Mapping[str, Any], attribute: str) -> str:
    value = document.get(attribute)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise invalid(attribute, "a string is expected")
    return value


def flag(document: Mapping[str, Any], attribute: str, default: bool) -> bool:
    value = document.get(attribute)
    if value is None:
        return default
    if not isinstance(value, bool):
        raise invalid(attribute, "true or false is expected")
    return value


def integer(document: Mapping[str, Any], attribute: str, default: int) -> int:
    value = document.get(attribute)
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int):
        raise invalid(attribute, "an integer is expected")
    return value


def items(document: Mapping[str, Any], attribute: str) -> list[Any]:
    value = document.get(attribute)
    if value is None:
        return []
    if not isinstance(value, list):
        raise invalid(attribute, "an array is expected")
    return value
