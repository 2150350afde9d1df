"""What the checkServiceQualification collection can be queried by: `state` only (the filter
ListFeasibilityChecks can express); always newest first, so `sort` is refused."""

from __future__ import annotations

from collections.abc import Mapping

from ordercapture.feasibility.v1 import check_pb2, feasibility_service_pb2
from rest_facade.feasibility.mapping import check
from rest_facade.feasibility.mapping.vocabulary import STATES
from rest_facade.tmf630 import EnumFilter, FilterAttribute, ListQuery, QuerySpec

ListRequest = feasibility_service_pb2.ListFeasibilityChecksRequest

CHECK_FILTERS: Mapping[str, FilterAttribute[ListRequest]] = {
    "state": EnumFilter[ListRequest, check_pb2.CheckState.ValueType](STATES, lambda r: r.states),
}
CHECK_QUERY: QuerySpec[ListRequest, int] = QuerySpec(
    attributes=check.ATTRIBUTES, new_filter=ListRequest, filters=CHECK_FILTERS
)


def list_request(query: ListQuery[ListRequest, int]) -> ListRequest:
    request = ListRequest()
    request.CopyFrom(query.filter)
    request.page_size = query.limit
    request.skip = query.offset
    return request
