"""The notification servicers: subscriptions for hubs and operators, the relays' work queue,
and the internal event stream. Thin: messages in, use cases, messages out."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.notification.model import EventSource, Report
from domain.notification.services import Notifications, Relaying
from ordercapture.notification.v1 import (
    event_stream_service_pb2,
    event_stream_service_pb2_grpc,
    notification_service_pb2,
    notification_service_pb2_grpc,
    relay_service_pb2,
    relay_service_pb2_grpc,
)
from servers.notification.event_logs import events_after, events_at
from servers.notification.mapping import (
    delivery_states_from,
    delivery_to,
    outcome_from,
    required_source,
    source_from,
    subscription_to,
)

POLL_INTERVAL = 0.2  # seconds between two looks at the log once the backlog is sent
BATCH = 100
ns = notification_service_pb2
rs = relay_service_pb2


class NotificationServicer(notification_service_pb2_grpc.NotificationServiceServicer):
    def __init__(self, notifications: Notifications) -> None:
        self._notifications = notifications

    async def CreateSubscription(
        self, request: ns.CreateSubscriptionRequest, context: object
    ) -> ns.CreateSubscriptionResponse:
        subscription, secret = await self._notifications.subscribe(
            required_source(request.source), request.audience, request.callback, request.query
        )
        return ns.CreateSubscriptionResponse(
            subscription=subscription_to(subscription), secret=secret
        )

    async def GetSubscription(
        self, request: ns.GetSubscriptionRequest, context: object
    ) -> ns.GetSubscriptionResponse:
        found = await self._notifications.subscription(request.id)
        return ns.GetSubscriptionResponse(subscription=subscription_to(found))

    async def ListSubscriptions(
        self, request: ns.ListSubscriptionsRequest, context: object
    ) -> ns.ListSubscriptionsResponse:
        page, total = await self._notifications.subscriptions(
            source_from(request.source, optional=True),
            request.audience,
            request.page_size,
            request.offset,
        )
        return ns.ListSubscriptionsResponse(
            subscriptions=[subscription_to(s) for s in page], total_size=total
        )

    async def DeleteSubscription(
        self, request: ns.DeleteSubscriptionRequest, context: object
    ) -> ns.DeleteSubscriptionResponse:
        await self._notifications.unsubscribe(request.id)
        return ns.DeleteSubscriptionResponse()

    async def ListDeliveries(
        self, request: ns.ListDeliveriesRequest, context: object
    ) -> ns.ListDeliveriesResponse:
        page, total = await self._notifications.deliveries(
            request.subscription_id,
            delivery_states_from(request.states),
            request.page_size,
            request.offset,
        )
        return ns.ListDeliveriesResponse(
            deliveries=[delivery_to(d) for d in page], total_size=total
        )

    async def ReplayDeliveries(
        self, request: ns.ReplayDeliveriesRequest, context: object
    ) -> ns.ReplayDeliveriesResponse:
        replayed = await self._notifications.replay(
            request.subscription_id, list(request.delivery_ids)
        )
        return ns.ReplayDeliveriesResponse(replayed=replayed)


class RelayServicer(relay_service_pb2_grpc.RelayServiceServicer):
    def __init__(self, relaying: Relaying, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._relaying = relaying
        self._sessions = sessions

    async def ClaimDeliveries(
        self, request: rs.ClaimDeliveriesRequest, context: object
    ) -> rs.ClaimDeliveriesResponse:
        claims = await self._relaying.claim(
            request.relay_id, request.max_deliveries, request.lease_seconds
        )
        response = rs.ClaimDeliveriesResponse()
        by_source: dict[EventSource, list[int]] = {}
        for claim in claims:
            by_source.setdefault(claim.subscription.source, []).append(
                claim.delivery.event_sequence
            )
        async with self._sessions() as session:
            events = {
                (source, sequence): event
                for source, sequences in by_source.items()
                for sequence, event in (await events_at(session, source, sequences)).items()
            }
        for claim in claims:
            event = events.get((claim.subscription.source, claim.delivery.event_sequence))
            if event is None:
                continue  # pruned from the log: nothing left to send
            response.deliveries.add(
                delivery=delivery_to(claim.delivery),
                claim_token=claim.token,
                subscription=subscription_to(claim.subscription),
                secret=claim.secret,
                event=event,
            )
        return response

    async def ReportDelivery(
        self, request: rs.ReportDeliveryRequest, context: object
    ) -> rs.ReportDeliveryResponse:
        delivery = await self._relaying.report(
            Report(
                delivery_id=request.delivery_id,
                token=request.claim_token,
                outcome=outcome_from(request.outcome),
                error=request.error,
                retry_after_seconds=request.retry_after_seconds,
            )
        )
        return rs.ReportDeliveryResponse(delivery=delivery_to(delivery))


class EventStreamServicer(event_stream_service_pb2_grpc.EventStreamServiceServicer):
    """Replays the events after the caller's cursor, then polls for new ones until the caller
    goes away; at least once and in sequence order."""

    def __init__(
        self, sessions: async_sessionmaker[AsyncSession], poll: float = POLL_INTERVAL
    ) -> None:
        self._sessions = sessions
        self._poll = poll

    async def WatchEvents(
        self, request: event_stream_service_pb2.WatchEventsRequest, context: object
    ) -> AsyncIterator[event_stream_service_pb2.WatchEventsResponse]:
        source = required_source(request.source)
        cursor = max(request.after_sequence, 0)
        while True:
            async with self._sessions() as session:
                found = await events_after(session, source, cursor, BATCH)
            for event in found:
                yield event_stream_service_pb2.WatchEventsResponse(event=event)
                cursor = event.sequence
            if len(found) < BATCH:
                await asyncio.sleep(self._poll)  # cancelled when the caller goes away
