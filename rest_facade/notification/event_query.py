"""The `query` of a hub: which events a listener receives.

Grammar (the TMF630 attribute-filter syntax of list queries, read by the same parser,
rest_facade.tmf630.query_string; evaluated against the rendered event envelope):

    query  = term *( ("&" / ";") term )
    term   = path "=" values                    equality
           / path "." op "=" values             op: eq ne gt gte lt lte
           / path ( ">=" / "<=" / ">" / "<" / "==" ) values
           / path                                presence (a bare attribute path)
    values = value *( "," value )               alternatives: any may match (OR)
    path   = root *( "." name )                 root: eventType eventId eventTime correlationId
                                                event

- Different terms must all match (AND); a term repeated with the same operator ORs its values,
  like `a=x,y`. Values are percent-decoded (`+` is a space: write `%2B` in a time zone offset,
  or use `Z`), surrounding double quotes are stripped, and an encoded comma (`%2C`) belongs to
  the value.
- Paths are dotted attribute names of the envelope, e.g. `event.productOrder.state`. Where a
  path meets an array, any element may match (`event.productOrder.productOrderItem.state=...`).
  A term whose attribute is absent does not match (`.ne` included).
- `eventType` takes only equality (`=`, `.eq`, `.ne`) and only event names the API publishes;
  an unknown name is refused, as are other roots, empty values, `.regex` and the list
  parameters (`fields`, `offset`, `limit`, `sort`, `filter`, `depth`, `expand`).
- A bare path (no `=`, `<`, `>`) selects the events whose envelope has that attribute, not
  null (an empty array has no value, so it counts as absent). It may name any attribute, the
  roots above or not: the envelope is the channel's to inspect, and an attribute our envelopes
  never carry (`data`, TMF's placeholder in its example hub, say) is a well-defined question
  whose answer is no: such a hub receives nothing until an envelope carries it.
- Comparison: `eq`/`ne` compare text (booleans as `true`/`false`, numbers by value);
  `gt`/`gte`/`lt`/`lte` compare date-times as instants when both sides are RFC 3339 date-times
  with an offset, numbers by value when both are numbers, text otherwise.

Example: `eventType=ProductOrderStateChangeEvent&event.productOrder.state=completed,failed`.
An empty query selects every event.
"""

from __future__ import annotations

import operator as op
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import unquote_plus

from rest_facade.errors import TmfError
from rest_facade.notification.event_names import TABLES, event_types
from rest_facade.tmf630.filters import parse_instant
from rest_facade.tmf630.query_string import QueryItem, parse_query_string
from rest_facade.tmf_values import invalid

ROOTS = frozenset({"eventType", "eventId", "eventTime", "correlationId", "event"})
RESERVED = frozenset({"fields", "offset", "limit", "sort", "filter", "depth", "expand"})
EQUALITY = frozenset({"eq", "ne"})
ORDERINGS: Mapping[str, Callable[[Any, Any], bool]] = {
    "gt": op.gt,
    "gte": op.ge,
    "lt": op.lt,
    "lte": op.le,
}
ATTRIBUTE = "query"
PRESENT = "present"  # the operator of a bare path
_SEPARATORS = re.compile("[&;]")
_COMPARES = re.compile("[=<>]")


def _refused(parameter: str, message: str) -> TmfError:
    return invalid(ATTRIBUTE, f"'{parameter}': {message}")


@dataclass(frozen=True, slots=True)
class Condition:
    """One term: the attribute at `path` compared with any of `values`."""

    path: tuple[str, ...]
    operator: str
    values: tuple[str, ...]

    def matches(self, body: Mapping[str, Any]) -> bool:
        return any(self._holds(found) for found in _values_at(body, self.path))

    def _holds(self, found: Any) -> bool:
        if self.operator == PRESENT:
            return found is not None
        if isinstance(found, Mapping | list):
            return False
        if self.operator == "eq":
            return any(_equal(found, value) for value in self.values)
        if self.operator == "ne":
            return not any(_equal(found, value) for value in self.values)
        compare = ORDERINGS[self.operator]
        return any(_ordered(compare, found, value) for value in self.values)


@dataclass(frozen=True, slots=True)
class EventQuery:
    """A parsed hub query; `matches` tells whether an envelope is selected."""

    conditions: tuple[Condition, ...] = ()

    @classmethod
    def parse(cls, query: str, audience: str | None = None) -> EventQuery:
        """Reads a hub's query; raises the facade's 400 TmfError naming what is wrong.

        With an `audience`, `eventType` names must be events of that API; without, of any API
        the facade serves."""
        known = event_types(audience) if audience is not None else _all_event_types()
        terms = [term for term in _SEPARATORS.split(query.strip()) if term]
        bare = [unquote_plus(term) for term in terms if not _COMPARES.search(unquote_plus(term))]
        compared = "&".join(term for term in terms if _COMPARES.search(unquote_plus(term)))
        try:
            items = parse_query_string(compared)
        except TmfError as exc:
            raise invalid(ATTRIBUTE, exc.message) from None
        presence = tuple(dict.fromkeys(_presence(term) for term in bare))
        groups: dict[tuple[str, str], QueryItem] = {}
        for item in items:
            _check(item, known)
            key = (item.name, item.operator)
            previous = groups.get(key)
            values = item.values if previous is None else previous.values + item.values
            groups[key] = QueryItem(item.parameter, item.name, item.operator, values)
        return cls(
            tuple(
                Condition(tuple(item.name.split(".")), item.operator, item.values)
                for item in groups.values()
            )
            + presence
        )

    def matches(self, body: Mapping[str, Any]) -> bool:
        return all(condition.matches(body) for condition in self.conditions)


def _all_event_types() -> frozenset[str]:
    return frozenset(name for audience in TABLES for name in event_types(audience))


def _presence(term: str) -> Condition:
    if term in RESERVED:
        raise _refused(term, "list query parameters do not apply to events")
    path = tuple(term.split("."))
    if any(not name for name in path):
        raise _refused(term, "an attribute path has no empty names")
    return Condition(path, PRESENT, ())


def _check(item: QueryItem, known: frozenset[str]) -> None:
    if item.name in RESERVED:
        raise _refused(item.parameter, "list query parameters do not apply to events")
    path = item.name.split(".")
    if path[0] not in ROOTS:
        roots = ", ".join(sorted(ROOTS))
        raise _refused(item.parameter, f"an attribute path starts with one of: {roots}")
    if any(not name for name in path):
        raise _refused(item.parameter, "an attribute path has no empty names")
    if item.operator not in EQUALITY and item.operator not in ORDERINGS:
        raise _refused(item.parameter, f"operator '{item.operator}' is not supported")
    if path[0] == "eventType":
        if len(path) > 1 or item.operator not in EQUALITY:
            raise _refused(item.parameter, "eventType takes an event name, compared for equality")
        unknown = sorted(set(item.values) - known)
        if unknown:
            raise _refused(item.parameter, f"'{unknown[0]}' is not an event of this API")


def _values_at(node: Any, path: tuple[str, ...]) -> Iterator[Any]:
    """Every value at the dotted path; arrays on the way (and at the end) fan out."""
    if isinstance(node, list):
        for element in node:
            yield from _values_at(element, path)
        return
    if not path:
        yield node
        return
    if isinstance(node, Mapping) and path[0] in node:
        yield from _values_at(node[path[0]], path[1:])


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _number(value: Any) -> Decimal | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _instant(value: Any) -> datetime | None:
    if not isinstance(value, str) or "T" not in value:
        return None
    try:
        return parse_instant(value)
    except ValueError:
        return None


def _equal(found: Any, wanted: str) -> bool:
    if isinstance(found, int | float | Decimal) and not isinstance(found, bool):
        number = _number(wanted)
        return number is not None and _number(found) == number
    return _text(found) == wanted


def _ordered(compare: Callable[[Any, Any], bool], found: Any, wanted: str) -> bool:
    if found is None:
        return False
    instants = _instant(found), _instant(wanted)
    if instants[0] is not None and instants[1] is not None:
        return compare(instants[0], instants[1])
    numbers = _number(found), _number(wanted)
    if numbers[0] is not None and numbers[1] is not None:
        return compare(numbers[0], numbers[1])
    return compare(_text(found), wanted)
