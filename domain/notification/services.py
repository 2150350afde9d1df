"""Use cases of notifications: manage subscriptions (the facade's hubs, operators) and run
the relays' work queue (claim, report)."""

from __future__ import annotations

import base64
import secrets
from collections.abc import Sequence
from datetime import timedelta

from domain.notification.callbacks import CallbackPolicy, literal_address
from domain.notification.errors import InvalidNotificationRequest, SubscriptionNotFound
from domain.notification.model import (
    Claim,
    Delivery,
    DeliveryOutcome,
    DeliveryState,
    EventSource,
    Report,
    Subscription,
    SubscriptionState,
)
from domain.notification.ports import (
    AddressResolver,
    Clock,
    DeliveryQueue,
    Ids,
    NotificationStore,
    Settlement,
)
from domain.notification.retries import RetrySchedule

MAXIMUM_AUDIENCE = 100
MAXIMUM_QUERY = 2000
MAXIMUM_PAGE = 1000
DEFAULT_PAGE = 100
MAXIMUM_CLAIMS = 500
MAXIMUM_LEASE = 3600
MAXIMUM_ERROR = 500


def new_secret() -> str:
    """A Standard Webhooks secret: whsec_ and 32 random bytes in base64."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode("ascii")


class Notifications:
    def __init__(
        self,
        store: NotificationStore,
        resolver: AddressResolver,
        policy: CallbackPolicy,
        clock: Clock,
        ids: Ids,
    ) -> None:
        self._store = store
        self._resolver = resolver
        self._policy = policy
        self._clock = clock
        self._ids = ids

    async def subscribe(
        self, source: EventSource, audience: str, callback: str, query: str
    ) -> tuple[Subscription, str]:
        """The new subscription and its signing secret (shown once)."""
        if not audience or len(audience) > MAXIMUM_AUDIENCE:
            raise InvalidNotificationRequest(f"audience must be 1-{MAXIMUM_AUDIENCE} characters")
        if len(query) > MAXIMUM_QUERY:
            raise InvalidNotificationRequest(f"query must be at most {MAXIMUM_QUERY} characters")
        await self.check_callback(callback)
        subscription = Subscription(
            id=self._ids.new_id(),
            source=source,
            audience=audience,
            callback=callback,
            query=query,
            state=SubscriptionState.ACTIVE,
            disabled_reason="",
            create_time=self._clock.now(),
        )
        secret = new_secret()
        await self._store.add_subscription(subscription, secret)
        return subscription, secret

    async def check_callback(self, callback: str) -> None:
        host = self._policy.host_of(callback)
        literal = literal_address(host)
        found = [literal] if literal is not None else await self._resolver.resolve(host)
        self._policy.check_addresses(host, found)

    async def subscription(self, subscription_id: str) -> Subscription:
        found = await self._store.subscription(subscription_id)
        if found is None:
            raise _not_found(subscription_id)
        return found

    async def subscriptions(
        self, source: EventSource | None, audience: str, size: int, skip: int
    ) -> tuple[list[Subscription], int]:
        return await self._store.subscriptions(source, audience, *_page(size, skip))

    async def unsubscribe(self, subscription_id: str) -> None:
        if not await self._store.remove_subscription(subscription_id):
            raise _not_found(subscription_id)

    async def deliveries(
        self, subscription_id: str, states: Sequence[DeliveryState], size: int, skip: int
    ) -> tuple[list[Delivery], int]:
        await self.subscription(subscription_id)
        return await self._store.deliveries(subscription_id, states, *_page(size, skip))

    async def replay(self, subscription_id: str, delivery_ids: Sequence[str]) -> int:
        await self.subscription(subscription_id)
        return await self._store.replay(subscription_id, delivery_ids, self._clock.now())


class Relaying:
    """The relays' side: claim due deliveries for a lease, report each attempt's outcome."""

    def __init__(
        self, queue: DeliveryQueue, schedule: RetrySchedule, clock: Clock, ids: Ids
    ) -> None:
        self._queue = queue
        self._schedule = schedule
        self._clock = clock
        self._ids = ids

    async def claim(self, relay_id: str, limit: int, lease_seconds: int) -> list[Claim]:
        if not 1 <= limit <= MAXIMUM_CLAIMS:
            raise InvalidNotificationRequest(f"max_deliveries must be 1-{MAXIMUM_CLAIMS}")
        if not 1 <= lease_seconds <= MAXIMUM_LEASE:
            raise InvalidNotificationRequest(f"lease_seconds must be 1-{MAXIMUM_LEASE}")
        now = self._clock.now()
        until = now + timedelta(seconds=lease_seconds)
        return await self._queue.claim(relay_id or "relay", limit, now, until, self._ids.new_id)

    async def report(self, report: Report) -> Delivery:
        now = self._clock.now()
        error = report.error[:MAXIMUM_ERROR]
        retry_after = timedelta(seconds=max(report.retry_after_seconds, 0))

        def decide(delivery: Delivery) -> Settlement:
            attempts = delivery.attempts + 1
            if report.outcome is DeliveryOutcome.DELIVERED:
                return Settlement(
                    state=DeliveryState.DELIVERED,
                    attempts=attempts,
                    next_attempt_time=delivery.next_attempt_time,
                    last_error="",
                    delivered_time=now,
                )
            if report.outcome is DeliveryOutcome.FILTERED:
                return Settlement(
                    state=DeliveryState.FILTERED,
                    attempts=delivery.attempts,
                    next_attempt_time=delivery.next_attempt_time,
                    last_error="",
                )
            if report.outcome is DeliveryOutcome.GONE:
                return Settlement(
                    state=DeliveryState.FAILED,
                    attempts=attempts,
                    next_attempt_time=delivery.next_attempt_time,
                    last_error=error or "410 Gone",
                    disable_subscription="the listener answered 410 Gone",
                )
            due = self._schedule.next_attempt(attempts, delivery.create_time, now, retry_after)
            return Settlement(
                state=DeliveryState.PENDING if due is not None else DeliveryState.FAILED,
                attempts=attempts,
                next_attempt_time=due or delivery.next_attempt_time,
                last_error=error or "failed",
            )

        return await self._queue.settle(report, now, decide)


def _page(size: int, skip: int) -> tuple[int, int]:
    if size < 0 or size > MAXIMUM_PAGE or skip < 0:
        raise InvalidNotificationRequest(f"page_size must be 0-{MAXIMUM_PAGE}, offset >= 0")
    return size or DEFAULT_PAGE, skip


def _not_found(subscription_id: str) -> SubscriptionNotFound:
    return SubscriptionNotFound(
        f"no subscription {subscription_id!r}", metadata={"id": subscription_id}
    )
