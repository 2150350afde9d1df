"""Handlers of the TMF645 operations: JSON -> request message, await the gateway, response
message -> JSON, headers."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial
from typing import Any

from connexion import NoContent

from ordercapture.feasibility.v1 import check_pb2, query_pb2
from rest_facade.extension_changes import patched
from rest_facade.feasibility.gateway import FeasibilityGateway
from rest_facade.feasibility.mapping import check, query
from rest_facade.feasibility.queries import (
    CHECK_QUERY,
    QUERY_QUERY,
    ListRequest,
    QueryListRequest,
)
from rest_facade.mounting import resource_operations
from rest_facade.request_context import hrefs, json_body, raw_query
from rest_facade.tmf630 import (
    conditions_named,
    merge_patch,
    parse_entity_query,
    parse_list_query,
    refuse_query,
    select,
    update_mask,
)
from rest_facade.tmf630.listing import paged_request
from rest_facade.tmf630.paging_links import list_headers
from rest_facade.tmf630.patching import read_once, requested_merge_patch
from rest_facade.tmf_readers import MARKERS
from rest_facade.tmf_values import JsonObject

Reply = tuple[Any, int] | tuple[Any, int, dict[str, str]]
Operation = Callable[..., Any]


class CheckHandlers:
    """checkServiceQualification: stored checks, judged now or in the background."""

    def __init__(self, gateway: FeasibilityGateway, base_path: str) -> None:
        self._gateway = gateway
        self._base_path = base_path

    def operations(self) -> dict[str, Operation]:
        return resource_operations(check.TMF_TYPE, self)

    async def list(self) -> Reply:
        parsed = parse_list_query(raw_query(), CHECK_QUERY)
        with conditions_named(parsed.condition_parameters):
            checks, total = await self._gateway.list(paged_request(parsed, ListRequest))
        body = [select(self._to_tmf(found), parsed.fields) for found in checks]
        return body, 200, list_headers(parsed, total, len(body))

    async def retrieve(self, id_: str) -> Reply:
        fields = parse_entity_query(raw_query(), check.ATTRIBUTES)
        return select(self._to_tmf(await self._gateway.get(id_)), fields), 200

    async def create(self) -> Reply:
        """200 with the judged check when instantSyncQualification is true; otherwise 201 with
        the accepted check, judged in the background."""
        fields = parse_entity_query(raw_query(), check.ATTRIBUTES)
        request = check.create_request_from_tmf(await json_body())
        created = self._to_tmf(await self._gateway.check(request))
        if request.asynchronous:
            return select(created, fields), 201, {"Location": created["href"]}
        return select(created, fields), 200

    async def patch(self, id_: str) -> Reply:
        fields = parse_entity_query(raw_query(), check.ATTRIBUTES)
        found = read_once(partial(self._gateway.get, id_))
        patch = await requested_merge_patch(found, self._to_tmf)
        mask = list(
            update_mask(
                modelled(patch, check.MODELLED),
                paths=check.UPDATE_PATHS,
                read_only=check.SERVER_MANAGED | check.FIXED,
                ignored=MARKERS,
            )
        )
        current = await found()
        kept = patched(current.extension, patch, check.MODELLED, (), check.TMF_TYPE)
        if kept is not None:
            mask.append("extension")
        if not mask:  # nothing to change; an empty mask would mean "every field"
            return select(self._to_tmf(current), fields), 200
        merged = merge_patch(self._to_tmf(current), patch)
        changed = check.update_from_tmf(id_, merged)
        if kept is not None:
            changed.extension.CopyFrom(kept)
        updated = await self._gateway.update(changed, mask)
        return select(self._to_tmf(updated), fields), 200

    async def delete(self, id_: str) -> Reply:
        refuse_query(raw_query())
        await self._gateway.delete(id_)
        return NoContent, 204

    def _to_tmf(self, found: check_pb2.FeasibilityCheck) -> JsonObject:
        return check.check_to_tmf(found, hrefs(self._base_path))


class QueryHandlers:
    """queryServiceQualification: stored searches, answered now or in the background."""

    def __init__(self, gateway: FeasibilityGateway, base_path: str) -> None:
        self._gateway = gateway
        self._base_path = base_path

    def operations(self) -> dict[str, Operation]:
        return resource_operations(query.TMF_TYPE, self)

    async def list(self) -> Reply:
        parsed = parse_list_query(raw_query(), QUERY_QUERY)
        with conditions_named(parsed.condition_parameters):
            found, total = await self._gateway.list_queries(paged_request(parsed, QueryListRequest))
        body = [select(self._to_tmf(one), parsed.fields) for one in found]
        return body, 200, list_headers(parsed, total, len(body))

    async def retrieve(self, id_: str) -> Reply:
        fields = parse_entity_query(raw_query(), query.ATTRIBUTES)
        return select(self._to_tmf(await self._gateway.get_query(id_)), fields), 200

    async def create(self) -> Reply:
        """200 with the answered query when instantSyncQualification is true; otherwise 201
        with the accepted query, answered in the background."""
        fields = parse_entity_query(raw_query(), query.ATTRIBUTES)
        request = query.create_request_from_tmf(await json_body())
        created = self._to_tmf(await self._gateway.create_query(request))
        if request.asynchronous:
            return select(created, fields), 201, {"Location": created["href"]}
        return select(created, fields), 200

    async def patch(self, id_: str) -> Reply:
        fields = parse_entity_query(raw_query(), query.ATTRIBUTES)
        found = read_once(partial(self._gateway.get_query, id_))
        patch = await requested_merge_patch(found, self._to_tmf)
        mask = list(
            update_mask(
                modelled(patch, query.MODELLED),
                paths=query.UPDATE_PATHS,
                read_only=query.SERVER_MANAGED | query.FIXED,
                ignored=MARKERS,
            )
        )
        current = await found()
        kept = patched(current.extension, patch, query.MODELLED, (), query.TMF_TYPE)
        if kept is not None:
            mask.append("extension")
        if not mask:  # nothing to change; an empty mask would mean "every field"
            return select(self._to_tmf(current), fields), 200
        merged = merge_patch(self._to_tmf(current), patch)
        changed = query.update_from_tmf(id_, merged)
        if kept is not None:
            changed.extension.CopyFrom(kept)
        updated = await self._gateway.update_query(changed, mask)
        return select(self._to_tmf(updated), fields), 200

    async def delete(self, id_: str) -> Reply:
        refuse_query(raw_query())
        await self._gateway.delete_query(id_)
        return NoContent, 204

    def _to_tmf(self, found: query_pb2.AvailabilityQuery) -> JsonObject:
        return query.query_to_tmf(found, hrefs(self._base_path))


def modelled(patch: Mapping[str, Any], attributes: frozenset[str]) -> dict[str, Any]:
    """The part of a patch naming attributes the resource models (or markers); the rest is its
    extension's (see `patched`)."""
    return {name: value for name, value in patch.items() if name in attributes or name in MARKERS}
