"""AdvanceOrderRequest -> the domain's Advance: an unspecified order state asks no order
move; each item change names an item and its new state."""

from __future__ import annotations

from domain.ordering.model import ItemState
from domain.ordering.progress import Advance
from ordercapture.ordering.v1 import handoff_service_pb2 as pb
from servers.catalog.mapping.values import time_from
from servers.ordering.mapping.enums import item_state_from, order_state_from


def advance_from(request: pb.AdvanceOrderRequest) -> Advance:
    items: dict[str, ItemState] = {}
    for change in request.items:
        state = item_state_from(change.state)
        if state is not None:
            items[change.item_id] = state
    return Advance(
        state=order_state_from(request.state),
        items=items or None,
        expected_completion_time=time_from(
            request.expected_completion_time, request.HasField("expected_completion_time")
        ),
    )
