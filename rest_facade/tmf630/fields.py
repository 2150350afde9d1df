"""Attribute selection (`fields=`, TMF630 Part 1 §4.3) for every list and retrieve.

One module for the four APIs; every handler parses with `parse_fields` (through
`listing.parse_list_query` / `listing.parse_entity_query`) and renders with `select`.

Behaviour:
- No `fields`: the full representation.
- `fields=a,b`: the first-level attributes `a` and `b`, plus `id`, `href` and `@type`, which are
  always kept (the v5 schemas require `@type` on every entity and references need `id`). An
  attribute is only ever kept when the resource has it, so a v4 TMF645 resource without `@type`
  does not gain one.
- `fields=a.b.c` (dotted names): inside `a` (an object, or each element of an array of objects)
  only `b` is kept, and inside `b` only `c`. Every nested object also keeps its own `id`, `href`
  and `@type` when it has them, so a reference stays a valid reference and an item stays
  identifiable. Naming a whole attribute wins over naming parts of it (`fields=a.b,a` is `a`).
- `fields=none` (alone): only `id`, `href` and `@type`.
- The first segment of every name must be a first-level attribute of the resource (the
  mapping's ATTRIBUTES table), else 400 naming `fields`. Empty names and empty segments
  (`fields=a,,b`, `a.`, `a..b`) are refused the same way; `none` with other names is refused too.
- Nested segments are not checked against a schema: the mappings only know first-level names.
  A nested name the representation does not have keeps nothing of its own (the nested objects
  keep only `id`, `href` and `@type`); this is a documented choice, not an oversight.
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
    if NONE in values:
        if len(values) != 1:
            raise query_error("fields", "'none' cannot be combined with attribute names")
        return {}
    tree: Selection = {}
    for value in values:
        path = value.split(".")
        if "" in path:
            raise query_error("fields", f"'{value}' is not an attribute name (empty segment)")
        if path[0] not in attributes:
            raise query_error("fields", f"'{path[0]}' is not an attribute of this resource")
        _add(tree, path)
    return tree


def _add(tree: Selection, path: list[str]) -> None:
    head, rest = path[0], path[1:]
    if not rest:
        tree[head] = None
        return
    if head in tree and tree[head] is None:  # the whole attribute is already selected
        return
    sub = tree.setdefault(head, {})
    assert sub is not None
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
        key: _pick(item, selection.get(key)) if key in selection else item
        for key, item in value.items()
        if key in ALWAYS_KEPT or key in selection
    }
