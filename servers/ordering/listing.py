"""ListOrders requests -> the persistence filter, and paging bounds (a page is never
unbounded: 0 asks the default, more than the maximum gets the maximum)."""

from __future__ import annotations

from domain.ordering.errors import UnknownFilterValue
from ordercapture.ordering.v1 import ordering_service_pb2 as pb
from servers.catalog.mapping.values import time_from
from servers.conditions import conditions_from
from servers.ordering.mapping.enums import known_values, order_state_from
from servers.persistence.ordering_queries import OrderFilter

# As the proto documents them.
DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 1000
NEWEST_FIRST = (("create_time", True),)
SORT_COLUMNS = {
    pb.ORDER_SORT_FIELD_CREATE_TIME: "create_time",
    pb.ORDER_SORT_FIELD_UPDATE_TIME: "update_time",
    pb.ORDER_SORT_FIELD_STATE: "state",
    pb.ORDER_SORT_FIELD_ID: "id",
}


def page_of(page_size: int, skip: int) -> tuple[int, int]:
    size = DEFAULT_PAGE_SIZE if page_size <= 0 else min(page_size, MAX_PAGE_SIZE)
    return size, max(skip, 0)


def order_filter_from(request: pb.ListOrdersRequest) -> OrderFilter:
    given = request.filter
    return OrderFilter(
        states=tuple(
            s.value for s in known_values(given.states, order_state_from, "filter.states")
        ),
        customer_ids=tuple(given.party_ids),
        external_ids=tuple(given.external_ids),
        channels=tuple(given.channels),
        created_after=time_from(given.created_after, given.HasField("created_after")),
        created_before=time_from(given.created_before, given.HasField("created_before")),
        conditions=conditions_from(request.conditions),
        order_by=tuple((_sort_column(k.field), k.descending) for k in request.order_by)
        or NEWEST_FIRST,
    )


def _sort_column(field: pb.OrderSortField.ValueType) -> str:
    if field not in SORT_COLUMNS:
        raise UnknownFilterValue("order_by.field", field)
    return SORT_COLUMNS[field]
