"""service.place (RelatedPlaceRefOrValue) <-> PlaceSelector and the register's addresses.

A place is given by reference (`{"id": ...}`, a register address id) or by value (the
GeographicAddress postal fields, matched by the server after normalisation). The installation
address is the place with role `installationAddress`, or the only place given.

Suggested addresses for an unknown place are listed beside it with role `suggestedAddress`:
full GeographicAddress values with their register id, so a channel can offer "did you mean"
and resubmit with `{"id": ...}`. They are not alternateServiceProposals: the network has not
judged them, and a proposal would claim a deliverable service.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ordercapture.feasibility.v1 import check_pb2, network_pb2
from rest_facade.tmf_readers import member, refuse_unknown, text
from rest_facade.tmf_values import JsonObject, invalid

INSTALLATION = "installationAddress"
SUGGESTED = "suggestedAddress"
ADDRESS_TYPE = "GeographicAddress"
ADDRESS_REF_TYPE = "GeographicAddressRef"

# GeographicAddress attribute <-> Address field.
POSTAL_FIELDS: Mapping[str, str] = {
    "streetName": "street",
    "streetNr": "number",
    "postcode": "postcode",
    "city": "city",
    "country": "country",
}
_REFERENCE = frozenset({"id", "href", "name", "role", "@referredType"})


def place_from_tmf(places: Sequence[Any], path: str) -> check_pb2.PlaceSelector:
    """The installation address among `places` (the array at `path`)."""
    entries = [(n, member(place, f"{path}[{n}]")) for n, place in enumerate(places)]
    chosen = [(n, p) for n, p in entries if p.get("role") == INSTALLATION] or entries
    if len(chosen) != 1:
        raise invalid(path, f"exactly one place with role '{INSTALLATION}' is expected")
    index, place = chosen[0]
    where = f"{path}[{index}]"
    refuse_unknown(place, _REFERENCE | set(POSTAL_FIELDS), where)
    postal = {field: text(place, name, where) for name, field in POSTAL_FIELDS.items()}
    if any(postal.values()):
        return check_pb2.PlaceSelector(address=network_pb2.Address(**postal))
    address_id = text(place, "id", where)
    if not address_id:
        raise invalid(where, "a place needs an 'id' or postal fields (streetName, streetNr...)")
    return check_pb2.PlaceSelector(address_id=address_id)


def place_to_tmf(selector: check_pb2.PlaceSelector, registered_id: str) -> JsonObject:
    """The place as asked, with the register id it resolved to when there is one."""
    if selector.WhichOneof("place") == "address":
        document = address_to_tmf(selector.address, INSTALLATION)
        if registered_id:
            document["id"] = registered_id
        return document
    return {
        "@type": ADDRESS_REF_TYPE,
        "@referredType": ADDRESS_TYPE,
        "id": selector.address_id,
        "role": INSTALLATION,
    }


def address_to_tmf(address: network_pb2.Address, role: str) -> JsonObject:
    document: JsonObject = {"@type": ADDRESS_TYPE, "role": role}
    if address.id:
        document["id"] = address.id
    for name, field in POSTAL_FIELDS.items():
        value = getattr(address, field)
        if value:
            document[name] = value
    return document


def places_to_tmf(
    selector: check_pb2.PlaceSelector,
    registered_id: str,
    suggestions: Sequence[network_pb2.Address],
) -> list[JsonObject]:
    return [
        place_to_tmf(selector, registered_id),
        *(address_to_tmf(address, SUGGESTED) for address in suggestions),
    ]
