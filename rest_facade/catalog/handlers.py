"""Handlers of the TMF620 operations: JSON -> request message, await the gateway, response
message -> JSON, headers. One generic set serves every resource; the resource's descriptor
holds what differs."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial
from typing import Any, Generic, TypeVar

from connexion import NoContent

from rest_facade.catalog.gateway import Gateway
from rest_facade.catalog.mapping.entity import MARKERS
from rest_facade.catalog.queries import page_of
from rest_facade.catalog.resources import CatalogResource
from rest_facade.errors import bad_request
from rest_facade.mounting import resource_operations
from rest_facade.request_context import hrefs, json_body, raw_query
from rest_facade.tmf630 import (
    Selection,
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

M = TypeVar("M")
F = TypeVar("F")

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
        entities, total = await self._gateway.list(query.filter, page_of(query))
        body = [self._render(entity, query.fields) for entity in entities]
        return body, 200, list_headers(query, total, len(body))

    async def retrieve(self, id_: str) -> Reply:
        fields = parse_entity_query(raw_query(), self._resource.query.attributes)
        return self._render(await self._gateway.get(id_), fields), 200

    async def create(self) -> Reply:
        fields = parse_entity_query(raw_query(), self._resource.query.attributes)
        document = await json_body()
        self._refuse_unknown(document)
        created = self._to_tmf(await self._gateway.create(self._resource.from_tmf(document)))
        return select(created, fields), 201, {"Location": created["href"]}

    async def patch(self, id_: str) -> Reply:
        """Any of the four PATCH media types, as the one merge patch it amounts to."""
        fields = parse_entity_query(raw_query(), self._resource.query.attributes)
        found = read_once(partial(self._gateway.get, id_))
        patch = await requested_merge_patch(found, self._to_tmf)
        mask = update_mask(
            patch,
            paths=self._resource.update_paths,
            read_only=self._resource.read_only,
            ignored=MARKERS,
        )
        current = await found()
        if not mask:  # nothing to change; an empty mask would mean "every field"
            return self._render(current, fields), 200
        merged = merge_patch(self._writable(self._to_tmf(current)), patch)
        entity = self._resource.from_tmf({**merged, "id": id_})
        return self._render(await self._gateway.update(entity, mask), fields), 200

    async def delete(self, id_: str) -> Reply:
        refuse_query(raw_query())
        await self._gateway.delete(id_)
        return NoContent, 204

    def _to_tmf(self, entity: M) -> JsonObject:
        return self._resource.to_tmf(entity, hrefs(self._base_path))

    def _render(self, entity: M, fields: Selection | None) -> JsonObject:
        return select(self._to_tmf(entity), fields)

    def _writable(self, document: Mapping[str, Any]) -> JsonObject:
        return {k: v for k, v in document.items() if k not in self._resource.read_only}

    def _refuse_unknown(self, document: Mapping[str, Any]) -> None:
        unknown = sorted(set(document) - self._resource.accepted)
        if unknown:
            raise bad_request(
                "ATTRIBUTE_NOT_SUPPORTED",
                f"Attribute(s) not supported by this server: {', '.join(unknown)}.",
            )
