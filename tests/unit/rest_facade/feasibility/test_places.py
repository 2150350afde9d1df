"""service.place <-> PlaceSelector: references, values, the installation address, suggestions."""

from __future__ import annotations

import pytest

from ordercapture.feasibility.v1 import check_pb2, network_pb2
from rest_facade.errors import TmfError
from rest_facade.feasibility.mapping.places import (
    SUGGESTED,
    place_from_tmf,
    place_to_tmf,
    places_to_tmf,
)

VALUE = {
    "@type": "GeographicAddress",
    "role": "installationAddress",
    "streetName": "High Street",
    "streetNr": "12b",
    "postcode": "NW1 1AA",
    "city": "Northwick",
    "country": "GB",
}


def test_a_reference_selects_a_register_address() -> None:
    selector = place_from_tmf([{"id": "addr-1", "role": "installationAddress"}], "place")
    assert selector.WhichOneof("place") == "address_id"
    assert selector.address_id == "addr-1"


def test_postal_fields_select_an_address_by_value() -> None:
    selector = place_from_tmf([VALUE], "place")
    assert selector.WhichOneof("place") == "address"
    assert selector.address == network_pb2.Address(
        street="High Street", number="12b", postcode="NW1 1AA", city="Northwick", country="GB"
    )


def test_the_installation_address_is_chosen_among_several_places() -> None:
    places = [
        {"id": "billing", "role": "billingAddress"},
        {"id": "home", "role": "installationAddress"},
    ]
    assert place_from_tmf(places, "place").address_id == "home"


def test_a_single_place_may_leave_out_its_role() -> None:
    assert place_from_tmf([{"id": "home"}], "place").address_id == "home"


@pytest.mark.parametrize(
    ("places", "fragment"),
    [
        ([], "exactly one place"),
        ([{"id": "a", "role": "x"}, {"id": "b", "role": "y"}], "exactly one place"),
        ([{"role": "installationAddress"}], "needs an 'id' or postal fields"),
        ([{"id": "a", "streetType": "Road"}], "place[0].streetType"),
        (["addr-1"], "an object is expected"),
        ([{"id": 7}], "place[0].id"),
    ],
)
def test_unusable_places_are_refused_naming_the_attribute(
    places: list[object], fragment: str
) -> None:
    with pytest.raises(TmfError) as raised:
        place_from_tmf(places, "place")
    assert raised.value.status == 400
    assert fragment in raised.value.message


def test_a_value_is_rendered_with_the_register_id_it_matched() -> None:
    selector = place_from_tmf([VALUE], "place")
    document = place_to_tmf(selector, "addr-9")
    assert document["id"] == "addr-9"
    assert document["streetNr"] == "12b"
    assert document["role"] == "installationAddress"


def test_a_reference_is_rendered_as_a_reference() -> None:
    document = place_to_tmf(check_pb2.PlaceSelector(address_id="addr-1"), "addr-1")
    assert document == {
        "@type": "GeographicAddressRef",
        "@referredType": "GeographicAddress",
        "id": "addr-1",
        "role": "installationAddress",
    }


def test_suggestions_follow_the_place_with_their_own_role_and_id() -> None:
    suggestion = network_pb2.Address(id="addr-2", street="High St", number="1", postcode="X")
    rendered = places_to_tmf(place_from_tmf([VALUE], "place"), "", [suggestion])
    assert "id" not in rendered[0]
    assert rendered[1]["role"] == SUGGESTED
    assert rendered[1]["id"] == "addr-2"
    assert rendered[1]["streetName"] == "High St"
