"""RFC 6902 operations on a TMF representation (the examples of RFC 6902 appendix A)."""

from __future__ import annotations

from typing import Any

import pytest

from rest_facade.errors import TmfError
from rest_facade.tmf630.json_patch import apply_json_patch


@pytest.mark.parametrize(
    ("document", "operations", "expected"),
    [
        ({"a": 1}, [{"op": "add", "path": "/b", "value": 2}], {"a": 1, "b": 2}),
        ({"a": [1, 3]}, [{"op": "add", "path": "/a/1", "value": 2}], {"a": [1, 2, 3]}),
        ({"a": [1]}, [{"op": "add", "path": "/a/-", "value": 2}], {"a": [1, 2]}),
        ({"a": 1, "b": 2}, [{"op": "remove", "path": "/b"}], {"a": 1}),
        ({"a": [1, 2, 3]}, [{"op": "remove", "path": "/a/1"}], {"a": [1, 3]}),
        ({"a": 1}, [{"op": "replace", "path": "/a", "value": 9}], {"a": 9}),
        ({"a": {"b": 1}}, [{"op": "move", "from": "/a/b", "path": "/c"}], {"a": {}, "c": 1}),
        ({"a": [1]}, [{"op": "copy", "from": "/a/0", "path": "/b"}], {"a": [1], "b": 1}),
        ({"a/b": 1, "m~n": 2}, [{"op": "test", "path": "/a~1b", "value": 1}], {"a/b": 1, "m~n": 2}),
        ({"m~n": 2}, [{"op": "remove", "path": "/m~0n"}], {}),
    ],
)
def test_operations(document: Any, operations: list[Any], expected: Any) -> None:
    assert apply_json_patch(document, operations) == expected


def test_the_input_is_left_unchanged() -> None:
    document = {"a": [1]}
    apply_json_patch(document, [{"op": "add", "path": "/a/-", "value": 2}])
    assert document == {"a": [1]}


@pytest.mark.parametrize(
    "operation",
    [
        {"op": "replace", "path": "/missing", "value": 1},
        {"op": "remove", "path": "/a/5"},
        {"op": "add", "path": "/a/01", "value": 1},
        {"op": "add", "path": "a", "value": 1},
        {"op": "add", "path": "/b"},
        {"op": "jump", "path": "/a"},
        {"op": "move", "from": "/a", "path": "/a/0"},
        "not an object",
    ],
)
def test_malformed_or_impossible_operations_are_400(operation: Any) -> None:
    with pytest.raises(TmfError) as raised:
        apply_json_patch({"a": [1]}, [operation])
    assert raised.value.status == 400
    assert raised.value.code == "INVALID_JSON_PATCH"


def test_a_failed_test_is_409() -> None:
    with pytest.raises(TmfError) as raised:
        apply_json_patch({"a": 1}, [{"op": "test", "path": "/a", "value": 2}])
    assert (raised.value.status, raised.value.code) == (409, "JSON_PATCH_TEST_FAILED")
