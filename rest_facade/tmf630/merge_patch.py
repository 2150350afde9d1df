"""PATCH with JSON Merge Patch (RFC 7396), also used for `application/json` (implicit merge).

The patch is applied to the current TMF representation, so nested objects merge exactly as the
RFC says (`{"validFor": {"endDateTime": null}}` keeps the start), arrays are replaced whole and
`null` removes. The update mask names the first-level attributes present in the patch.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rest_facade.errors import bad_request


def merge_patch(target: Any, patch: Any) -> Any:
    """RFC 7396 section 2, MergePatch(Target, Patch)."""
    if not isinstance(patch, dict):
        return patch
    result = dict(target) if isinstance(target, dict) else {}
    for name, value in patch.items():
        if value is None:
            result.pop(name, None)
        else:
            result[name] = merge_patch(result.get(name), value)
    return result


def update_mask(
    patch: Mapping[str, Any],
    *,
    paths: Mapping[str, tuple[str, ...]],
    read_only: frozenset[str],
    ignored: frozenset[str],
) -> tuple[str, ...]:
    """Proto field-mask paths of the attributes in the patch.

    `paths` maps each patchable attribute to the proto fields it writes; `read_only` ones (id,
    href, lastUpdate...) are refused so a client never believes it changed them; `ignored` ones
    (`@type` and the other polymorphism markers) carry no data of their own.
    """
    mask: list[str] = []
    for attribute in patch:
        if attribute in ignored:
            continue
        if attribute in read_only:
            raise bad_request(
                "ATTRIBUTE_NOT_PATCHABLE",
                f"Attribute '{attribute}' is managed by the server and cannot be patched.",
            )
        if attribute not in paths:
            raise bad_request(
                "ATTRIBUTE_NOT_SUPPORTED", f"Attribute '{attribute}' is not supported."
            )
        mask.extend(paths[attribute])
    return tuple(dict.fromkeys(mask))
