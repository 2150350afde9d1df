"""The demo catalog is well-formed proto3 JSON and self-contained: every line is one
CatalogRecord, ids are unique per kind and every reference resolves inside the file."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from google.protobuf import json_format

from ordercapture.catalog.v1 import import_pb2, price_pb2

DEMO_CATALOG = Path(__file__).resolve().parents[3] / "servers" / "catalog" / "demo_catalog.jsonl"
NOW = datetime.now(UTC)


def _records() -> list[import_pb2.CatalogRecord]:
    records = []
    for number, line in enumerate(DEMO_CATALOG.read_text(encoding="utf-8").splitlines(), 1):
        try:
            records.append(json_format.Parse(line, import_pb2.CatalogRecord()))
        except json_format.ParseError as error:
            pytest.fail(f"line {number}: {error}")
    return records


RECORDS = _records()


def _of(kind: str) -> Iterator[import_pb2.CatalogRecord]:
    return (r for r in RECORDS if r.WhichOneof("entity") == kind)


def _ids(kind: str) -> set[str]:
    return {getattr(r, kind).id for r in _of(kind)}


def test_every_line_is_exactly_one_entity_without_a_line_number() -> None:
    assert RECORDS
    assert all(r.WhichOneof("entity") is not None and r.line == 0 for r in RECORDS)


@pytest.mark.parametrize("kind", ["catalog", "category", "specification", "price", "offering"])
def test_ids_are_unique_per_kind(kind: str) -> None:
    counts = Counter(getattr(r, kind).id for r in _of(kind))
    assert counts, f"no {kind} records"
    assert [i for i, n in counts.items() if n > 1] == []
    assert "" not in counts


def test_there_are_enough_offerings_to_browse() -> None:
    assert len(_ids("offering")) >= 25


def test_every_reference_resolves_within_the_file() -> None:
    categories, specs, prices, offerings = (
        _ids("category"),
        _ids("specification"),
        _ids("price"),
        _ids("offering"),
    )
    missing = [
        f"catalog {r.catalog.id} -> {i}"
        for r in _of("catalog")
        for i in r.catalog.category_ids
        if i not in categories
    ]
    for r in _of("category"):
        if r.category.parent_id and r.category.parent_id not in categories:
            missing.append(f"category {r.category.id} -> {r.category.parent_id}")
    for r in _of("offering"):
        o = r.offering
        refs = [(o.specification_id, specs)] if o.specification_id else []
        refs += [(i, categories) for i in o.category_ids]
        refs += [(i, prices) for i in o.price_ids]
        refs += [(b.offering_id, offerings) for b in o.bundle_components]
        missing += [f"offering {o.id} -> {ref}" for ref, known in refs if ref not in known]
    assert missing == []


def test_categories_form_a_tree_of_roots_and_subcategories() -> None:
    roots = {r.category.id for r in _of("category") if not r.category.parent_id}
    children = [r.category for r in _of("category") if r.category.parent_id]
    assert len(roots) >= 3
    assert len(children) >= 3
    assert all(c.parent_id in roots for c in children)
    (catalog,) = (r.catalog for r in _of("catalog"))
    assert catalog.catalog_type == "retail"
    assert set(catalog.category_ids) == roots


def test_bundles_have_consistent_components_and_a_discount() -> None:
    prices = {r.price.id: r.price for r in _of("price")}
    bundles = [r.offering for r in _of("offering") if r.offering.is_bundle]
    assert len(bundles) >= 3
    for bundle in bundles:
        assert bundle.bundle_components, bundle.id
        assert not bundle.specification_id, bundle.id
        for c in bundle.bundle_components:
            assert 0 <= c.min_quantity <= c.default_quantity <= c.max_quantity, (bundle.id, c)
        kinds = {prices[p].kind for p in bundle.price_ids}
        assert price_pb2.PRICE_KIND_DISCOUNT in kinds, bundle.id


def test_prices_are_decimal_strings_and_discounts_are_percent_or_negative() -> None:
    for p in (r.price for r in _of("price")):
        if p.kind == price_pb2.PRICE_KIND_DISCOUNT:
            assert bool(p.discount_percentage) != p.HasField("amount"), p.id
            if p.HasField("amount"):
                assert Decimal(p.amount.amount) < 0, p.id
        else:
            assert p.amount.currency_code == "EUR", p.id
            assert Decimal(p.amount.amount) >= 0, p.id
        if p.kind == price_pb2.PRICE_KIND_RECURRING:
            assert p.recurring_period == "month", p.id


def test_orderability_rules_have_examples() -> None:
    offerings = [r.offering for r in _of("offering")]
    statuses = Counter(o.lifecycle_status for o in offerings)
    assert statuses["Retired"] >= 1
    assert statuses["In design"] >= 1
    future = [
        o
        for o in offerings
        if o.validity.HasField("start_time") and o.validity.start_time.ToDatetime(UTC) > NOW
    ]
    assert future, "no offering with a validity window in the future"
    assert any(not o.is_sellable for o in offerings), "no offering sold only inside bundles"


def test_characteristic_defaults_are_allowed_values() -> None:
    for spec in (r.specification for r in _of("specification")):
        names = [c.name for c in spec.characteristics]
        assert len(names) == len(set(names)), spec.id
        for c in spec.characteristics:
            assert sum(a.is_default for a in c.allowed_values) <= 1, (spec.id, c.name)
            assert c.max_cardinality == 0 or c.min_cardinality <= c.max_cardinality


def test_the_servers_reader_accepts_every_line_and_value() -> None:
    from servers.catalog.records import load_catalog_text

    records = load_catalog_text(DEMO_CATALOG.read_text(encoding="utf-8"))
    assert len(records) == len(RECORDS)
