"""What the check and query collections can be queried by: `state` and the customer, pushed
down to ListEligibilityChecks / ListEligibilityQueries (newest first; they have no other order,
so `sort` is refused)."""

from __future__ import annotations

from collections.abc import Mapping, MutableSequence, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeAlias

from ordercapture.qualification.v1 import check_pb2, eligibility_service_pb2
from rest_facade.qualification.mapping import check, query
from rest_facade.qualification.mapping.vocabulary import TASK_STATES
from rest_facade.tmf630 import EnumFilter, FilterAttribute, QuerySpec

CheckQuery = eligibility_service_pb2.ListEligibilityChecksRequest
QueryQuery = eligibility_service_pb2.ListEligibilityQueriesRequest
State: TypeAlias = check_pb2.CheckState.ValueType


class TaskListing(Protocol):
    """Both list requests: a customer and any of several states."""

    party_id: str

    @property
    def states(self) -> MutableSequence[State]: ...


@dataclass(frozen=True)
class CustomerFilter:
    """Equality on the customer's party id; the tier filters by one customer at a time."""

    def apply(self, target: TaskListing, operator: str, values: Sequence[str]) -> None:
        if operator != "eq":
            raise ValueError(f"operator '{operator}' is not supported; only equality is")
        if len(values) != 1 or not values[0]:
            raise ValueError("exactly one party id is expected")
        target.party_id = values[0]


def _states(target: TaskListing) -> MutableSequence[State]:
    return target.states


def task_filters() -> Mapping[str, FilterAttribute[TaskListing]]:
    customer = CustomerFilter()
    return {
        "state": EnumFilter[TaskListing, State](TASK_STATES, _states),
        "relatedParty.id": customer,
        "relatedParty.partyOrPartyRole.id": customer,
    }


CHECK_QUERY: QuerySpec[CheckQuery, int] = QuerySpec(
    attributes=check.ATTRIBUTES, new_filter=CheckQuery, filters=task_filters()
)
QUERY_QUERY: QuerySpec[QueryQuery, int] = QuerySpec(
    attributes=query.ATTRIBUTES, new_filter=QueryQuery, filters=task_filters()
)
