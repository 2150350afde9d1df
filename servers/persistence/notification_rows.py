"""Row classes of notifications: the shared event outbox of the catalog, qualification and
feasibility contexts (ordering keeps its own, ordering_events), listeners' subscriptions and
one delivery row per (subscription, event)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, LargeBinary, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from servers.persistence.base import Base, IdentifiedRow
from servers.persistence.ordering_rows import SEQUENCE_TYPE


class OutboxEventRow(Base):
    __tablename__ = "outbox_events"

    sequence: Mapped[int] = mapped_column(SEQUENCE_TYPE, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(unique=True)
    source: Mapped[str] = mapped_column(index=True)
    kind: Mapped[str]
    time: Mapped[datetime]
    correlation_id: Mapped[str]
    resource_id: Mapped[str]
    # A serialized google.protobuf.Any holding the resource's message.
    payload: Mapped[bytes] = mapped_column(LargeBinary)


class SubscriptionRow(IdentifiedRow):
    __tablename__ = "notification_subscriptions"

    source: Mapped[str] = mapped_column(index=True)
    audience: Mapped[str]
    callback: Mapped[str] = mapped_column(Text)
    query: Mapped[str] = mapped_column(Text)
    secret: Mapped[str]
    state: Mapped[str]
    disabled_reason: Mapped[str]
    create_time: Mapped[datetime]
    # The last event of the source that has been fanned out into deliveries.
    cursor: Mapped[int] = mapped_column(SEQUENCE_TYPE)
    last_error: Mapped[str] = mapped_column(Text)


class DeliveryRow(IdentifiedRow):
    __tablename__ = "notification_deliveries"
    __table_args__ = (UniqueConstraint("subscription_id", "event_id"),)

    subscription_id: Mapped[str] = mapped_column(
        # Named by hand: the conventional name exceeds PostgreSQL's 63 characters.
        ForeignKey(
            "notification_subscriptions.id",
            ondelete="CASCADE",
            name="fk_notification_deliveries_subscription",
        ),
        index=True,
    )
    event_id: Mapped[str]
    event_sequence: Mapped[int] = mapped_column(SEQUENCE_TYPE)
    state: Mapped[str]
    attempts: Mapped[int] = mapped_column(Integer)
    # Due deliveries are found by state and this time (the relays' work queue).
    next_attempt_time: Mapped[datetime] = mapped_column(index=True)
    claim_token: Mapped[str | None]
    claimed_by: Mapped[str | None]
    claimed_until: Mapped[datetime | None]
    last_error: Mapped[str] = mapped_column(Text)
    create_time: Mapped[datetime]
    delivered_time: Mapped[datetime | None]
