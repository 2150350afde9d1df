"""PATCH with JSON Patch (RFC 6902): the operations are applied, in order and all or nothing,
to the current TMF representation; the handlers then treat the result like the outcome of a
merge patch (the attributes that differ are the ones changed).

A malformed operation or a path that does not exist is refused with 400 naming the operation;
a failed `test` with 409 (the resource is not in the state the client expected).
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any

from rest_facade.errors import TmfError, bad_request

OPERATIONS = ("add", "remove", "replace", "move", "copy", "test")


def apply_json_patch(document: Any, operations: Sequence[Any]) -> Any:
    """The document after the operations; the input is never modified."""
    result = copy.deepcopy(document)
    for index, operation in enumerate(operations):
        result = _apply(result, operation, f"operation [{index}]")
    return result


def _error(where: str, message: str) -> TmfError:
    return bad_request("INVALID_JSON_PATCH", f"JSON Patch {where}: {message}")


def _apply(document: Any, operation: Any, where: str) -> Any:
    if not isinstance(operation, dict):
        raise _error(where, "an object {op, path, ...} is expected")
    op = operation.get("op")
    if op not in OPERATIONS:
        raise _error(where, f"'op' must be one of: {', '.join(OPERATIONS)}")
    tokens = _pointer(operation.get("path"), where, "path")
    if op in ("add", "replace", "test") and "value" not in operation:
        raise _error(where, f"'{op}' needs a 'value'")
    if op == "add":
        return _add(document, tokens, copy.deepcopy(operation["value"]), where)
    if op == "remove":
        return _remove(document, tokens, where)[0]
    if op == "replace":
        document = _remove(document, tokens, where)[0] if tokens else None
        return _add(document, tokens, copy.deepcopy(operation["value"]), where)
    if op == "test":
        if _get(document, tokens, where) != operation["value"]:
            raise TmfError(
                409, "JSON_PATCH_TEST_FAILED", f"JSON Patch {where}: the test did not match."
            )
        return document
    source = _pointer(operation.get("from"), where, "from")
    if op == "move":
        if tokens[: len(source)] == source and len(tokens) > len(source):
            raise _error(where, "a value cannot be moved into itself")
        document, value = _remove(document, source, where)
        return _add(document, tokens, value, where)
    return _add(document, tokens, copy.deepcopy(_get(document, source, where)), where)


def _pointer(value: Any, where: str, name: str) -> list[str]:
    if not isinstance(value, str) or (value and not value.startswith("/")):
        raise _error(where, f"'{name}' must be a JSON Pointer ('' or starting with '/')")
    if not value:
        return []
    return [token.replace("~1", "/").replace("~0", "~") for token in value[1:].split("/")]


def _index(container: list[Any], token: str, where: str, *, append: bool) -> int:
    if append and token == "-":  # noqa: S105 (the RFC 6901 end-of-array token)
        return len(container)
    if not token.isdigit() or (len(token) > 1 and token.startswith("0")):
        raise _error(where, f"'{token}' is not an array index")
    index = int(token)
    if index > len(container) or (index == len(container) and not append):
        raise _error(where, f"index {index} is out of range")
    return index


def _parent(document: Any, tokens: list[str], where: str) -> Any:
    return _get(document, tokens[:-1], where)


def _get(document: Any, tokens: list[str], where: str) -> Any:
    current = document
    for token in tokens:
        if isinstance(current, dict):
            if token not in current:
                raise _error(where, f"'{token}' does not exist")
            current = current[token]
        elif isinstance(current, list):
            current = current[_index(current, token, where, append=False)]
        else:
            raise _error(where, f"'{token}' does not exist")
    return current


def _add(document: Any, tokens: list[str], value: Any, where: str) -> Any:
    if not tokens:
        return value
    parent, last = _parent(document, tokens, where), tokens[-1]
    if isinstance(parent, dict):
        parent[last] = value
    elif isinstance(parent, list):
        parent.insert(_index(parent, last, where, append=True), value)
    else:
        raise _error(where, f"the parent of '{last}' is not an object or array")
    return document


def _remove(document: Any, tokens: list[str], where: str) -> tuple[Any, Any]:
    if not tokens:
        return None, document
    parent, last = _parent(document, tokens, where), tokens[-1]
    if isinstance(parent, dict):
        if last not in parent:
            raise _error(where, f"'{last}' does not exist")
        return document, parent.pop(last)
    if isinstance(parent, list):
        return document, parent.pop(_index(parent, last, where, append=False))
    raise _error(where, f"the parent of '{last}' is not an object or array")
