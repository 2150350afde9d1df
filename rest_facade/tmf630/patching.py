"""PATCH by media type, the same for every patchable resource of every API.

Each resource has exactly one validation path, its merge-patch path. This module turns any
accepted body into an RFC 7396 merge patch for it:
- `application/merge-patch+json` and `application/json` (implicit merge): the body as sent;
- `application/json-patch+json` (RFC 6902): applied to the resource's current TMF
  representation, then the difference between the current and the patched document;
- `application/json-patch-query+json` (TMF630): the same, after each `path` (and `from`) that
  selects array elements with a query (`/note[?(@.id=='n1')]/text`) has been resolved, against
  the document as the earlier operations left it, to the index paths it selects.
Any other media type is refused with 415.

Decisions:
- A query that selects several elements applies the operation to each of them (a JSONPath
  filter selects a node set; TMF630 Part 6 names e.g. every note of one author). The indices
  are visited from the highest down, so an `add` or `remove` at one keeps the others valid.
  A `from` must select exactly one element. A query that selects nothing is refused with 400
  naming it: the client meant some element, and silently changing nothing would hide that.
- The supported query is `name[?(@.a.b==literal && ...)]`: equality of a member (dotted path)
  of the element with a string ('...' or "..."), number, true, false or null literal; and the
  forms of the official examples, the query after the path, values compared as strings: naming
  the array it selects in (`/item/quantity?item.id=1`, TMF622 v5), or right after the array,
  naming a member of its elements (`/relatedParty?role=vendor`, TMF620 v5; a `remove` removes
  the selected elements, a `replace` replaces each with the value). Under this media type a `?`
  in a path always starts a query.
- A member that a JSON Patch sets to `null` reads as removed (a merge patch cannot carry a null
  value; TMF representations leave absent values out).
- Because only what differs is handed on, replacing an immutable attribute with its current
  value is no change; replacing it with another value is refused exactly as a merge patch
  naming it is.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Mapping, Sequence
from decimal import Decimal
from typing import Any, TypeVar

from connexion import request

from rest_facade.errors import TmfError, bad_request
from rest_facade.request_context import json_body
from rest_facade.tmf630.json_patch import apply_json_patch, same
from rest_facade.tmf630.json_patch_query import apply_json_patch_query

T = TypeVar("T")

MERGE_PATCH = "application/merge-patch+json"
JSON = "application/json"
JSON_PATCH = "application/json-patch+json"
JSON_PATCH_QUERY = "application/json-patch-query+json"
PATCH_MEDIA_TYPES = (MERGE_PATCH, JSON, JSON_PATCH, JSON_PATCH_QUERY)


# --- the request -------------------------------------------------------------------------------


def read_once(read: Callable[[], Awaitable[T]]) -> Callable[[], Awaitable[T]]:
    """`read`, awaited at most once: a handler and the JSON Patch path share one reading."""
    found: list[T] = []

    async def once() -> T:
        if not found:
            found.append(await read())
        return found[0]

    return once


def request_media_type() -> str:
    """The request's media type, lower case without parameters; none means a merge patch."""
    header = request.headers.get("content-type", "")
    return header.split(";", 1)[0].strip().lower() or MERGE_PATCH


async def requested_merge_patch(
    read: Callable[[], Awaitable[T]], to_tmf: Callable[[T], Mapping[str, Any]]
) -> dict[str, Any]:
    """The request's PATCH body as a merge patch; `read` (the current resource) is awaited
    only for a JSON Patch."""
    media_type = request_media_type()
    if media_type in (MERGE_PATCH, JSON):
        return await json_body()
    if media_type not in (JSON_PATCH, JSON_PATCH_QUERY):
        raise unsupported(media_type)
    operations = await _operations_body()
    return json_patch_as_merge_patch(to_tmf(await read()), operations, media_type)


async def _operations_body() -> list[Any]:
    try:
        document = json.loads(await request.body(), parse_float=Decimal)
    except ValueError as exc:
        raise bad_request("MALFORMED_JSON", f"The body is not valid JSON: {exc}") from None
    if not isinstance(document, list):
        raise bad_request("INVALID_REQUEST", "A JSON Patch body is an array of operations.")
    return document


def unsupported(media_type: str) -> TmfError:
    return TmfError(
        415,
        "UNSUPPORTED_MEDIA_TYPE",
        f"Media type '{media_type}' is not supported for PATCH; use one of "
        f"{', '.join(PATCH_MEDIA_TYPES)}.",
    )


# --- JSON Patch to merge patch -----------------------------------------------------------------


def json_patch_as_merge_patch(
    current: Mapping[str, Any], operations: Sequence[Any], media_type: str = JSON_PATCH
) -> dict[str, Any]:
    """The merge patch that takes `current` where the operations take it."""
    if media_type == JSON_PATCH:
        patched = apply_json_patch(dict(current), operations)
    elif media_type == JSON_PATCH_QUERY:
        patched = apply_json_patch_query(dict(current), operations)
    else:
        raise unsupported(media_type)
    if not isinstance(patched, dict):
        raise bad_request("INVALID_JSON_PATCH", "JSON Patch: the patched resource is no object.")
    return merge_diff(current, patched)


def merge_diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, Any]:
    """The RFC 7396 merge patch from `before` to `after`: changed or added members, `null` for
    removed ones, nested objects as their own difference, arrays and other values whole."""
    patch: dict[str, Any] = {}
    for name in before:
        if after.get(name) is None and before[name] is not None:
            patch[name] = None
    for name, value in after.items():
        if value is None or (name in before and same(before[name], value)):
            continue
        old = before.get(name)
        if isinstance(old, dict) and isinstance(value, dict):
            patch[name] = merge_diff(old, value)
        else:
            patch[name] = value
    return patch
