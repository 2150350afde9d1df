"""What the check collection can be queried by: `state` and the customer, pushed down to
ListEligibilityChecks (newest first; it has no other order, so `sort` is refused)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ordercapture.qualification.v1 import check_pb2, eligibility_service_pb2
from rest_facade.qualification.mapping.check import ATTRIBUTES
from rest_facade.qualification.mapping.vocabulary import TASK_STATES
from rest_facade.tmf630 import EnumFilter, FilterAttribute, QuerySpec

CheckQuery = eligibility_service_pb2.ListEligibilityChecksRequest


@dataclass(frozen=True)
class CustomerFilter:
    """Equality on the customer's party id; the tier filters by one customer at a time."""

    def apply(self, target: CheckQuery, operator: str, values: Sequence[str]) -> None:
        if operator != "eq":
            raise ValueError(f"operator '{operator}' is not supported; only equality is")
        if len(values) != 1 or not values[0]:
            raise ValueError("exactly one party id is expected")
        target.party_id = values[0]


_CUSTOMER = CustomerFilter()
CHECK_FILTERS: Mapping[str, FilterAttribute[CheckQuery]] = {
    "state": EnumFilter[CheckQuery, check_pb2.CheckState.ValueType](
        TASK_STATES, lambda q: q.states
    ),
    "relatedParty.id": _CUSTOMER,
    "relatedParty.partyOrPartyRole.id": _CUSTOMER,
}

CHECK_QUERY: QuerySpec[CheckQuery, int] = QuerySpec(
    attributes=ATTRIBUTES, new_filter=CheckQuery, filters=CHECK_FILTERS
)
