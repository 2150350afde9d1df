"""product.place of the items <-> the check's one Place.

A check is judged at one place (geography rules), so the items may name it once or repeat the
same place; two different places are refused. A PlaceRef gives the register id (the tier looks
up region and postcode); a GeographicAddress gives `stateOrProvince` (region) and `postcode`,
and may carry an `id` too. Other address details do not change commercial eligibility and are
not kept.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ordercapture.qualification.v1 import check_pb2
from rest_facade.tmf_readers import array, member, nested, text
from rest_facade.tmf_values import JsonObject, invalid


def place_from_product(product: Mapping[str, Any], where: str) -> check_pb2.Place | None:
    found: check_pb2.Place | None = None
    for index, entry in enumerate(array(product, "place", where)):
        at = f"{where}.place[{index}]"
        related = member(entry, at)
        value = nested(related, "place", at)
        place = check_pb2.Place(
            id=text(value, "id", f"{at}.place"),
            region=text(value, "stateOrProvince", f"{at}.place"),
            postcode=text(value, "postcode", f"{at}.place"),
        )
        if place == check_pb2.Place():
            raise invalid(f"{at}.place", "an 'id', 'stateOrProvince' or 'postcode' is required")
        found = same_place(found, place, at)
    return found


def same_place(
    known: check_pb2.Place | None, place: check_pb2.Place | None, where: str
) -> check_pb2.Place | None:
    if known is None or place is None or known == place:
        return known or place
    raise invalid(where, "a qualification is judged at one place; the items name different ones")


def place_to_tmf(place: check_pb2.Place) -> JsonObject:
    if not place.region and not place.postcode:
        value: JsonObject = {"@type": "PlaceRef", "id": place.id}
    else:
        value = {"@type": "GeographicAddress"}
        if place.id:
            value["id"] = place.id
        if place.region:
            value["stateOrProvince"] = place.region
        if place.postcode:
            value["postcode"] = place.postcode
    return {"@type": "RelatedPlaceRefOrValue", "place": value}
