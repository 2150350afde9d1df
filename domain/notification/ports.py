"""What the notification use cases need from the outside."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from domain.notification.callbacks import Address
from domain.notification.model import (
    Claim,
    Delivery,
    DeliveryState,
    EventSource,
    Report,
    Subscription,
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Settlement:
    """What a report does to its delivery (and, for a listener that is gone, its
    subscription)."""

    state: DeliveryState
    attempts: int
    next_attempt_time: datetime
    last_error: str
    delivered_time: datetime | None = None
    disable_subscription: str | None = None  # the reason, when the subscription must stop


class NotificationStore(Protocol):
    async def add_subscription(self, subscription: Subscription, secret: str) -> None:
        """Stores it; it receives the events recorded after this moment."""

    async def subscription(self, subscription_id: str) -> Subscription | None: ...

    async def subscriptions(
        self, source: EventSource | None, audience: str, size: int, skip: int
    ) -> tuple[list[Subscription], int]: ...

    async def remove_subscription(self, subscription_id: str) -> bool:
        """Removes it with its deliveries, pending ones included."""

    async def deliveries(
        self, subscription_id: str, states: Sequence[DeliveryState], size: int, skip: int
    ) -> tuple[list[Delivery], int]: ...

    async def replay(self, subscription_id: str, delivery_ids: Sequence[str], now: datetime) -> int:
        """Named deliveries in a final state (or, with none named, the failed ones) become
        pending, due now."""


class DeliveryQueue(Protocol):
    async def claim(
        self,
        relay_id: str,
        limit: int,
        now: datetime,
        until: datetime,
        new_token: Callable[[], str],
    ) -> list[Claim]:
        """Turns new events into deliveries, then claims up to `limit` due deliveries that no
        live claim holds, each until `until`; concurrent callers never get the same one."""

    async def settle(
        self,
        report: Report,
        now: datetime,
        decide: Callable[[Delivery], Settlement],
    ) -> Delivery:
        """Applies `decide` to the delivery the report's claim holds, releasing the claim.
        Raises ClaimLost when the claim expired and was taken, SubscriptionNotFound when the
        delivery is gone (its subscription was deleted)."""


class AddressResolver(Protocol):
    async def resolve(self, host: str) -> list[Address]: ...


class Clock(Protocol):
    def now(self) -> datetime: ...


class Ids(Protocol):
    def new_id(self) -> str: ...
