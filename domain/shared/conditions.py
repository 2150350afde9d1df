"""Conditions on any attribute of a listed resource, as List calls carry them to a store.

The path names attributes as the context's contract does; the store resolves it against the
resource's own schema and judges the values' types, so the domain passes conditions through
without reading them.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Comparison(enum.Enum):
    EQUAL = "equal"
    NOT_EQUAL = "not_equal"  # equal to none of the values
    GREATER = "greater"
    GREATER_OR_EQUAL = "greater_or_equal"
    LESS = "less"
    LESS_OR_EQUAL = "less_or_equal"
    MATCHES = "matches"  # a regular expression found in the text


@dataclass(frozen=True, slots=True)
class AttributeCondition:
    path: str  # dotted, e.g. "items.offering.id"
    comparison: Comparison
    values: tuple[str, ...]  # alternatives
    absent_value: str | None = None  # what an absent attribute compares as; None: nothing
