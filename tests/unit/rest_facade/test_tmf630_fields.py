"""Attribute selection keeps id, href and @type at every level."""

from __future__ import annotations

from typing import Any

import pytest

from rest_facade.errors import TmfError
from rest_facade.tmf630 import select
from rest_facade.tmf630.fields import parse_fields

ATTRIBUTES = {"id", "href", "@type", "name", "validFor", "category", "price"}
DOCUMENT: dict[str, Any] = {
    "id": "o1",
    "href": "http://h/productOffering/o1",
    "@type": "ProductOffering",
    "name": "Fiber",
    "validFor": {"startDateTime": "2024-01-01T00:00:00Z", "endDateTime": "2025-01-01T00:00:00Z"},
    "category": [
        {
            "id": "c1",
            "href": "http://h/category/c1",
            "@type": "CategoryRef",
            "@referredType": "Category",
        }
    ],
    "price": {"unit": "EUR", "value": 10},
}


def test_first_level_names() -> None:
    assert select(DOCUMENT, parse_fields(["name"], ATTRIBUTES)) == {
        "id": "o1",
        "href": "http://h/productOffering/o1",
        "@type": "ProductOffering",
        "name": "Fiber",
    }


def test_nested_names_keep_identity_of_nested_objects() -> None:
    selection = parse_fields(["validFor.endDateTime", "category.@referredType"], ATTRIBUTES)
    picked = select(DOCUMENT, selection)
    assert picked["validFor"] == {"endDateTime": "2025-01-01T00:00:00Z"}
    assert picked["category"] == [DOCUMENT["category"][0]]  # id, href, @type kept anyway
    assert "name" not in picked


def test_whole_attribute_wins_over_a_nested_name() -> None:
    selection = parse_fields(["price.unit", "price"], ATTRIBUTES)
    assert select(DOCUMENT, selection)["price"] == {"unit": "EUR", "value": 10}


def test_none_keeps_only_identity() -> None:
    assert set(select(DOCUMENT, parse_fields(["none"], ATTRIBUTES))) == {"id", "href", "@type"}


def test_no_selection_is_everything() -> None:
    assert select(DOCUMENT, None) is DOCUMENT


def test_unknown_first_level_name_is_refused() -> None:
    with pytest.raises(TmfError) as caught:
        parse_fields(["name", "colour"], ATTRIBUTES)
    assert "'fields'" in caught.value.message
    assert "colour" in caught.value.message
