"""Attribute filters: how one TMF attribute path writes into a typed proto filter message.

A resource declares a table `{attribute path: filter}`; `apply` receives the operator and the
alternatives (OR) of one query term and writes them into the request's filter message, so the
server filters in SQL. A filter raises ValueError with a client-facing message on a bad value
or an operator it does not support.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, MutableSequence, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Generic, Protocol, TypeVar

F = TypeVar("F")
F_contra = TypeVar("F_contra", contravariant=True)
E = TypeVar("E")


# The filter dataclasses are frozen without slots: tables build them as `TextFilter[X](...)`,
# and typing sets `__orig_class__` on the instance, which slots would forbid.


class FilterAttribute(Protocol[F_contra]):
    def apply(self, target: F_contra, operator: str, values: Sequence[str]) -> None: ...


def _equality_only(operator: str) -> None:
    if operator != "eq":
        raise ValueError(f"operator '{operator}' is not supported; only equality is")


@dataclass(frozen=True)
class TextFilter(Generic[F]):
    """Exact match on any of the values."""

    field: Callable[[F], MutableSequence[str]]

    def apply(self, target: F, operator: str, values: Sequence[str]) -> None:
        _equality_only(operator)
        self.field(target).extend(values)


@dataclass(frozen=True)
class EnumFilter(Generic[F, E]):
    """Match any of the values, each translated through the resource's enum table."""

    table: Mapping[str, E]
    field: Callable[[F], MutableSequence[E]]

    def apply(self, target: F, operator: str, values: Sequence[str]) -> None:
        _equality_only(operator)
        unknown = [value for value in values if value not in self.table]
        if unknown:
            allowed = ", ".join(sorted(self.table))
            raise ValueError(f"'{unknown[0]}' is not one of: {allowed}")
        self.field(target).extend(self.table[value] for value in values)


_BOOLEANS = {"true": True, "false": False}


@dataclass(frozen=True)
class BoolFilter(Generic[F]):
    """`true` or `false`; both at once (`true,false`) means either, so no constraint."""

    assign: Callable[[F, bool], None]

    def apply(self, target: F, operator: str, values: Sequence[str]) -> None:
        _equality_only(operator)
        if any(value not in _BOOLEANS for value in values):
            raise ValueError("expected true or false")
        wanted = {_BOOLEANS[value] for value in values}
        if len(wanted) == 1:
            self.assign(target, wanted.pop())


@dataclass(frozen=True)
class TimeRangeFilter(Generic[F]):
    """Instants compared with `.gte` (at or after) and `.lte` (at or before)."""

    at_or_after: Callable[[F, datetime], None]
    at_or_before: Callable[[F, datetime], None]

    def apply(self, target: F, operator: str, values: Sequence[str]) -> None:
        setters = {"gte": self.at_or_after, "lte": self.at_or_before}
        if operator not in setters:
            raise ValueError(f"operator '{operator}' is not supported; use gte or lte")
        if len(values) != 1:
            raise ValueError("exactly one instant is expected")
        setters[operator](target, parse_instant(values[0]))


def parse_instant(text: str) -> datetime:
    try:
        instant = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"'{text}' is not an RFC 3339 date-time") from None
    if instant.tzinfo is None:
        raise ValueError(f"'{text}' has no time zone offset")
    return instant
