"""The shared PATCH module: RFC 7386 merge patch (its appendix examples), RFC 6902 operations
turned into the merge patch they amount to, TMF630 query paths, and the four media types on
every PATCH of the four documents."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from rest_facade.errors import TmfError
from rest_facade.tmf630.json_patch import same
from rest_facade.tmf630.json_patch_query import apply_json_patch_query, resolve_path
from rest_facade.tmf630.merge_patch import merge_patch
from rest_facade.tmf630.patching import (
    JSON_PATCH,
    JSON_PATCH_QUERY,
    PATCH_MEDIA_TYPES,
    json_patch_as_merge_patch,
    merge_diff,
)
from tests.unit.rest_facade.rfc7386_examples import RFC7386_EXAMPLES

OPENAPI = Path(__file__).resolve().parents[3] / "openapi"


@pytest.mark.parametrize(("target", "patch", "result"), RFC7386_EXAMPLES)
def test_merge_patch_follows_the_rfc_7386_examples(target: Any, patch: Any, result: Any) -> None:
    assert merge_patch(target, patch) == result


@pytest.mark.parametrize(
    ("target", "result"),
    [
        (target, result)
        for target, _, result in RFC7386_EXAMPLES
        if isinstance(target, dict) and isinstance(result, dict) and None not in target.values()
    ],
)
def test_the_difference_of_two_objects_merges_back_into_the_second(
    target: dict[str, Any], result: dict[str, Any]
) -> None:
    assert merge_patch(target, merge_diff(target, result)) == result


@pytest.mark.parametrize(
    ("before", "after", "difference"),
    [
        ({"a": 1}, {"a": 1}, {}),
        ({"a": 1}, {"a": 2}, {"a": 2}),
        ({"a": 1}, {}, {"a": None}),
        ({}, {"a": {"b": 1}}, {"a": {"b": 1}}),
        ({"a": {"b": 1, "c": 2}}, {"a": {"b": 1, "c": 3}}, {"a": {"c": 3}}),
        ({"a": {"b": 1, "c": 2}}, {"a": {"b": 1}}, {"a": {"c": None}}),
        ({"a": [1, 2]}, {"a": [1, 2, 3]}, {"a": [1, 2, 3]}),
        ({"a": [{"id": "1", "q": 1}]}, {"a": [{"id": "1", "q": 2}]}, {"a": [{"id": "1", "q": 2}]}),
        ({"a": {"b": 1}}, {"a": [1]}, {"a": [1]}),
        ({"a": 1}, {"a": True}, {"a": True}),
        ({"a": 0}, {"a": False}, {"a": False}),
        ({"a": 1}, {"a": None}, {"a": None}),
        ({"a": 1}, {"a": 1, "b": None}, {}),
        ({"a": Decimal("1.5")}, {"a": Decimal("1.50")}, {}),
    ],
)
def test_merge_diff(before: Any, after: Any, difference: Any) -> None:
    assert merge_diff(before, after) == difference


def test_json_equality_tells_booleans_from_numbers() -> None:
    assert same({"a": [1, {"b": "x"}]}, {"a": [1, {"b": "x"}]})
    assert not same(1, True)
    assert not same([0], [False])
    assert not same({"a": 1}, {"a": 1, "b": 1})
    assert not same([1], {"0": 1})


# RFC 6902 operations (section 4), on a representation of our own.
ORDER: dict[str, Any] = {
    "id": "o1",
    "description": "first",
    "priority": "4",
    "note": [{"id": "n1", "text": "a"}, {"id": "n2", "text": "b"}],
    "validFor": {"startDateTime": "2026-01-01T00:00:00Z", "endDateTime": "2026-12-31T00:00:00Z"},
}


@pytest.mark.parametrize(
    ("operations", "merge"),
    [
        ([{"op": "add", "path": "/category", "value": "B2C"}], {"category": "B2C"}),
        (
            [{"op": "add", "path": "/note/1", "value": {"id": "n9"}}],
            {"note": [{"id": "n1", "text": "a"}, {"id": "n9"}, {"id": "n2", "text": "b"}]},
        ),
        (
            [{"op": "add", "path": "/note/-", "value": {"id": "n3"}}],
            {"note": [{"id": "n1", "text": "a"}, {"id": "n2", "text": "b"}, {"id": "n3"}]},
        ),
        ([{"op": "remove", "path": "/priority"}], {"priority": None}),
        ([{"op": "remove", "path": "/note/0"}], {"note": [{"id": "n2", "text": "b"}]}),
        (
            [{"op": "remove", "path": "/validFor/endDateTime"}],
            {"validFor": {"endDateTime": None}},
        ),
        ([{"op": "replace", "path": "/description", "value": "second"}], {"description": "second"}),
        (
            [{"op": "replace", "path": "/note/1/text", "value": "c"}],
            {"note": [{"id": "n1", "text": "a"}, {"id": "n2", "text": "c"}]},
        ),
        (
            [{"op": "move", "from": "/description", "path": "/category"}],
            {"description": None, "category": "first"},
        ),
        (
            [{"op": "copy", "from": "/note/0/text", "path": "/description"}],
            {"description": "a"},
        ),
        (
            [
                {"op": "test", "path": "/priority", "value": "4"},
                {"op": "replace", "path": "/priority", "value": "1"},
            ],
            {"priority": "1"},
        ),
        ([{"op": "test", "path": "/note/0/id", "value": "n1"}], {}),
        ([{"op": "replace", "path": "/id", "value": "o1"}], {}),
        ([{"op": "replace", "path": "/id", "value": "o2"}], {"id": "o2"}),
    ],
)
def test_a_json_patch_becomes_the_merge_patch_it_amounts_to(
    operations: list[dict[str, Any]], merge: dict[str, Any]
) -> None:
    for media_type in (JSON_PATCH, JSON_PATCH_QUERY):
        found = json_patch_as_merge_patch(ORDER, operations, media_type)
        assert found == merge
        assert merge_patch(ORDER, found) == apply_json_patch_query(ORDER, operations)
    assert ORDER["note"] == [{"id": "n1", "text": "a"}, {"id": "n2", "text": "b"}]


def test_a_failed_test_is_409_and_a_missing_path_400() -> None:
    with pytest.raises(TmfError) as failed:
        json_patch_as_merge_patch(ORDER, [{"op": "test", "path": "/priority", "value": "9"}])
    assert (failed.value.status, failed.value.code) == (409, "JSON_PATCH_TEST_FAILED")
    with pytest.raises(TmfError) as missing:
        json_patch_as_merge_patch(ORDER, [{"op": "replace", "path": "/nothing", "value": 1}])
    assert (missing.value.status, missing.value.code) == (400, "INVALID_JSON_PATCH")


def test_replacing_the_whole_document_with_no_object_is_400() -> None:
    with pytest.raises(TmfError) as raised:
        json_patch_as_merge_patch(ORDER, [{"op": "replace", "path": "", "value": [1]}])
    assert raised.value.status == 400


def test_a_media_type_outside_the_four_is_415() -> None:
    with pytest.raises(TmfError) as raised:
        json_patch_as_merge_patch(ORDER, [], "application/xml")
    assert (raised.value.status, raised.value.code) == (415, "UNSUPPORTED_MEDIA_TYPE")


# --- query paths -------------------------------------------------------------------------------

DOCUMENT: dict[str, Any] = {
    "productOrderItem": [
        {"id": "1", "quantity": 1, "action": "add", "product": {"place": {"id": "p/1"}}},
        {"id": "2", "quantity": 2, "action": "add", "note": [{"id": "x", "a/b": "y"}]},
        {"id": "3", "quantity": 2, "action": "delete", "active": True},
    ],
    "note": [{"id": "n1", "author": "Ann"}, {"id": "n2", "author": "Bob"}, {"id": "n3"}],
}


@pytest.mark.parametrize(
    ("path", "pointers"),
    [
        ("/productOrderItem[?(@.id=='1')]/quantity", ["/productOrderItem/0/quantity"]),
        ('/productOrderItem[?(@.id=="2")]', ["/productOrderItem/1"]),
        (
            "/productOrderItem[?(@.quantity==2)]/id",
            ["/productOrderItem/1/id", "/productOrderItem/2/id"],
        ),
        ("/productOrderItem[?(@.quantity==2 && @.action=='add')]", ["/productOrderItem/1"]),
        ("/productOrderItem[?(@.active==true)]", ["/productOrderItem/2"]),
        ("/productOrderItem[?(@.product.place.id=='p/1')]/action", ["/productOrderItem/0/action"]),
        (
            "/productOrderItem[?(@.id=='2')]/note[?(@.id=='x')]/a~1b",
            ["/productOrderItem/1/note/0/a~1b"],
        ),
        ("note[?(@.author=='Ann')]", ["/note/0"]),
        ("/note/0/author", ["/note/0/author"]),
    ],
)
def test_a_query_path_resolves_to_index_paths(path: str, pointers: list[str]) -> None:
    assert resolve_path(DOCUMENT, path) == pointers


@pytest.mark.parametrize(
    ("path", "pointers"),
    [
        ("/productOrderItem/quantity?productOrderItem.id=2", ["/productOrderItem/1/quantity"]),
        (
            "/productOrderItem/id?productOrderItem.action=add",
            ["/productOrderItem/0/id", "/productOrderItem/1/id"],
        ),
        (
            "/productOrderItem/id?productOrderItem.action=add&productOrderItem.id=1",
            ["/productOrderItem/0/id"],
        ),
        (
            "/productOrderItem/product/place/id?productOrderItem.id=1",
            ["/productOrderItem/0/product/place/id"],
        ),
    ],
)
def test_the_tmf622_example_form_with_the_query_after_the_path(
    path: str, pointers: list[str]
) -> None:
    assert resolve_path(DOCUMENT, path) == pointers


@pytest.mark.parametrize(
    "path",
    ["/productOrderItem/id?id=1", "/productOrderItem/id?note.id=x", "/productOrderItem/id?a"],
)
def test_a_query_after_the_path_must_name_an_array_of_the_path(path: str) -> None:
    with pytest.raises(TmfError) as raised:
        resolve_path(DOCUMENT, path)
    assert raised.value.status == 400


@pytest.mark.parametrize(
    ("path", "pointers"),
    [
        ("/note?id=n2", ["/note/1"]),
        ("/note?author=Ann", ["/note/0"]),
        ("/productOrderItem?action=add", ["/productOrderItem/0", "/productOrderItem/1"]),
        ("/productOrderItem?quantity=2&action=add", []),  # values compare as strings
        ("/productOrderItem?action=add&id=2", ["/productOrderItem/1"]),
        ("/productOrderItem?product.place.id=p/1", ["/productOrderItem/0"]),
        ("/productOrderItem/1/note?id=x", ["/productOrderItem/1/note/0"]),
        ("/productOrderItem/note?productOrderItem.id=2&id=x", ["/productOrderItem/1/note/0"]),
        ("note?author=Bob", ["/note/1"]),
    ],
)
def test_the_tmf620_example_form_with_the_query_right_after_the_array(
    path: str, pointers: list[str]
) -> None:
    """`/relatedParty?role=vendor`: the query follows the array and names a member of its own
    elements (a name whose first part is a segment of the path still names that array)."""
    if not pointers:
        with pytest.raises(TmfError) as raised:
            resolve_path(DOCUMENT, path)
        assert raised.value.code == "JSON_PATCH_QUERY_NO_MATCH"
        return
    assert resolve_path(DOCUMENT, path) == pointers


def test_remove_and_replace_through_the_query_right_after_the_array() -> None:
    document = {
        "relatedParty": [
            {"role": "vendor", "id": "1"},
            {"role": "Reviser", "id": "2"},
            {"role": "vendor", "id": "3"},
        ]
    }
    removed = apply_json_patch_query(
        document, [{"op": "remove", "path": "/relatedParty?role=vendor"}]
    )
    assert removed == {"relatedParty": [{"role": "Reviser", "id": "2"}]}
    replaced = apply_json_patch_query(
        document, [{"op": "replace", "path": "/relatedParty?id=2", "value": {"id": "9"}}]
    )
    assert replaced["relatedParty"] == [
        {"role": "vendor", "id": "1"},
        {"id": "9"},
        {"role": "vendor", "id": "3"},
    ]
    tested = [{"op": "test", "path": "/relatedParty?id=2", "value": {"id": "2", "role": "Reviser"}}]
    assert apply_json_patch_query(document, tested) == document
    assert document["relatedParty"][0] == {"role": "vendor", "id": "1"}


@pytest.mark.parametrize(
    "path",
    [
        "/note/0?id=n1",  # the query follows no array
        "/note/0/author?id=n1",
        "/?id=n1",
        "/note?=n1",
        "/note?id",
        "/note?.id=n1",
        "/note?id.=n1",
        "/productOrderItem/id?value=/productOrderItem/id/1",  # no array before the query
    ],
)
def test_a_query_right_after_the_path_must_follow_an_array(path: str) -> None:
    with pytest.raises(TmfError) as raised:
        resolve_path(DOCUMENT, path)
    assert raised.value.status == 400


def test_a_query_selecting_nothing_is_400_naming_it() -> None:
    path = "/note[?(@.id=='n9')]"
    with pytest.raises(TmfError) as raised:
        resolve_path(DOCUMENT, path)
    assert (raised.value.status, raised.value.code) == (400, "JSON_PATCH_QUERY_NO_MATCH")
    assert path in raised.value.message


def test_an_element_without_the_member_is_no_match() -> None:
    assert resolve_path(DOCUMENT, "/note[?(@.author=='Bob')]") == ["/note/1"]
    with pytest.raises(TmfError):
        resolve_path(DOCUMENT, "/note[?(@.missing=='Bob')]")


@pytest.mark.parametrize(
    "path",
    [
        "/note[?(@.id>'n1')]",
        "/note[?(@.id=='n1' || @.id=='n2')]",
        "/note[?(@.id=='n1')",
        "/note[?(@.id=='n1)]",
        "/productOrderItem/0[?(@.id=='1')]",
        "/nothing[?(@.id=='1')]",
    ],
)
def test_an_unsupported_or_malformed_query_is_400(path: str) -> None:
    with pytest.raises(TmfError) as raised:
        resolve_path(DOCUMENT, path)
    assert raised.value.status == 400


def test_an_operation_applies_to_every_selected_element() -> None:
    removed = apply_json_patch_query(
        DOCUMENT, [{"op": "remove", "path": "/productOrderItem[?(@.quantity==2)]"}]
    )
    assert [item["id"] for item in removed["productOrderItem"]] == ["1"]
    replaced = apply_json_patch_query(
        DOCUMENT,
        [{"op": "replace", "path": "/productOrderItem[?(@.action=='add')]/quantity", "value": 5}],
    )
    assert [item["quantity"] for item in replaced["productOrderItem"]] == [5, 5, 2]


def test_each_operation_is_resolved_against_the_document_the_earlier_ones_left() -> None:
    patched = apply_json_patch_query(
        DOCUMENT,
        [
            {"op": "remove", "path": "/note[?(@.id=='n1')]"},
            {"op": "add", "path": "/note[?(@.id=='n3')]/author", "value": "Cy"},
            {"op": "test", "path": "/note/1/author", "value": "Cy"},
        ],
    )
    assert patched["note"] == [{"id": "n2", "author": "Bob"}, {"id": "n3", "author": "Cy"}]
    assert DOCUMENT["note"][0] == {"id": "n1", "author": "Ann"}


def test_from_may_be_a_query_selecting_one_element() -> None:
    moved = apply_json_patch_query(
        DOCUMENT, [{"op": "move", "from": "/note[?(@.id=='n3')]", "path": "/note/0"}]
    )
    assert [note["id"] for note in moved["note"]] == ["n3", "n1", "n2"]
    with pytest.raises(TmfError) as raised:
        apply_json_patch_query(
            DOCUMENT,
            [{"op": "copy", "from": "/productOrderItem[?(@.quantity==2)]", "path": "/x"}],
        )
    assert raised.value.status == 400


def test_a_failed_test_through_a_query_is_409() -> None:
    with pytest.raises(TmfError) as raised:
        json_patch_as_merge_patch(
            DOCUMENT,
            [{"op": "test", "path": "/note[?(@.id=='n2')]/author", "value": "Ann"}],
            JSON_PATCH_QUERY,
        )
    assert raised.value.status == 409


def test_plain_json_patch_takes_no_query() -> None:
    with pytest.raises(TmfError) as raised:
        json_patch_as_merge_patch(
            DOCUMENT, [{"op": "remove", "path": "/note[?(@.id=='n2')]"}], JSON_PATCH
        )
    assert raised.value.status == 400


# --- the documents -----------------------------------------------------------------------------


@pytest.mark.parametrize("document", sorted(OPENAPI.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_patch_of_every_document_takes_the_four_media_types(document: Path) -> None:
    paths = yaml.safe_load(document.read_text(encoding="utf-8"))["paths"]
    patches = {path: item["patch"] for path, item in paths.items() if "patch" in item}
    assert patches, document
    for path, operation in patches.items():
        assert set(operation["requestBody"]["content"]) == set(PATCH_MEDIA_TYPES), path
