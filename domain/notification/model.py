"""Subscriptions and deliveries."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime


class EventSource(enum.Enum):
    CATALOG = "catalog"
    QUALIFICATION = "qualification"
    FEASIBILITY = "feasibility"
    ORDERING = "ordering"


class SubscriptionState(enum.Enum):
    ACTIVE = "active"
    DISABLED = "disabled"


class DeliveryState(enum.Enum):
    PENDING = "pending"
    DELIVERED = "delivered"
    FAILED = "failed"
    FILTERED = "filtered"


class DeliveryOutcome(enum.Enum):
    DELIVERED = "delivered"
    FAILED = "failed"
    GONE = "gone"
    FILTERED = "filtered"


@dataclass(frozen=True, slots=True, kw_only=True)
class Subscription:
    id: str
    source: EventSource
    audience: str
    callback: str
    query: str
    state: SubscriptionState
    disabled_reason: str
    create_time: datetime
    pending_deliveries: int = 0
    failed_deliveries: int = 0
    last_error: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Delivery:
    id: str
    subscription_id: str
    event_id: str
    event_sequence: int
    state: DeliveryState
    attempts: int
    next_attempt_time: datetime
    last_error: str
    create_time: datetime
    delivered_time: datetime | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Claim:
    """A delivery one relay holds until `until`; `token` proves it when reporting."""

    delivery: Delivery
    token: str
    subscription: Subscription
    secret: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Report:
    delivery_id: str
    token: str
    outcome: DeliveryOutcome
    error: str = ""
    retry_after_seconds: int = 0
