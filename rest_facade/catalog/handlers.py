"""Handlers of the TMF620 operations: JSON -> request message, await the gateway, response
message -> JSON, headers. One generic set serves every resource; the resource's descriptor
holds what differs.

Attributes at the top of a body that the resource does not model (an unknown subtype's, or
official ones this product does not interpret) are extension attributes: a create keeps them,
with the channel's `@type`, `@baseType` and `@schemaLocation`, in the message's `extension`;
a patch merges into them (`null` removes one); every representation gives them back
(rest_facade.extension_attributes). The polymorphism markers are set on create: in a patch
they are the body's own markers and change nothing."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial
from typing import Any, Generic, Protocol, TypeVar

from connexion import NoContent
from google.protobuf import json_format, struct_pb2

from rest_facade.catalog.gateway import Gateway
from rest_facade.catalog.mapping.entity import MARKERS
from rest_facade.catalog.queries import page_of
from rest_facade.catalog.resources import CatalogResource
from rest_facade.extension_attributes import plain_numbers, split, to_struct
from rest_facade.mounting import resource_operations
from rest_facade.request_context import hrefs, json_body, raw_query
from rest_facade.tmf630 import (
    Selection,
    conditions_named,
    merge_patch,
    parse_entity_query,
    parse_list_query,
    refuse_query,
    select,
    update_mask,
)
from rest_facade.tmf630.paging_links import list_headers
from rest_facade.tmf630.patching import read_once, requested_merge_patch
from rest_facade.tmf_values import JsonObject


class Extended(Protocol):
    """A catalog message: each has an `extension`."""

    @property
    def extension(self) -> struct_pb2.Struct: ...


M = TypeVar("M", bound=Extended)
F = TypeVar("F")

# The update mask path of a message's extension (replaced whole by an update).
EXTENSION_PATH = "extension"

Reply = tuple[Any, int] | tuple[Any, int, dict[str, str]]
Operation = Callable[..., Any]


class ResourceHandlers(Generic[M, F]):
    def __init__(
        self, resource: CatalogResource[M, F], gateway: Gateway[M, F], base_path: str
    ) -> None:
        self._resource = resource
        self._gateway = gateway
        self._base_path = base_path

    def operations(self) -> dict[str, Operation]:
        """operationId -> handler, named as in the TMF620 v5 document."""
        return resource_operations(self._resource.tmf_type, self)

    async def list(self) -> Reply:
        query = parse_list_query(raw_query(), self._resource.query)
        with conditions_named(query.condition_parameters):
            entities, total = await self._gateway.list(
                query.filter, page_of(query), query.conditions
            )
        body = [self._render(entity, query.fields) for entity in entities]
        return body, 200, list_headers(query, total, len(body))

    async def retrieve(self, id_: str) -> Reply:
        fields = parse_entity_query(raw_query(), self._resource.query.attributes)
        return self._render(await self._gateway.get(id_), fields), 200

    async def create(self) -> Reply:
        fields = parse_entity_query(raw_query(), self._resource.query.attributes)
        document = await json_body()
        if document.get("@type") == self._resource.tmf_type:  # the default: nothing to keep
            document = {k: v for k, v in document.items() if k != "@type"}
        read = self._modelled
        modelled, extension = split(document, read, self._resource.read_only)
        entity = self._resource.from_tmf(modelled)
        entity.extension.CopyFrom(extension)
        created = self._to_tmf(await self._gateway.create(entity))
        return select(created, fields), 201, {"Location": created["href"]}

    async def patch(self, id_: str) -> Reply:
        """Any of the four PATCH media types, as the one merge patch it amounts to."""
        fields = parse_entity_query(raw_query(), self._resource.query.attributes)
        found = read_once(partial(self._gateway.get, id_))
        patch = await requested_merge_patch(found, self._to_tmf)
        modelled = self._modelled | MARKERS
        mask = update_mask(
            {name: value for name, value in patch.items() if name in modelled},
            paths=self._resource.update_paths,
            read_only=self._resource.read_only,
            ignored=MARKERS,
        )
        current = await found()
        kept = _plain(current.extension)
        extension = merge_patch(
            kept,
            {name: plain_numbers(value) for name, value in patch.items() if name not in modelled},
        )
        if extension != kept:
            mask = (*mask, EXTENSION_PATH)
        if not mask:  # nothing to change; an empty mask would mean "every field"
            return self._render(current, fields), 200
        merged = merge_patch(self._writable(self._to_tmf(current), modelled), patch)
        entity = self._resource.from_tmf({**merged, "id": id_})
        entity.extension.CopyFrom(to_struct(extension))
        return self._render(await self._gateway.update(entity, mask), fields), 200

    async def delete(self, id_: str) -> Reply:
        refuse_query(raw_query())
        await self._gateway.delete(id_)
        return NoContent, 204

    @property
    def _modelled(self) -> frozenset[str]:
        """Attributes the mapping reads (or, when read-only, ignores); anything else at the top
        of a body is an extension attribute, kept uninterpreted and given back."""
        return self._resource.query.attributes - MARKERS

    def _to_tmf(self, entity: M) -> JsonObject:
        return self._resource.to_tmf(entity, hrefs(self._base_path))

    def _render(self, entity: M, fields: Selection | None) -> JsonObject:
        return select(self._to_tmf(entity), fields)

    def _writable(self, document: Mapping[str, Any], modelled: frozenset[str]) -> JsonObject:
        """The modelled attributes of a representation a client may change."""
        return {
            k: v for k, v in document.items() if k in modelled and k not in self._resource.read_only
        }


def _plain(extension: struct_pb2.Struct) -> dict[str, Any]:
    return json_format.MessageToDict(extension)
