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


ORDER: dict[str, Any] = {
    "id": "po1",
    "href": "http://h/productOrder/po1",
    "@type": "ProductOrder",
    "state": "acknowledged",
    "productOrderItem": [
        {
            "@type": "ProductOrderItem",
            "id": "1",
            "action": "add",
            "quantity": 1,
            "productOffering": {
                "@type": "ProductOfferingRef",
                "id": "off-1",
                "href": "http://h/productOffering/off-1",
                "name": "Fibre",
            },
        },
        {
            "@type": "ProductOrderItem",
            "id": "2",
            "action": "modify",
            "quantity": 2,
            "productOffering": {"@type": "ProductOfferingRef", "id": "off-2", "name": "TV"},
        },
    ],
    "channel": {"@type": "RelatedChannel", "role": "sales", "channel": {"id": "web", "x": 1}},
}
ORDER_ATTRIBUTES = {"id", "href", "@type", "state", "productOrderItem", "channel"}


def test_nested_names_inside_each_array_element() -> None:
    selection = parse_fields(
        ["productOrderItem.action", "productOrderItem.productOffering.name"], ORDER_ATTRIBUTES
    )
    assert select(ORDER, selection) == {
        "id": "po1",
        "href": "http://h/productOrder/po1",
        "@type": "ProductOrder",
        "productOrderItem": [
            {
                "@type": "ProductOrderItem",
                "id": "1",
                "action": "add",
                "productOffering": {
                    "@type": "ProductOfferingRef",
                    "id": "off-1",
                    "href": "http://h/productOffering/off-1",
                    "name": "Fibre",
                },
            },
            {
                "@type": "ProductOrderItem",
                "id": "2",
                "action": "modify",
                "productOffering": {"@type": "ProductOfferingRef", "id": "off-2", "name": "TV"},
            },
        ],
    }


def test_a_nested_reference_keeps_only_its_identity_when_only_its_id_is_named() -> None:
    selection = parse_fields(["productOrderItem.productOffering.id"], ORDER_ATTRIBUTES)
    items = select(ORDER, selection)["productOrderItem"]
    assert items[0] == {
        "@type": "ProductOrderItem",
        "id": "1",
        "productOffering": {
            "@type": "ProductOfferingRef",
            "id": "off-1",
            "href": "http://h/productOffering/off-1",
        },
    }
    assert items[1]["productOffering"] == {"@type": "ProductOfferingRef", "id": "off-2"}


def test_nested_names_inside_objects_at_any_depth() -> None:
    selection = parse_fields(["channel.channel.x"], ORDER_ATTRIBUTES)
    assert select(ORDER, selection)["channel"] == {
        "@type": "RelatedChannel",
        "channel": {"id": "web", "x": 1},
    }
    assert select(ORDER, parse_fields(["channel.role"], ORDER_ATTRIBUTES))["channel"] == {
        "@type": "RelatedChannel",
        "role": "sales",
    }


def test_a_nested_name_the_document_lacks_keeps_only_identity() -> None:
    selection = parse_fields(["productOrderItem.colour"], ORDER_ATTRIBUTES)
    assert select(ORDER, selection)["productOrderItem"] == [
        {"@type": "ProductOrderItem", "id": "1"},
        {"@type": "ProductOrderItem", "id": "2"},
    ]


def test_a_whole_attribute_named_after_its_parts_still_wins() -> None:
    selection = parse_fields(["productOrderItem", "productOrderItem.id"], ORDER_ATTRIBUTES)
    assert select(ORDER, selection)["productOrderItem"] == ORDER["productOrderItem"]


def test_none_keeps_only_identity_of_a_resource_without_type() -> None:
    v4 = {"id": "c1", "href": "http://h/c1", "state": "done", "externalId": "x"}
    assert select(v4, parse_fields(["none"], {"id", "href", "state", "externalId"})) == {
        "id": "c1",
        "href": "http://h/c1",
    }


def test_the_document_is_not_modified() -> None:
    before = repr(ORDER)
    select(ORDER, parse_fields(["none"], ORDER_ATTRIBUTES))
    select(ORDER, parse_fields(["productOrderItem.id"], ORDER_ATTRIBUTES))
    assert repr(ORDER) == before


@pytest.mark.parametrize(
    ("values", "named"),
    [
        (["colour.name"], "colour"),
        (["productOrderItem.id", "colour"], "colour"),
        (["none", "state"], "none"),
        (["state", ""], "''"),
        (["productOrderItem."], "productOrderItem."),
        (["productOrderItem..id"], "productOrderItem..id"),
        ([".id"], ".id"),
    ],
)
def test_bad_names_are_refused_naming_the_parameter(values: list[str], named: str) -> None:
    with pytest.raises(TmfError) as caught:
        parse_fields(values, ORDER_ATTRIBUTES)
    assert caught.value.status == 400
    assert "'fields'" in caught.value.message
    assert named in caught.value.message
