"""Catalog file parsing: every bad line reported at once, with its number."""

from __future__ import annotations

import json

import pytest

from domain.catalog.errors import CatalogFileInvalid
from domain.catalog.model import Category, Offering
from ordercapture.catalog.v1 import import_pb2
from servers.catalog.records import load_catalog_text, parse_catalog_file, to_domain_records
from servers.catalog.seed import DEMO_CATALOG

CATEGORY = json.dumps({"category": {"id": "c1", "name": "Fibre"}})
OFFERING = json.dumps({"offering": {"id": "o1", "categoryIds": ["c1"], "is_sellable": True}})


def _violations(error: pytest.ExceptionInfo[CatalogFileInvalid]) -> list[tuple[str, str]]:
    return [(v.field, v.description) for v in error.value.violations]


def test_lines_are_numbered_in_the_file_skipping_blanks_and_comments() -> None:
    text = f"# header\n\n{CATEGORY}\n   \n  # note\n{OFFERING}\n"
    records = parse_catalog_file(text)
    assert [(r.line, r.WhichOneof("entity")) for r in records] == [
        (3, "category"),
        (6, "offering"),
    ]


def test_camel_case_and_proto_names_are_both_accepted() -> None:
    (record,) = to_domain_records(parse_catalog_file(OFFERING))
    assert isinstance(record.entity, Offering)
    assert record.entity.category_ids == ("c1",)
    assert record.entity.is_sellable


def test_every_bad_line_is_reported() -> None:
    lines = [
        CATEGORY,  # 1 fine
        '{"category": {"id": "c2"',  # 2 JSON syntax
        '{"category": {"id": "c3", "colour": "red"}}',  # 3 unknown field
        '{"offering": {"id": "o", "isBundle": "yes"}}',  # 4 wrong type
        "{}",  # 5 no entity
        "[1, 2]",  # 6 not an object
        '{"line": 9, "category": {"id": "c4"}}',  # 7 line given by the file
        '{"category": {"id": "c5"}, "offering": {"id": "o5"}}',  # 8 two entities
        '{"price": {"id": "p", "kind": "PRICE_KIND_BOGUS"}}',  # 9 unknown enum name
    ]
    with pytest.raises(CatalogFileInvalid) as raised:
        parse_catalog_file("\n".join(lines))
    found = _violations(raised)
    assert [field for field, _ in found] == [f"line {n}" for n in range(2, 10)]
    assert found[0][1].startswith("invalid JSON: ")
    assert "line 1" not in found[0][1]  # json's own position would mislead
    assert "colour" in found[1][1]
    assert found[3][1].startswith("the record holds no entity")
    assert "8 bad line(s)" in raised.value.message
    assert raised.value.reason == "CATALOG_FILE_INVALID"


def test_mapping_problems_name_the_line_and_field() -> None:
    text = "\n".join(
        [
            CATEGORY,
            '{"price": {"id": "p1", "kind": "PRICE_KIND_ONE_TIME",'
            ' "amount": {"currencyCode": "EUR", "amount": "1,5"}}}',
            '{"price": {"id": "p2"}}',
        ]
    )
    with pytest.raises(CatalogFileInvalid) as raised:
        load_catalog_text(text)
    assert _violations(raised) == [
        ("line 2", "amount.amount: '1,5' is not a decimal number"),
        ("line 3", "kind: required"),
    ]


def test_syntax_and_value_problems_are_reported_together_in_line_order() -> None:
    text = '{"price": {"id": "p2"}}\n{nope\n' + CATEGORY
    with pytest.raises(CatalogFileInvalid) as raised:
        load_catalog_text(text)
    assert [field for field, _ in _violations(raised)] == ["line 1", "line 2"]


def test_streamed_records_without_line_use_their_position() -> None:
    messages = [
        import_pb2.CatalogRecord(category={"id": "c"}),  # type: ignore[arg-type]
        import_pb2.CatalogRecord(),
    ]
    with pytest.raises(CatalogFileInvalid) as raised:
        to_domain_records(messages)
    assert [field for field, _ in _violations(raised)] == ["line 2"]


def test_records_keep_their_line() -> None:
    records = load_catalog_text(f"\n{CATEGORY}")
    assert [(r.line, type(r.entity)) for r in records] == [(2, Category)]


def test_the_demo_catalog_loads() -> None:
    records = load_catalog_text(DEMO_CATALOG.read_text(encoding="utf-8"))
    assert len(records) > 50
    assert sum(isinstance(r.entity, Offering) for r in records) >= 25
