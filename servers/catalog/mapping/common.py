"""Attributes every catalog entity shares, in both directions."""

from __future__ import annotations

from typing import Any, Literal, Protocol

from google.protobuf.struct_pb2 import Struct
from google.protobuf.timestamp_pb2 import Timestamp

from domain.catalog.model import DEFAULT_LIFECYCLE_STATUS, Entity
from ordercapture.type.v1 import time_period_pb2
from servers.catalog.mapping.values import period_from, period_to, stamp, time_from
from servers.extensions import extension_from, extension_to


class EntityMessage(Protocol):
    """The shared fields of the catalog entity messages (structurally: no common base)."""

    id: str
    name: str
    description: str
    version: str
    lifecycle_status: str

    @property
    def validity(self) -> time_period_pb2.TimePeriod: ...

    @property
    def create_time(self) -> Timestamp: ...

    @property
    def update_time(self) -> Timestamp: ...

    @property
    def extension(self) -> Struct: ...

    def HasField(  # noqa: N802 (protobuf's name)
        self, field_name: Literal["create_time", "update_time"]
    ) -> bool: ...


def entity_fields_from(message: EntityMessage) -> dict[str, Any]:
    """Keyword arguments for the domain entity's shared attributes."""
    return {
        "id": message.id,
        "name": message.name,
        "description": message.description,
        "version": message.version,
        # proto3 cannot tell "unset" from "": unset gets the domain's default status.
        "lifecycle_status": message.lifecycle_status or DEFAULT_LIFECYCLE_STATUS,
        "validity": period_from(message.validity),
        "create_time": time_from(message.create_time, message.HasField("create_time")),
        "update_time": time_from(message.update_time, message.HasField("update_time")),
        "extension": extension_from(message.extension),
    }


def entity_fields_to(entity: Entity) -> dict[str, Any]:
    """Keyword arguments for the message's shared fields."""
    return {
        "id": entity.id,
        "name": entity.name,
        "description": entity.description,
        "version": entity.version,
        "lifecycle_status": entity.lifecycle_status,
        "validity": period_to(entity.validity),
        "create_time": stamp(entity.create_time),
        "update_time": stamp(entity.update_time),
        "extension": extension_to(entity.extension),
    }
