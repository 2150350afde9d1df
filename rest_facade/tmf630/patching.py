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
  form of the TMF622 v5 example, the query after the path (`/item/quantity?item.id=1`, values
  compared as strings). Under this media type a `?` in a path always starts a query.
- A member that a JSON Patch sets to `null` reads as removed (a merge patch cannot carry a null
  value; TMF representations leave absent values out).
- Because only what differs is handed on, replacing an immutable attribute with its current
  value is no change; replacing it with another value is refused exactly as a merge patch
  naming it is.
"""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

import jsonpointer
from connexion import request

from rest_facade.errors import TmfError, bad_request
from rest_facade.request_context import json_body
from rest_facade.tmf630.json_patch import apply_json_patch

T = TypeVar("T")

MERGE_PATCH = "application/merge-patch+json"
JSON = "application/json"
JSON_PATCH = "application/json-patch+json"
JSON_PATCH_QUERY = "application/json-patch-query+json"
PATCH_MEDIA_TYPES = (MERGE_PATCH, JSON, JSON_PATCH, JSON_PATCH_QUERY)

QUERY_CODE = "INVALID_JSON_PATCH_QUERY"
NO_MATCH_CODE = "JSON_PATCH_QUERY_NO_MATCH"


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


def same(one: Any, other: Any) -> bool:
    """JSON equality (unlike Python's, `true` is not `1`)."""
    if isinstance(one, bool) or isinstance(other, bool):
        return isinstance(one, bool) and isinstance(other, bool) and one == other
    if isinstance(one, dict) and isinstance(other, dict):
        return one.keys() == other.keys() and all(same(one[k], other[k]) for k in one)
    if isinstance(one, list) and isinstance(other, list):
        return len(one) == len(other) and all(same(a, b) for a, b in zip(one, other, strict=True))
    if isinstance(one, (dict, list)) or isinstance(other, (dict, list)):
        return False
    return bool(one == other)


# --- JSON Patch with queries -------------------------------------------------------------------

# `name[?(expression)]`: one path segment selecting elements of the array `name`.
_QUERY_SEGMENT = re.compile(r"^(?P<name>[^\[]*)\[\?\((?P<expression>.*)\)\]$", re.DOTALL)
_CONDITION = re.compile(
    r"""^\s*@\.(?P<member>[A-Za-z0-9_@$\-]+(?:\.[A-Za-z0-9_@$\-]+)*)\s*==\s*
    (?P<literal>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)
    \s*$""",
    re.VERBOSE | re.DOTALL,
)


def apply_json_patch_query(document: Any, operations: Sequence[Any]) -> Any:
    """The document after the operations, each query path resolved in turn against the
    document as the operations before it left it."""
    if not all(isinstance(operation, dict) for operation in operations):
        raise bad_request("INVALID_JSON_PATCH", "JSON Patch: each operation must be an object.")
    for operation in operations:
        document = apply_json_patch(document, expand_operation(document, operation))
    return document


def expand_operation(document: Any, operation: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The RFC 6902 operations one operation with query paths stands for."""
    expanded = dict(operation)
    source = operation.get("from")
    if isinstance(source, str) and "?" in source:
        sources = resolve_path(document, source)
        if len(sources) != 1:
            raise bad_request(
                QUERY_CODE,
                f"JSON Patch: 'from' {source!r} selects {len(sources)} elements; "
                "it must select one.",
            )
        expanded["from"] = sources[0]
    path = operation.get("path")
    if not isinstance(path, str) or "?" not in path:
        return [expanded]
    targets = resolve_path(document, path)
    return [{**expanded, "path": target} for target in sorted(targets, key=_indices, reverse=True)]


def resolve_path(document: Any, path: str) -> list[str]:
    """The JSON Pointers a path with queries selects, in document order.

    TMF630's own examples leave out the leading `/` of such a path; it is supplied. The query
    may also follow the path, as in the TMF622 v5 example
    `/productOrderItem/billingAccount/id?productOrderItem.id=120`: it is read as
    `/productOrderItem[?(@.id=='120')]/billingAccount/id`."""
    if not path.startswith("/"):
        path = "/" + path
    if "[?" not in path and "?" in path:
        path = _bracketed(path)
    selected: list[list[str]] = [[]]
    for segment in _segments(path[1:]):
        found = _QUERY_SEGMENT.match(segment)
        if found is None:
            token = _unescape(segment)
            selected = [[*tokens, token] for tokens in selected]
            continue
        conditions = _conditions(found["expression"], path)
        name = _unescape(found["name"])
        widened: list[list[str]] = []
        for tokens in selected:
            parent = [*tokens, name] if name else tokens
            array = _value_at(document, parent)
            if array is None:  # no such member: nothing to select
                continue
            if not isinstance(array, list):
                raise bad_request(QUERY_CODE, f"JSON Patch: {path!r} queries no array.")
            widened.extend(
                [*parent, str(index)]
                for index, element in enumerate(array)
                if all(_holds(element, member, literal) for member, literal in conditions)
            )
        if not widened:
            raise bad_request(NO_MATCH_CODE, f"JSON Patch: {path!r} selects no element.")
        selected = widened
    return ["".join("/" + _escape(token) for token in tokens) for tokens in selected]


def _bracketed(path: str) -> str:
    """`/a/b/c?a.id=1&a.x=y` as `/a[?(@.id=='1' && @.x=='y')]/b/c` (values are strings)."""
    pointer, query = path.split("?", 1)
    conditions: dict[str, list[str]] = {}
    for part in query.split("&"):
        name, equals, value = part.partition("=")
        array, dot, member = name.partition(".")
        if not (equals and dot and array and member):
            raise bad_request(
                QUERY_CODE, f"JSON Patch: {path!r}: '{part}' is not array.member=value."
            )
        quoted = value.replace("\\", "\\\\").replace("'", "\\'")
        conditions.setdefault(array, []).append(f"@.{member}=='{quoted}'")
    segments = pointer.split("/")
    for array, tests in conditions.items():
        if array not in segments:
            raise bad_request(
                QUERY_CODE, f"JSON Patch: {path!r}: '{array}' is not a segment of the path."
            )
        at = segments.index(array)
        segments[at] = f"{array}[?({' && '.join(tests)})]"
    return "/".join(segments)


def _segments(path: str) -> list[str]:
    """Splits on `/` outside queries and their quoted literals."""
    segments: list[str] = []
    current: list[str] = []
    depth = 0
    quote = ""
    escaped = False
    for char in path:
        if quote:
            current.append(char)
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == quote:
                quote = ""
            continue
        if depth and char in "'\"":
            quote = char
        elif char == "[":
            depth += 1
        elif char == "]" and depth:
            depth -= 1
        elif char == "/" and not depth:
            segments.append("".join(current))
            current = []
            continue
        current.append(char)
    if quote or depth:
        raise bad_request(QUERY_CODE, f"JSON Patch: '/{path}' has an unterminated query.")
    segments.append("".join(current))
    return segments


def _conditions(expression: str, path: str) -> list[tuple[list[str], Any]]:
    conditions = []
    for part in _split_and(expression):
        found = _CONDITION.match(part)
        if found is None:
            raise bad_request(
                QUERY_CODE,
                f"JSON Patch: {path!r}: '{part.strip()}' is not a supported condition "
                "(@.member==literal, joined by &&).",
            )
        conditions.append((found["member"].split("."), _literal(found["literal"])))
    return conditions


def _split_and(expression: str) -> list[str]:
    parts: list[str] = []
    current: list[str] = []
    quote = ""
    index = 0
    while index < len(expression):
        char = expression[index]
        if quote:
            if char == "\\" and index + 1 < len(expression):
                current.append(expression[index : index + 2])
                index += 2
                continue
            if char == quote:
                quote = ""
        elif char in "'\"":
            quote = char
        elif expression.startswith("&&", index):
            parts.append("".join(current))
            current = []
            index += 2
            continue
        current.append(char)
        index += 1
    parts.append("".join(current))
    return parts


def _literal(text: str) -> Any:
    if text[0] in "'\"":
        return re.sub(r"\\(.)", r"\1", text[1:-1])
    if text in ("true", "false", "null"):
        return {"true": True, "false": False, "null": None}[text]
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern admits numbers only
        raise bad_request(QUERY_CODE, f"JSON Patch: {text!r} is not a literal.") from None


def _holds(element: Any, member: list[str], literal: Any) -> bool:
    value = element
    for name in member:
        if not isinstance(value, dict) or name not in value:
            return False
        value = value[name]
    if isinstance(literal, Decimal):
        if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
            return False
        return Decimal(str(value)) == literal
    return same(value, literal)


def _value_at(document: Any, tokens: list[str]) -> Any:
    """The value at the tokens, None where there is none."""
    return jsonpointer.JsonPointer.from_parts(tokens).resolve(document, None)


def _indices(pointer: str) -> list[int]:
    return [int(token) for token in pointer.split("/")[1:] if token.isdigit()]


def _unescape(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")
