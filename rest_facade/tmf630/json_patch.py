"""PATCH with JSON Patch (RFC 6902), applied by the `jsonpatch` library to the current TMF
representation, in order and all or nothing; `patching` turns the result into the merge patch it
amounts to and hands that to the resource's merge-patch path.

A malformed operation or a path that does not exist is refused with 400; a failed `test` with
409 (the resource is not in the state the client expected).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import jsonpatch
import jsonpointer

from rest_facade.errors import TmfError, bad_request


def apply_json_patch(document: Any, operations: Sequence[Any]) -> Any:
    """The document after the operations; the input is never modified."""
    if not all(isinstance(operation, dict) for operation in operations):
        raise bad_request("INVALID_JSON_PATCH", "JSON Patch: each operation must be an object.")
    try:
        return jsonpatch.JsonPatch(list(operations)).apply(document)
    except jsonpatch.JsonPatchTestFailed as failed:
        raise TmfError(409, "JSON_PATCH_TEST_FAILED", f"JSON Patch: {failed}.") from failed
    except (jsonpatch.JsonPatchException, jsonpointer.JsonPointerException) as refused:
        raise bad_request("INVALID_JSON_PATCH", f"JSON Patch: {refused}.") from refused


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
