"""Handlers of the TMF679 check operations, and what the query handlers share with them: JSON ->
request message, await the gateway, response message -> JSON, headers."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial
from typing import Any

from connexion import NoContent, request

from ordercapture.qualification.v1 import check_pb2
from rest_facade.errors import TmfError, bad_request
from rest_facade.extension_changes import patched
from rest_facade.mounting import resource_operations
from rest_facade.qualification.gateway import EligibilityGateway
from rest_facade.qualification.mapping import check, notes
from rest_facade.qualification.queries import CHECK_QUERY, CheckQuery
from rest_facade.request_context import hrefs, json_body, raw_query
from rest_facade.tmf630 import (
    conditions_named,
    merge_patch,
    parse_entity_query,
    parse_list_query,
    refuse_query,
    select,
)
from rest_facade.tmf630.listing import paged_request
from rest_facade.tmf630.paging_links import list_headers
from rest_facade.tmf630.patching import read_once, requested_merge_patch
from rest_facade.tmf_readers import MARKERS
from rest_facade.tmf_values import JsonObject

Reply = tuple[Any, int] | tuple[Any, int, dict[str, str]]
Operation = Callable[..., Any]

# `Expect: 202-Accepted` asks for the task to be acknowledged and judged in the background.
ASYNC_EXPECTATION = "202-accepted"


def wants_background() -> bool:
    """Whether the client asked for 202; an expectation this server cannot meet is 417."""
    expectation = request.headers.get("expect", "").strip().lower()
    if expectation in ("", "100-continue"):
        return False
    if expectation != ASYNC_EXPECTATION:
        raise TmfError(417, "EXPECTATION_FAILED", f"Expectation '{expectation}' is not supported.")
    return True


class CheckHandlers:
    """checkProductOfferingQualification: a stored eligibility check."""

    def __init__(self, gateway: EligibilityGateway, base_path: str) -> None:
        self._gateway = gateway
        self._base_path = base_path

    def operations(self) -> dict[str, Operation]:
        return resource_operations(check.TMF_TYPE, self)

    async def list(self) -> Reply:
        listing = parse_list_query(raw_query(), CHECK_QUERY)
        with conditions_named(listing.condition_parameters):
            checks, total = await self._gateway.list(paged_request(listing, CheckQuery))
        body = [select(self._to_tmf(c), listing.fields) for c in checks]
        return body, 200, list_headers(listing, total, len(body))

    async def retrieve(self, id_: str) -> Reply:
        fields = parse_entity_query(raw_query(), check.ATTRIBUTES)
        return select(self._to_tmf(await self._gateway.get(id_)), fields), 200

    async def create(self) -> Reply:
        fields = parse_entity_query(raw_query(), check.ATTRIBUTES)
        background = wants_background()
        document = await json_body()
        question = check.check_request_from_tmf(document, asynchronous=background)
        created = self._to_tmf(await self._gateway.check(question))
        status = 202 if question.asynchronous else 201
        return select(created, fields), status, {"Location": created["href"]}

    async def patch(self, id_: str) -> Reply:
        fields = parse_entity_query(raw_query(), check.ATTRIBUTES)
        found = read_once(partial(self._gateway.get, id_))
        patch = await requested_merge_patch(found, self._to_tmf)
        mask = update_mask(patch, check.PATCHABLE, check.MODELLED)
        current = await found()
        kept = patched(
            current.extension,
            notes.without_said(patch, notes.of_check(current)),
            check.MODELLED,
            (),
            check.TMF_TYPE,
        )
        if kept is not None:
            mask.append("extension")
        if not mask:  # nothing to change; an empty mask would mean "every field"
            return select(self._to_tmf(current), fields), 200
        description = patched_description(current.description, patch)
        changed = check_pb2.EligibilityCheck(id=id_, description=description, extension=kept)
        return select(self._to_tmf(await self._gateway.update(changed, mask)), fields), 200

    async def delete(self, id_: str) -> Reply:
        refuse_query(raw_query())
        await self._gateway.delete(id_)
        return NoContent, 204

    def _to_tmf(self, found: check_pb2.EligibilityCheck) -> JsonObject:
        return check.check_to_tmf(found, hrefs(self._base_path))


def update_mask(
    patch: dict[str, Any], patchable: Mapping[str, tuple[str, ...]], modelled: frozenset[str]
) -> list[str]:
    """Of the modelled attributes only `description` may change: the question and its answer
    are immutable, so any other is refused by name rather than ignored. Attributes not modelled
    are the extension's (see `patched`)."""
    mask: list[str] = []
    for attribute in patch:
        if attribute in MARKERS or attribute not in modelled:
            continue
        if attribute not in patchable:
            raise bad_request(
                "ATTRIBUTE_NOT_PATCHABLE",
                f"Attribute '{attribute}' cannot be patched: a qualification's question and "
                "answer are immutable; only 'description' may change.",
            )
        mask.extend(patchable[attribute])
    return mask


def patched_description(current: str, patch: dict[str, Any]) -> str:
    """The description after the merge patch (`null` removes it)."""
    merged = merge_patch({"description": current}, patch)
    description = merged.get("description", "")
    if not isinstance(description, str):
        raise bad_request(
            "INVALID_ATTRIBUTE_VALUE", "Attribute 'description': a string is expected"
        )
    return description
