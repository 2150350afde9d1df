"""What the productOrder and cancelProductOrder collections can be queried by, pushed down to
ListOrders / ListCancellations as typed filters (the tier filters and sorts in SQL)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TypeAlias

from google.protobuf.timestamp_pb2 import Timestamp

from ordercapture.ordering.v1 import cancellation_pb2, order_pb2, ordering_service_pb2
from rest_facade.ordering.conditions import CANCELLATION_CONDITIONS, ORDER_CONDITIONS
from rest_facade.ordering.mapping import cancellation, order
from rest_facade.ordering.mapping.vocabulary import CANCELLATION_STATES, ORDER_STATES
from rest_facade.tmf630 import (
    EnumFilter,
    FilterAttribute,
    ListQuery,
    QuerySpec,
    TextFilter,
    TimeRangeFilter,
)

Filter = ordering_service_pb2.OrderFilter
ListOrders = ordering_service_pb2.ListOrdersRequest
ListCancellations = ordering_service_pb2.ListCancellationsRequest
SortField: TypeAlias = ordering_service_pb2.OrderSortField.ValueType
OrderState: TypeAlias = order_pb2.OrderState.ValueType
CancellationState: TypeAlias = cancellation_pb2.CancellationState.ValueType
SF = ordering_service_pb2.OrderSortField


def _stamp(instant: datetime) -> Timestamp:
    stamp = Timestamp()
    stamp.FromDatetime(instant)
    return stamp


def _created_after(target: Filter, instant: datetime) -> None:
    target.created_after.CopyFrom(_stamp(instant))


def _created_before(target: Filter, instant: datetime) -> None:
    target.created_before.CopyFrom(_stamp(instant))


_parties = TextFilter[Filter](lambda f: f.party_ids)
_external_ids = TextFilter[Filter](lambda f: f.external_ids)
_channels = TextFilter[Filter](lambda f: f.channels)

ORDER_FILTERS: Mapping[str, FilterAttribute[Filter]] = {
    "state": EnumFilter[Filter, OrderState](ORDER_STATES, lambda f: f.states),
    "relatedParty.id": _parties,
    "relatedParty.partyOrPartyRole.id": _parties,
    "externalId": _external_ids,
    "externalId.id": _external_ids,
    "channel.id": _channels,
    "channel.channel.id": _channels,
    "creationDate": TimeRangeFilter[Filter](_created_after, _created_before),
}
ORDER_SORT: Mapping[str, SortField] = {
    "creationDate": SF.ORDER_SORT_FIELD_CREATE_TIME,
    "state": SF.ORDER_SORT_FIELD_STATE,
    "id": SF.ORDER_SORT_FIELD_ID,
}
ORDER_QUERY: QuerySpec[Filter, SortField] = QuerySpec(
    attributes=order.ATTRIBUTES,
    new_filter=Filter,
    filters=ORDER_FILTERS,
    conditions=ORDER_CONDITIONS,
    sort_keys=ORDER_SORT,
    tiebreak=SF.ORDER_SORT_FIELD_ID,
)


def list_orders_request(parsed: ListQuery[Filter, SortField]) -> ListOrders:
    request = ListOrders(
        filter=parsed.filter,
        page_size=parsed.limit,
        skip=parsed.offset,
        conditions=parsed.conditions,
    )
    # Without a sort the tier lists newest first (the id always ends its order: stable pages).
    for field, descending in parsed.sort:
        request.order_by.append(
            ordering_service_pb2.OrderSortKey(field=field, descending=descending)
        )
    return request


@dataclass(frozen=True)
class OrderIdFilter:
    """Equality on the order's id; the tier filters by one order at a time."""

    def apply(self, target: ListCancellations, operator: str, values: Sequence[str]) -> None:
        if operator != "eq":
            raise ValueError(f"operator '{operator}' is not supported; only equality is")
        if len(values) != 1:
            raise ValueError("exactly one order id is expected")
        target.order_id = values[0]


CANCELLATION_FILTERS: Mapping[str, FilterAttribute[ListCancellations]] = {
    "state": EnumFilter[ListCancellations, CancellationState](
        CANCELLATION_STATES, lambda r: r.states
    ),
    "productOrder.id": OrderIdFilter(),
}
CANCELLATION_QUERY: QuerySpec[ListCancellations, int] = QuerySpec(
    attributes=cancellation.ATTRIBUTES,
    new_filter=ListCancellations,
    filters=CANCELLATION_FILTERS,
    conditions=CANCELLATION_CONDITIONS,
)
