"""Handlers of the TMF679 query operations: a stored search for eligible offerings, handled
like a check (create 201 or, with `Expect: 202-Accepted`, 202; list; retrieve; patch of the
description; delete)."""

from __future__ import annotations

from functools import partial

from connexion import NoContent

from ordercapture.qualification.v1 import query_pb2
from rest_facade.extension_changes import patched
from rest_facade.mounting import resource_operations
from rest_facade.qualification.gateway import EligibilityGateway
from rest_facade.qualification.handlers import (
    Operation,
    Reply,
    patched_description,
    update_mask,
    wants_background,
)
from rest_facade.qualification.mapping import notes, query
from rest_facade.qualification.queries import QUERY_QUERY, QueryQuery
from rest_facade.request_context import hrefs, json_body, raw_query
from rest_facade.tmf630 import (
    conditions_named,
    parse_entity_query,
    parse_list_query,
    refuse_query,
    select,
)
from rest_facade.tmf630.listing import paged_request
from rest_facade.tmf630.paging_links import list_headers
from rest_facade.tmf630.patching import read_once, requested_merge_patch
from rest_facade.tmf_values import JsonObject


class QueryHandlers:
    """queryProductOfferingQualification: a stored eligibility query."""

    def __init__(self, gateway: EligibilityGateway, base_path: str) -> None:
        self._gateway = gateway
        self._base_path = base_path

    def operations(self) -> dict[str, Operation]:
        return resource_operations(query.TMF_TYPE, self)

    async def list(self) -> Reply:
        listing = parse_list_query(raw_query(), QUERY_QUERY)
        with conditions_named(listing.condition_parameters):
            found, total = await self._gateway.list_queries(paged_request(listing, QueryQuery))
        body = [select(self._to_tmf(q), listing.fields) for q in found]
        return body, 200, list_headers(listing, total, len(body))

    async def retrieve(self, id_: str) -> Reply:
        fields = parse_entity_query(raw_query(), query.ATTRIBUTES)
        return select(self._to_tmf(await self._gateway.get_query(id_)), fields), 200

    async def create(self) -> Reply:
        fields = parse_entity_query(raw_query(), query.ATTRIBUTES)
        background = wants_background()
        document = await json_body()
        question = query.query_request_from_tmf(document, asynchronous=background)
        created = self._to_tmf(await self._gateway.create_query(question))
        status = 202 if question.asynchronous else 201
        return select(created, fields), status, {"Location": created["href"]}

    async def patch(self, id_: str) -> Reply:
        fields = parse_entity_query(raw_query(), query.ATTRIBUTES)
        found = read_once(partial(self._gateway.get_query, id_))
        patch = await requested_merge_patch(found, self._to_tmf)
        mask = update_mask(patch, query.PATCHABLE, query.MODELLED)
        current = await found()
        kept = patched(
            current.extension,
            notes.without_said(patch, query.said_of(current)),
            query.MODELLED,
            (),
            query.TMF_TYPE,
        )
        if kept is not None:
            mask.append("extension")
        if not mask:  # nothing to change; an empty mask would mean "every field"
            return select(self._to_tmf(current), fields), 200
        description = patched_description(current.description, patch)
        changed = query_pb2.EligibilityQuery(id=id_, description=description, extension=kept)
        return select(self._to_tmf(await self._gateway.update_query(changed, mask)), fields), 200

    async def delete(self, id_: str) -> Reply:
        refuse_query(raw_query())
        await self._gateway.delete_query(id_)
        return NoContent, 204

    def _to_tmf(self, found: query_pb2.EligibilityQuery) -> JsonObject:
        return query.query_to_tmf(found, hrefs(self._base_path))
