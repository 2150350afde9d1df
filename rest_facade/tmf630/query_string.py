"""Raw query string -> TMF630 query items.

Parsed from the raw string, not from a decoded mapping: the literal operator forms
(`lastUpdate%3E%3D2024-01-01`, i.e. `lastUpdate>=...` with no `=` of its own) and commas inside
values (`name=a%2Cb`, one value) are only distinguishable before percent-decoding.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote_plus

from rest_facade.errors import TmfError, bad_request

# Dotted operator suffixes (`attr.gte=v`) recognised by the parser; attributes decide which apply.
OPERATORS = frozenset({"eq", "ne", "gt", "gte", "lt", "lte", "regex"})
# Literal forms, longest first so that ">=" wins over ">"; "=~" is TMF630's regex form.
_LITERAL_OPERATORS = (
    (">=", "gte"),
    ("<=", "lte"),
    ("==", "eq"),
    ("=~", "regex"),
    (">", "gt"),
    ("<", "lt"),
)
_SEPARATORS = re.compile(r"[&;]")


@dataclass(frozen=True, slots=True)
class QueryItem:
    """One `name[op]=v1,v2` term. Values are alternatives (OR), decoded, quotes stripped."""

    parameter: str  # as the client wrote it (decoded), for error messages
    name: str  # attribute path, e.g. "category.id"
    operator: str  # "eq", "gte", ...
    values: tuple[str, ...]


def query_error(parameter: str, message: str) -> TmfError:
    return bad_request("INVALID_QUERY_PARAMETER", f"Query parameter '{parameter}': {message}")


def parse_query_string(raw: str) -> list[QueryItem]:
    """Splits on `&` and `;` (both TMF630 separators), then reads each term."""
    return [_parse_term(term) for term in _SEPARATORS.split(raw) if term]


def _parse_term(term: str) -> QueryItem:
    if "=" in term:
        raw_name, raw_value = term.split("=", 1)
        parameter = unquote_plus(raw_name)
        name, operator = _dotted_operator(parameter)
        if parameter.endswith((">", "<")):  # `attr>=v` written with a literal '='
            name, operator = parameter[:-1], "gte" if parameter.endswith(">") else "lte"
        elif raw_value.startswith("="):  # `attr==v`
            raw_value, operator = raw_value[1:], "eq"
        elif raw_value.startswith("~") and operator == "eq":  # `attr=~pattern`
            raw_value, operator = raw_value[1:], "regex"
        return QueryItem(parameter, name, operator, _values(parameter, raw_value))
    decoded = unquote_plus(term)
    for symbol, operator in _LITERAL_OPERATORS:
        name, found, value = decoded.partition(symbol)
        if found:
            parameter = name + symbol
            return QueryItem(parameter, name, operator, _values(parameter, value, decoded=True))
    raise query_error(decoded, "a value is required")


def _dotted_operator(parameter: str) -> tuple[str, str]:
    head, dot, last = parameter.rpartition(".")
    if dot and last in OPERATORS:
        return head, last
    return parameter, "eq"


def _values(parameter: str, raw: str, *, decoded: bool = False) -> tuple[str, ...]:
    # A raw comma separates alternatives; an encoded one (%2C) belongs to the value.
    parts = raw.split(",")
    values = tuple(_unquote(part if decoded else unquote_plus(part)) for part in parts)
    if any(value == "" for value in values):
        raise query_error(parameter, "empty values are not allowed")
    return values


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] == '"':
        return value[1:-1]
    return value
