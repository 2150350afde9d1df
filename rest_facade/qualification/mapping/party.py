"""relatedParty <-> the customer's party id, and the other parties kept.

The party with role customer is whom the qualification is about: the tier reads its id. The
parties of any other role (a requester, say) mean nothing to the qualification; they are kept
whole, as extension attributes under `relatedParty` (extension_attributes), and given back after
the customer."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rest_facade.tmf_readers import member, reference_id, refuse_unknown, text
from rest_facade.tmf_values import JsonObject, invalid

CUSTOMER_ROLE = "customer"
ACCEPTED = ("role", "partyOrPartyRole")


def parties_from_tmf(related_parties: Sequence[Any]) -> tuple[str, list[JsonObject]]:
    """(the party id of the one relatedParty with role customer (any case), "" when there is
    none (an anonymous prospect); the parties of other roles, kept as they came)."""
    customer = ""
    others: list[JsonObject] = []
    for index, entry in enumerate(related_parties):
        where = f"relatedParty[{index}]"
        party = member(entry, where)
        role = text(party, "role", where)
        if role.casefold() != CUSTOMER_ROLE:
            others.append(dict(party))
            continue
        refuse_unknown(party, ACCEPTED, where)
        if customer:
            raise invalid(where, "only one party may have the role 'customer'")
        customer = reference_id(party, "partyOrPartyRole", where)
        if not customer:
            raise invalid(f"{where}.partyOrPartyRole", "the customer's reference is required")
    return customer, others


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
