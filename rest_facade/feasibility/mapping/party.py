"""relatedParty <-> the check's party id.

Only the customer is kept, and only informationally (feasibility never depends on who asks):
at most one party, with role `customer` or no role. Its `@referredType` is not stored; it is
rendered as `Party`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rest_facade.tmf_readers import member, refuse_unknown, text
from rest_facade.tmf_values import JsonObject, invalid

CUSTOMER = "customer"


def party_id_from_tmf(parties: Sequence[Any], path: str) -> str:
    if not parties:
        return ""
    if len(parties) > 1:
        raise invalid(path, "only the customer is kept: give at most one related party")
    where = f"{path}[0]"
    party = member(parties[0], where)
    refuse_unknown(party, {"id", "href", "name", "role", "@referredType"}, where)
    role = text(party, "role", where)
    if role and role.lower() != CUSTOMER:
        raise invalid(f"{where}.role", f"only the '{CUSTOMER}' role is kept")
    party_id = text(party, "id", where)
    if not party_id:
        raise invalid(f"{where}.id", "the customer's id is required")
    return party_id


def parties_to_tmf(party_id: str) -> list[JsonObject]:
    if not party_id:
        return []
    return [{"@type": "RelatedParty", "id": party_id, "role": CUSTOMER, "@referredType": "Party"}]
