"""The OrderHandoffService gRPC servicer, for order management (internal callers only):
advance an order, decide a cancellation, and watch the outbox. The watch replays the events
after the caller's cursor, then polls for new ones until the caller goes away; it is
at-least-once and in sequence order (a watcher keeps the last sequence it handled)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

from domain.ordering.services import OrderHandoff
from ordercapture.ordering.v1 import handoff_service_pb2 as pb
from ordercapture.ordering.v1 import handoff_service_pb2_grpc
from servers.ordering.mapping.cancellations import cancellation_to
from servers.ordering.mapping.enums import event_type_from, known_values
from servers.ordering.mapping.events import event_to
from servers.ordering.mapping.orders import order_to
from servers.ordering.mapping.progress import advance_from
from servers.ordering.metadata import Context, request_context
from servers.persistence.ordering_queries import OrderingQueries

POLL_INTERVAL = 0.2  # seconds between two looks at the outbox once the backlog is sent
BATCH = 100


class OrderHandoffServicer(handoff_service_pb2_grpc.OrderHandoffServiceServicer):
    def __init__(
        self, handoff: OrderHandoff, queries: OrderingQueries, poll: float = POLL_INTERVAL
    ) -> None:
        self._handoff = handoff
        self._queries = queries
        self._poll = poll

    async def AdvanceOrder(
        self, request: pb.AdvanceOrderRequest, context: Context
    ) -> pb.AdvanceOrderResponse:
        asking = await request_context(context)
        order = await self._handoff.advance(
            request.order_id, advance_from(request), request.reason, asking
        )
        return pb.AdvanceOrderResponse(order=order_to(order))

    async def DecideCancellation(
        self, request: pb.DecideCancellationRequest, context: Context
    ) -> pb.DecideCancellationResponse:
        asking = await request_context(context)
        task = await self._handoff.decide_cancellation(
            request.cancellation_id, accept=request.accept, reason=request.reason, context=asking
        )
        return pb.DecideCancellationResponse(cancellation=cancellation_to(task))

    async def WatchOrderEvents(
        self, request: pb.WatchOrderEventsRequest, context: Context
    ) -> AsyncIterator[pb.WatchOrderEventsResponse]:
        await request_context(context)
        types = frozenset(known_values(request.types, event_type_from, "types"))
        cursor = max(request.after_sequence, 0)
        while True:
            found = await self._queries.events_after(cursor, types, BATCH)
            for item in found:
                yield pb.WatchOrderEventsResponse(event=event_to(item.sequence, item.event))
                cursor = item.sequence
            if len(found) < BATCH:
                await asyncio.sleep(self._poll)  # cancelled when the caller goes away
