"""One parser for every query a TMF collection or entity accepts.

A resource declares a `QuerySpec` (its attributes, filter table, sort table); the parser turns
the raw query string into a `ListQuery` whose filter is the typed proto message of that resource.
Unknown or malformed parameters are refused with a 400 naming the parameter, never ignored.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Generic, Protocol, TypeVar, cast

from google.protobuf.internal.containers import RepeatedCompositeFieldContainer
from google.protobuf.message import Message

from ordercapture.type.v1 import condition_pb2
from rest_facade.errors import TmfError
from rest_facade.tmf630.conditions import ConditionPath, condition
from rest_facade.tmf630.fields import Selection, parse_fields
from rest_facade.tmf630.filters import FilterAttribute
from rest_facade.tmf630.query_string import QueryItem, parse_query_string, query_error
from rest_facade.tmf630.sorting import parse_sort

F = TypeVar("F")
S = TypeVar("S")

DEFAULT_LIMIT = 20
MAX_LIMIT = 1000  # the servers' maximum page size
MAX_OFFSET = 2**31 - 1  # proto int32

# TMF630 query features this product does not implement: refused with 501, not ignored.
NOT_IMPLEMENTED = {
    "filter": "JSONPath filtering",
    "depth": "inlining referenced entities (depth)",
    "expand": "expanding references (expand)",
}


@dataclass(frozen=True, slots=True)
class QuerySpec(Generic[F, S]):
    """What a resource's collection can be queried by."""

    attributes: frozenset[str]  # first-level attribute names (for `fields`)
    new_filter: Callable[[], F]
    filters: Mapping[str, FilterAttribute[F]] = field(default_factory=dict)
    # Any attribute, every operator: evaluated by the tier (conditions.py). An attribute in
    # both tables is filtered as a condition.
    conditions: Mapping[str, ConditionPath] = field(default_factory=dict)
    sort_keys: Mapping[str, S] = field(default_factory=dict)
    tiebreak: S | None = None  # the id key, always last


@dataclass(frozen=True, slots=True)
class ListQuery(Generic[F, S]):
    filter: F
    offset: int = 0
    limit: int = DEFAULT_LIMIT
    sort: tuple[tuple[S, bool], ...] = ()
    fields: Selection | None = None
    conditions: tuple[condition_pb2.AttributeCondition, ...] = ()
    # The query parameter each condition came from, to name it when the tier refuses it.
    condition_parameters: tuple[str, ...] = ()


def parse_list_query(raw: str, spec: QuerySpec[F, S]) -> ListQuery[F, S]:
    items = parse_query_string(raw)
    _refuse_unimplemented(items)
    reserved = _single_values(items, {"fields", "offset", "limit", "sort"})
    target = spec.new_filter()
    conditions: list[condition_pb2.AttributeCondition] = []
    parameters: list[str] = []
    for (name, operator), item in _grouped_filters(items).items():
        try:
            if name in spec.conditions:
                conditions.append(condition(spec.conditions[name], operator, item.values))
                parameters.append(item.parameter)
            elif name in spec.filters:
                spec.filters[name].apply(target, operator, item.values)
            else:
                allowed = ", ".join(sorted({*spec.filters, *spec.conditions})) or "none"
                raise query_error(
                    item.parameter, f"unknown filter attribute; filterable: {allowed}"
                )
        except ValueError as exc:
            raise query_error(item.parameter, str(exc)) from None
    sort: tuple[tuple[S, bool], ...] = ()
    if "sort" in reserved and spec.tiebreak is not None:
        sort = parse_sort(reserved["sort"].values, spec.sort_keys, spec.tiebreak)
    elif "sort" in reserved:
        raise query_error("sort", "this collection cannot be sorted")
    return ListQuery(
        filter=target,
        offset=_integer(reserved.get("offset"), 0, 0, MAX_OFFSET),
        limit=_integer(reserved.get("limit"), DEFAULT_LIMIT, 1, MAX_LIMIT),
        sort=sort,
        fields=_fields(reserved.get("fields"), spec.attributes),
        conditions=tuple(conditions),
        condition_parameters=tuple(parameters),
    )


class PagedListRequest(Protocol):
    """A List request of the gRPC contracts whose filter fields sit on the request itself."""

    page_size: int
    skip: int

    @property
    def conditions(self) -> RepeatedCompositeFieldContainer[condition_pb2.AttributeCondition]: ...


R = TypeVar("R", bound=PagedListRequest)


def paged_request(parsed: ListQuery[R, S], new: Callable[[], R]) -> R:
    """The List request: the typed filters (parsed into a request of the same type), the
    conditions and the page."""
    request = new()
    cast(Message, request).CopyFrom(cast(Message, parsed.filter))
    request.conditions.extend(parsed.conditions)
    request.page_size = parsed.limit
    request.skip = parsed.offset
    return request


def parse_entity_query(raw: str, attributes: frozenset[str]) -> Selection | None:
    """Queries on one entity (retrieve, create, patch) accept `fields` only."""
    items = parse_query_string(raw)
    _refuse_unimplemented(items)
    for item in items:
        if item.name != "fields":
            raise query_error(item.parameter, "not supported on a single resource")
    return _fields(_single_values(items, {"fields"}).get("fields"), attributes)


def refuse_query(raw: str) -> None:
    """Operations that take no query parameters at all (delete)."""
    for item in parse_query_string(raw):
        raise query_error(item.parameter, "this operation takes no query parameters")


def count_headers(total: int, returned: int) -> dict[str, str]:
    return {"X-Total-Count": str(total), "X-Result-Count": str(returned)}


def _refuse_unimplemented(items: list[QueryItem]) -> None:
    for item in items:
        if item.name in NOT_IMPLEMENTED:
            raise TmfError(
                501,
                "QUERY_FEATURE_NOT_IMPLEMENTED",
                f"Query parameter '{item.parameter}': {NOT_IMPLEMENTED[item.name]} "
                "is not implemented.",
            )


def _single_values(items: list[QueryItem], names: set[str]) -> dict[str, QueryItem]:
    found: dict[str, QueryItem] = {}
    for item in items:
        if item.name not in names:
            continue
        if item.operator != "eq" or item.parameter != item.name:
            raise query_error(item.parameter, "operators do not apply to this parameter")
        if item.name in found:
            raise query_error(item.name, "given more than once")
        found[item.name] = item
    return found


def _grouped_filters(items: list[QueryItem]) -> dict[tuple[str, str], QueryItem]:
    """Repeating a filter (`a=x&a=y`, `a=x;a=y`) ORs it like `a=x,y`; different attributes
    and different operators AND."""
    groups: dict[tuple[str, str], QueryItem] = {}
    for item in items:
        if item.name in {"fields", "offset", "limit", "sort"}:
            continue
        key = (item.name, item.operator)
        previous = groups.get(key)
        values = item.values if previous is None else previous.values + item.values
        groups[key] = QueryItem(
            previous.parameter if previous else item.parameter, item.name, item.operator, values
        )
    return groups


def _integer(item: QueryItem | None, default: int, minimum: int, maximum: int) -> int:
    if item is None:
        return default
    if len(item.values) != 1:
        raise query_error(item.parameter, "expected one integer")
    text = item.values[0]
    if not text.isascii() or not text.isdigit():
        raise query_error(item.parameter, f"'{text}' is not a non-negative integer")
    value = int(text)
    if not minimum <= value <= maximum:
        raise query_error(item.parameter, f"must be between {minimum} and {maximum}")
    return value


def _fields(item: QueryItem | None, attributes: frozenset[str]) -> Selection | None:
    return None if item is None else parse_fields(item.values, attributes)
