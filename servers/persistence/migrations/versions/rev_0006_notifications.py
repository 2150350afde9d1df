"""Notifications: the shared event outbox, listeners' subscriptions and their deliveries.

Frozen in time on purpose: storage types only, no imports from application code.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_SEQUENCE = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _time(name: str, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "outbox_events",
        sa.Column("sequence", _SEQUENCE, primary_key=True, autoincrement=True),
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("source", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        _time("time"),
        sa.Column("correlation_id", sa.String(), nullable=False),
        sa.Column("resource_id", sa.String(), nullable=False),
        sa.Column("payload", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("sequence", name="pk_outbox_events"),
        sa.UniqueConstraint("id", name="uq_outbox_events_id"),
    )
    op.create_index("ix_outbox_events_source", "outbox_events", ["source"])
    op.create_table(
        "notification_subscriptions",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("source", sa.String(), nullable=False),
        sa.Column("audience", sa.String(), nullable=False),
        sa.Column("callback", sa.Text(), nullable=False),
        sa.Column("query", sa.Text(), nullable=False),
        sa.Column("secret", sa.String(), nullable=False),
        sa.Column("state", sa.String(), nullable=False),
        sa.Column("disabled_reason", sa.String(), nullable=False),
        _time("create_time"),
        sa.Column("cursor", _SEQUENCE, nullable=False),
        sa.Column("last_error", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_notification_subscriptions"),
    )
    op.create_index(
        "ix_notification_subscriptions_source", "notification_subscriptions", ["source"]
    )
    op.create_table(
        "notification_deliveries",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("subscription_id", sa.String(), nullable=False),
        sa.Column("event_id", sa.String(), nullable=False),
        sa.Column("event_sequence", _SEQUENCE, nullable=False),
        sa.Column("state", sa.String(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        _time("next_attempt_time"),
        sa.Column("claim_token", sa.String(), nullable=True),
        sa.Column("claimed_by", sa.String(), nullable=True),
        _time("claimed_until", nullable=True),
        sa.Column("last_error", sa.Text(), nullable=False),
        _time("create_time"),
        _time("delivered_time", nullable=True),
        sa.ForeignKeyConstraint(
            ["subscription_id"],
            ["notification_subscriptions.id"],
            name="fk_notification_deliveries_subscription",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_notification_deliveries"),
        sa.UniqueConstraint(
            "subscription_id",
            "event_id",
            name="uq_notification_deliveries_subscription_id_event_id",
        ),
    )
    op.create_index(
        "ix_notification_deliveries_subscription_id",
        "notification_deliveries",
        ["subscription_id"],
    )
    op.create_index(
        "ix_notification_deliveries_next_attempt_time",
        "notification_deliveries",
        ["next_attempt_time"],
    )


def downgrade() -> None:
    op.drop_table("notification_deliveries")
    op.drop_table("notification_subscriptions")
    op.drop_table("outbox_events")
