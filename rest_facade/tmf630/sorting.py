"""`sort=-lastUpdate,name`: several keys, `-` descending, `+` or nothing ascending."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TypeVar

from rest_facade.tmf630.query_string import query_error

S = TypeVar("S")


def parse_sort(
    values: Sequence[str], keys: Mapping[str, S], final: S
) -> tuple[tuple[S, bool], ...]:
    """Translates sort keys through the resource's table; `final` (the id) always ends the
    order, so pages are stable."""
    order: list[tuple[S, bool]] = []
    seen: set[str] = set()
    for value in values:
        # A raw '+' decodes to a space, so strip whitespace before reading the sign.
        term = value.strip()
        descending = term.startswith("-")
        attribute = term.lstrip("+-")
        if attribute not in keys:
            allowed = ", ".join(sorted(keys))
            raise query_error("sort", f"cannot sort by '{attribute}'; sortable: {allowed}")
        if attribute not in seen:
            seen.add(attribute)
            order.append((keys[attribute], descending))
    if not any(field == final for field, _ in order):
        order.append((final, False))
    return tuple(order)
