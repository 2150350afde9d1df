"""What the checkServiceQualification and queryServiceQualification collections can be queried
by: `state` only (the filter ListFeasibilityChecks and ListAvailabilityQueries can express);
always newest first, so `sort` is refused."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeAlias, TypeVar

from ordercapture.feasibility.v1 import check_pb2, feasibility_service_pb2
from rest_facade.feasibility.mapping import check, query
from rest_facade.feasibility.mapping.vocabulary import STATES
from rest_facade.tmf630 import EnumFilter, FilterAttribute, ListQuery, QuerySpec

ListRequest = feasibility_service_pb2.ListFeasibilityChecksRequest
QueryListRequest = feasibility_service_pb2.ListAvailabilityQueriesRequest
State: TypeAlias = check_pb2.CheckState.ValueType

CHECK_FILTERS: Mapping[str, FilterAttribute[ListRequest]] = {
    "state": EnumFilter[ListRequest, State](STATES, lambda r: r.states),
}
CHECK_QUERY: QuerySpec[ListRequest, int] = QuerySpec(
    attributes=check.ATTRIBUTES, new_filter=ListRequest, filters=CHECK_FILTERS
)
QUERY_FILTERS: Mapping[str, FilterAttribute[QueryListRequest]] = {
    "state": EnumFilter[QueryListRequest, State](STATES, lambda r: r.states),
}
QUERY_QUERY: QuerySpec[QueryListRequest, int] = QuerySpec(
    attributes=query.ATTRIBUTES, new_filter=QueryListRequest, filters=QUERY_FILTERS
)


Paged = TypeVar("Paged", ListRequest, QueryListRequest)


def list_request(parsed: ListQuery[Paged, int], new: type[Paged]) -> Paged:
    request = new()
    request.CopyFrom(parsed.filter)
    request.page_size = parsed.limit
    request.skip = parsed.offset
    return request
