"""What the check and query collections can be queried by, pushed down to
ListEligibilityChecks / ListEligibilityQueries (newest first; they have no other order, so
`sort` is refused).

Any attribute of the representation that comes from the tier is a condition (every operator,
evaluated in the tier's database, typed by the proto field it maps to): the tables below map
each TMF attribute path to its proto field path, the way mapping/check.py and mapping/query.py
render them. Attributes the facade makes up (`href`, `@type`, the customer's constant `role`,
the numbering of nested answer items) or keeps uninterpreted (extension attributes, a
channel's notes) have no entry, so filtering on them is a 400 naming the parameter. A
characteristic's `value` has none either: one TMF value may be text, a number or a flag.

The typed `state` and customer filters remain; an attribute in both tables is filtered as a
condition."""

from __future__ import annotations

from collections.abc import Callable, Mapping, MutableSequence, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeAlias, TypeVar

from ordercapture.qualification.v1 import check_pb2, eligibility_service_pb2
from rest_facade.qualification.mapping import check, items, query
from rest_facade.qualification.mapping.vocabulary import ACTIONS, OUTCOMES, TASK_STATES
from rest_facade.tmf630 import (
    ConditionPath,
    EnumFilter,
    FilterAttribute,
    QuerySpec,
    polymorphic,
    prefixed,
)

CheckQuery = eligibility_service_pb2.ListEligibilityChecksRequest
QueryQuery = eligibility_service_pb2.ListEligibilityQueriesRequest
State: TypeAlias = check_pb2.CheckState.ValueType
V = TypeVar("V")


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


def value_names(vocabulary: Mapping[str, V], name: Callable[[V], str]) -> dict[str, str]:
    """A TMF vocabulary -> the proto enum's value names, as conditions carry them."""
    return {tmf: name(number) for tmf, number in vocabulary.items()}


STATE_VALUES = value_names(TASK_STATES, check_pb2.CheckState.Name)
OUTCOME_VALUES = value_names(OUTCOMES, check_pb2.Outcome.Name)
ACTION_VALUES = value_names(ACTIONS, check_pb2.ItemAction.Name)

# relatedParty: the customer only (mapping/party.py); `relatedParty.id` is the filter's older
# spelling, kept.
_TASK: Mapping[str, ConditionPath] = {
    "id": ConditionPath("id"),
    "description": ConditionPath("description"),
    "state": ConditionPath("state", STATE_VALUES),
    "creationDate": ConditionPath("create_time"),
    "effectiveQualificationDate": ConditionPath("judge_time"),
    "expirationDate": ConditionPath("expire_time"),
    "channel.id": ConditionPath("channel"),
    "relatedParty.id": ConditionPath("party_id"),
    "relatedParty.partyOrPartyRole.id": ConditionPath("party_id"),
}
# A product's place (mapping/place.py): the check's or query's one place.
_PLACE: Mapping[str, ConditionPath] = {
    "place.place.id": ConditionPath("place.id"),
    "place.place.stateOrProvince": ConditionPath("place.region"),
    "place.place.postcode": ConditionPath("place.postcode"),
}
# A requested configuration (mapping/configuration.py), under an item's product.
_CONFIGURATION: Mapping[str, ConditionPath] = {
    "productCharacteristic.name": ConditionPath("characteristics.name"),
    "product.productOffering.id": ConditionPath("components.offering_id"),
    "product.productCharacteristic.name": ConditionPath(
        "components.configuration.characteristics.name"
    ),
}

# An item asks (items[]) and is answered (results[], matched by item id): mapping/items.py.
_CHECK_ITEM: Mapping[str, ConditionPath] = {
    "id": ConditionPath("items.id"),
    "action": ConditionPath("items.action", ACTION_VALUES),
    "productOffering.id": ConditionPath("items.offering_id"),
    "category.id": ConditionPath("items.category_id"),
    **prefixed("product", "items.configuration", _CONFIGURATION),
    **{f"product.{path}": target for path, target in _PLACE.items()},
    "qualificationItemResult": ConditionPath("results.outcome", OUTCOME_VALUES),
    "eligibilityResultReason.code": ConditionPath("results.reasons.code"),
    "eligibilityResultReason.label": ConditionPath("results.reasons.label"),
    "alternateProductOfferingProposal.alternateProductOffering.id": ConditionPath(
        "results.alternative_offering_ids"
    ),
    # A category item's eligible offerings, as nested items.
    f"{items.ITEM_TYPE}.productOffering.id": ConditionPath("results.eligible_offering_ids"),
}

CHECK_CONDITIONS: Mapping[str, ConditionPath] = {
    **polymorphic("CheckProductOfferingQualification"),
    **_TASK,
    "qualificationResult": ConditionPath("outcome", OUTCOME_VALUES),
    "provideAlternative": ConditionPath("options.provide_alternatives"),
    "provideResultReason": ConditionPath("options.provide_reasons"),
    "provideOnlyAvailable": ConditionPath("options.only_available"),
    **{f"{check.ITEMS}.{path}": target for path, target in _CHECK_ITEM.items()},
}

QUERY_CONDITIONS: Mapping[str, ConditionPath] = {
    **polymorphic("QueryProductOfferingQualification"),
    **_TASK,
    "searchCriteria.category.id": ConditionPath("category_id"),
    "searchCriteria.productOffering.id": ConditionPath("offering_ids"),
    **{f"searchCriteria.product.{path}": target for path, target in _PLACE.items()},
    f"{query.ANSWER}.productOffering.id": ConditionPath("offerings.offering_id"),
    f"{query.ANSWER}.productOffering.name": ConditionPath("offerings.name"),
    f"{query.ANSWER}.category.id": ConditionPath("offerings.category_ids"),
}

CHECK_QUERY: QuerySpec[CheckQuery, int] = QuerySpec(
    attributes=check.ATTRIBUTES,
    new_filter=CheckQuery,
    filters=task_filters(),
    conditions=CHECK_CONDITIONS,
)
QUERY_QUERY: QuerySpec[QueryQuery, int] = QuerySpec(
    attributes=query.ATTRIBUTES,
    new_filter=QueryQuery,
    filters=task_filters(),
    conditions=QUERY_CONDITIONS,
)
