"""relatedParty <-> the customer's party id. Only the customer is kept: it is whom the check
is about; other roles would be dropped, so they are refused."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rest_facade.errors import bad_request
from rest_facade.tmf_readers import member, reference_id, refuse_unknown, text
from rest_facade.tmf_values import JsonObject, invalid

CUSTOMER_ROLE = "customer"
ACCEPTED = ("role", "partyOrPartyRole")


def customer_from_tmf(related_parties: Sequence[Any]) -> str:
    """The party id of the one relatedParty with role customer (any case); "" when there is
    none (an anonymous prospect)."""
    customer = ""
    for index, entry in enumerate(related_parties):
        where = f"relatedParty[{index}]"
        party = member(entry, where)
        refuse_unknown(party, ACCEPTED, where)
        role = text(party, "role", where)
        if role.casefold() != CUSTOMER_ROLE:
            raise bad_request(
                "ATTRIBUTE_NOT_SUPPORTED",
                f"Attribute '{where}.role': only the party with role 'customer' is kept, "
                f"not '{role}'.",
            )
        if customer:
            raise invalid(where, "only one party may have the role 'customer'")
        customer = reference_id(party, "partyOrPartyRole", where)
        if not customer:
            raise invalid(f"{where}.partyOrPartyRole", "the customer's reference is required")
    return customer


def customer_to_tmf(party_id: str) -> list[JsonObject]:
    if not party_id:
        return []
    return [
        {
            "@type": "RelatedPartyOrPartyRole",
            "role": CUSTOMER_ROLE,
            "partyOrPartyRole": {"@type": "PartyRef", "id": party_id},
        }
    ]
