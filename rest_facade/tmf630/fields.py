"""Attribute selection (`fields=`): first-level and dotted nested names.

`id`, `href` and `@type` are kept at every level: v5 schemas require `@type` on every object and
`id` on references, so a partial representation must still validate.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from rest_facade.tmf630.query_string import query_error

ALWAYS_KEPT = ("id", "href", "@type")
NONE = "none"  # `fields=none`: only the attributes always kept

# A selection tree: attribute -> sub-selection, or None for the whole attribute.
Selection = dict[str, "Selection | None"]


def parse_fields(values: Collection[str], attributes: Collection[str]) -> Selection:
    """Builds the selection; first-level names must be attributes of the resource."""
    tree: Selection = {}
    for value in values:
        if value == NONE and len(values) == 1:
            return {}
        path = value.split(".")
        if path[0] not in attributes:
            raise query_error("fields", f"'{path[0]}' is not an attribute of this resource")
        _add(tree, path)
    return tree


def _add(tree: Selection, path: list[str]) -> None:
    head, rest = path[0], path[1:]
    if not rest:
        tree[head] = None
        return
    sub = tree.setdefault(head, {})
    if sub is not None:  # the whole attribute is already selected
        _add(sub, rest)


def select(document: dict[str, Any], selection: Selection | None) -> dict[str, Any]:
    """The document reduced to the selection; None selects everything."""
    if selection is None:
        return document
    picked = _pick(document, selection)
    assert isinstance(picked, dict)
    return picked


def _pick(value: Any, selection: Selection | None) -> Any:
    if selection is None:
        return value
    if isinstance(value, list):
        return [_pick(item, selection) for item in value]
    if not isinstance(value, dict):
        return value
    return {
        key: item if key in ALWAYS_KEPT else _pick(item, selection[key])
        for key, item in value.items()
        if key in ALWAYS_KEPT or key in selection
    }
