"""Kept attributes merged into a rendered representation: top-level ones added, objects merged,
array elements merged into the rendered element they identify or appended."""

from __future__ import annotations

from typing import Any

from rest_facade.extension_attributes import (
    element_extras,
    merged,
    merged_array,
    same_element,
    to_struct,
)

CUSTOMER = {
    "@type": "RelatedPartyOrPartyRole",
    "role": "customer",
    "partyOrPartyRole": {"@type": "PartyRef", "id": "cust-1"},
}
REQUESTER = {
    "@type": "RelatedPartyOrPartyRole",
    "role": "requester",
    "partyOrPartyRole": {"@type": "PartyRef", "id": "p-9", "name": "Louise"},
}


def test_top_level_attributes_are_added_and_rendered_ones_win() -> None:
    rendered = {"@type": "Thing", "id": "1", "state": "done"}
    kept = {"@type": "MyThing", "colour": "red", "state": "forged", "count": 2.0}
    assert merged(rendered, to_struct(kept)) == {
        "@type": "MyThing",
        "id": "1",
        "state": "done",
        "colour": "red",
        "count": 2,
    }


def test_kept_elements_that_identify_no_rendered_one_are_appended() -> None:
    rendered = {"relatedParty": [CUSTOMER]}
    assert merged(rendered, to_struct({"relatedParty": [REQUESTER]})) == {
        "relatedParty": [CUSTOMER, REQUESTER]
    }


def test_the_same_party_in_another_role_is_another_element() -> None:
    same_party = {**REQUESTER, "partyOrPartyRole": {"id": "cust-1"}}
    assert merged_array([CUSTOMER], [same_party]) == [CUSTOMER, same_party]


def test_kept_attributes_of_an_element_are_merged_by_id() -> None:
    rendered = [{"id": "1", "action": "add"}, {"id": "2", "action": "add"}]
    kept = [{"id": "2", "expectedActivationDate": "2030-01-01T00:00:00Z", "action": "forged"}]
    assert merged_array(rendered, kept) == [
        {"id": "1", "action": "add"},
        {"id": "2", "action": "add", "expectedActivationDate": "2030-01-01T00:00:00Z"},
    ]


def test_nested_objects_and_arrays_are_merged_all_the_way_down() -> None:
    rendered = {
        "item": [
            {
                "id": "100",
                "product": {"@type": "Product", "place": []},
                "item": [{"id": "110", "quantity": 1}],
            }
        ]
    }
    kept = {
        "item": [
            {
                "id": "100",
                "product": {"isBundle": True},
                "item": [{"id": "110", "itemPrice": [{"name": "fee"}]}],
            }
        ]
    }
    assert merged(rendered, to_struct(kept)) == {
        "item": [
            {
                "id": "100",
                "product": {"@type": "Product", "place": [], "isBundle": True},
                "item": [{"id": "110", "quantity": 1, "itemPrice": [{"name": "fee"}]}],
            }
        ]
    }


def test_an_element_without_id_is_found_by_the_references_it_holds() -> None:
    channel = {"@type": "RelatedChannel", "channel": {"@type": "ChannelRef", "id": "web"}}
    kept = {"channel": {"id": "web"}, "role": "capture"}
    assert same_element(channel, kept)
    assert merged_array([channel], [kept]) == [{**channel, "role": "capture"}]
    other = {"channel": {"id": "shop"}, "role": "capture"}
    assert not same_element(channel, other)


def test_an_element_without_id_or_common_reference_is_no_match() -> None:
    assert not same_element({"role": "x"}, {"colour": "red"})
    assert not same_element({"id": "1"}, {"colour": "red"})
    assert not same_element({"role": "x"}, {"id": "1"})
    assert not same_element("text", {"id": "1"})
    assert merged_array([{"role": "x"}], [{"colour": "red"}]) == [
        {"role": "x"},
        {"colour": "red"},
    ]


def test_element_extras_keep_what_is_not_modelled_with_the_identity() -> None:
    item: dict[str, Any] = {
        "@type": "Item",
        "id": "1",
        "action": "add",
        "expectedActivationDate": "2030-01-01T00:00:00Z",
    }
    assert element_extras(item, ("id", "action"), {"id": "1"}, "Item") == {
        "id": "1",
        "expectedActivationDate": "2030-01-01T00:00:00Z",
    }
    assert element_extras({"@type": "Item", "id": "1"}, ("id",), {"id": "1"}, "Item") is None
    subtype = {"@type": "MyItem", "id": "1"}
    assert element_extras(subtype, ("id",), {"id": "1"}, "Item") == {"id": "1", "@type": "MyItem"}
