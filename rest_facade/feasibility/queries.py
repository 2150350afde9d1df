"""What the checkServiceQualification and queryServiceQualification collections can be queried
by, pushed down to ListFeasibilityChecks and ListAvailabilityQueries; always newest first, so
`sort` is refused.

Any attribute of the representation that comes from the tier is a condition (every operator,
evaluated in the tier's database, typed by the proto field it maps to): the tables below map
each TMF attribute path to its proto field path, the way mapping/check.py,
mapping/check_item.py and mapping/query.py render them. Attributes the facade makes up
(`href`, `@type`, `@referredType`, the constant roles, the numbering of proposals and query
items, the network characteristics written from a technology) or keeps uninterpreted
(extension attributes) have no entry, so filtering on them is a 400 naming the parameter;
neither have a characteristic's `value` (text, a number or a flag in one TMF attribute) and
the availability dates kept as calendar days (`alternateServiceAvailabilityDate`,
`expectedServiceAvailabilityDate`). A `place.id` is the register id the caller named.

The typed `state` filter remains; an attribute in both tables is filtered as a condition."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeAlias

from ordercapture.feasibility.v1 import check_pb2, feasibility_service_pb2
from rest_facade.feasibility.mapping import check, query
from rest_facade.feasibility.mapping.places import POSTAL_FIELDS
from rest_facade.feasibility.mapping.vocabulary import RESULT_NAMES, STATES
from rest_facade.tmf630 import (
    ConditionPath,
    EnumFilter,
    FilterAttribute,
    QuerySpec,
    polymorphic,
)

ListRequest = feasibility_service_pb2.ListFeasibilityChecksRequest
QueryListRequest = feasibility_service_pb2.ListAvailabilityQueriesRequest
State: TypeAlias = check_pb2.CheckState.ValueType

STATE_VALUES = {tmf: check_pb2.CheckState.Name(number) for tmf, number in STATES.items()}
RESULT_VALUES = {tmf: check_pb2.Feasibility.Name(number) for number, tmf in RESULT_NAMES.items()}


def _place(proto: str) -> dict[str, ConditionPath]:
    """A service's place (mapping/places.py) as asked: a register id or postal fields."""
    return {
        "id": ConditionPath(f"{proto}.address_id"),
        **{tmf: ConditionPath(f"{proto}.address.{field}") for tmf, field in POSTAL_FIELDS.items()},
    }


def _under(tmf: str, table: Mapping[str, ConditionPath]) -> dict[str, ConditionPath]:
    return {f"{tmf}.{name}": target for name, target in table.items()}


_TASK: Mapping[str, ConditionPath] = {
    "id": ConditionPath("id"),
    "description": ConditionPath("description"),
    "externalId": ConditionPath("external_id"),
    "state": ConditionPath("state", STATE_VALUES),
    "effectiveQualificationDate": ConditionPath("judge_time"),
    "expirationDate": ConditionPath("expire_time"),
    "relatedParty.id": ConditionPath("party_id"),
}

# An item asks (items[]) and is answered (results[], matched by item id): check_item.py.
_CHECK_ITEM: Mapping[str, ConditionPath] = {
    "id": ConditionPath("items.id"),
    "expirationDate": ConditionPath("expire_time"),
    "terminationError.value": ConditionPath("error"),
    "qualificationResult": ConditionPath("results.outcome", RESULT_VALUES),
    "eligibilityUnavailabilityReason.code": ConditionPath("results.reasons.code"),
    "eligibilityUnavailabilityReason.label": ConditionPath("results.reasons.label"),
    "service.serviceSpecification.id": ConditionPath("items.product_specification_id"),
    "service.serviceCharacteristic.name": ConditionPath("items.characteristics.name"),
    **_under("service.place", _place("items.place")),
}

CHECK_CONDITIONS: Mapping[str, ConditionPath] = {
    **polymorphic("CheckServiceQualification"),
    **_TASK,
    "qualificationResult": ConditionPath("outcome", RESULT_VALUES),
    "checkServiceQualificationDate": ConditionPath("create_time"),
    "provideAlternative": ConditionPath("options.provide_alternatives"),
    "provideUnavailabilityReason": ConditionPath("options.provide_reasons"),
    **_under("serviceQualificationItem", _CHECK_ITEM),
}

QUERY_CONDITIONS: Mapping[str, ConditionPath] = {
    **polymorphic("QueryServiceQualification"),
    **_TASK,
    "queryServiceQualificationDate": ConditionPath("create_time"),
    **_under("searchCriteria.service.place", _place("place")),
    # The query's results (query.py): one item per available service and specification.
    "serviceQualificationItem.service.serviceSpecification.id": ConditionPath(
        "services.product_specification_ids"
    ),
    **_under("serviceQualificationItem.service.place", _place("place")),
}

CHECK_FILTERS: Mapping[str, FilterAttribute[ListRequest]] = {
    "state": EnumFilter[ListRequest, State](STATES, lambda r: r.states),
}
CHECK_QUERY: QuerySpec[ListRequest, int] = QuerySpec(
    attributes=check.ATTRIBUTES,
    new_filter=ListRequest,
    filters=CHECK_FILTERS,
    conditions=CHECK_CONDITIONS,
)
QUERY_FILTERS: Mapping[str, FilterAttribute[QueryListRequest]] = {
    "state": EnumFilter[QueryListRequest, State](STATES, lambda r: r.states),
}
QUERY_QUERY: QuerySpec[QueryListRequest, int] = QuerySpec(
    attributes=query.ATTRIBUTES,
    new_filter=QueryListRequest,
    filters=QUERY_FILTERS,
    conditions=QUERY_CONDITIONS,
)
