"""Ordering tables.

Orders and cancellation requests (JSON documents with filter columns), external ids of
orders, idempotency records and the event outbox.
Frozen in time on purpose: storage types only, no imports from application code.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# (table, column) pairs with a plain index, named as the row classes' metadata names them.
INDEXED = (
    ("ordering_orders", "state"),
    ("ordering_orders", "customer_id"),
    ("ordering_orders", "channel"),
    ("ordering_orders", "create_time"),
    ("ordering_orders", "update_time"),
    ("ordering_order_external_ids", "external_id"),
    ("ordering_cancellations", "order_id"),
    ("ordering_cancellations", "state"),
    ("ordering_cancellations", "create_time"),
    ("ordering_idempotency", "expire_time"),
    ("ordering_events", "type"),
    ("ordering_events", "order_id"),
)


def _text(name: str) -> sa.Column[object]:
    return sa.Column(name, sa.String(), nullable=False)


def _time(name: str) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=False)


def upgrade() -> None:
    op.create_table(
        "ordering_orders",
        _text("id"),
        _text("state"),
        _text("customer_id"),
        _text("channel"),
        _time("create_time"),
        _time("update_time"),
        _text("correlation_id"),
        sa.Column("document", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_ordering_orders"),
    )
    op.create_table(
        "ordering_order_external_ids",
        _text("order_id"),
        _text("external_id"),
        sa.PrimaryKeyConstraint("order_id", "external_id", name="pk_ordering_order_external_ids"),
    )
    op.create_table(
        "ordering_cancellations",
        _text("id"),
        _text("order_id"),
        _text("state"),
        _time("create_time"),
        sa.Column("document", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_ordering_cancellations"),
    )
    op.create_table(
        "ordering_idempotency",
        _text("client_id"),
        _text("request_id"),
        _text("fingerprint"),
        _text("state"),
        _text("result_kind"),
        sa.Column("result", sa.Text(), nullable=True),
        _time("expire_time"),
        sa.PrimaryKeyConstraint("client_id", "request_id", name="pk_ordering_idempotency"),
    )
    op.create_table(
        "ordering_events",
        sa.Column(
            "sequence",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        _text("id"),
        _text("type"),
        _time("time"),
        _text("correlation_id"),
        _text("order_id"),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("sequence", name="pk_ordering_events"),
        sa.UniqueConstraint("id", name="uq_ordering_events_id"),
    )
    for table, column in INDEXED:
        op.create_index(f"ix_{table}_{column}", table, [column])


def downgrade() -> None:
    for table, column in reversed(INDEXED):
        op.drop_index(f"ix_{table}_{column}", table_name=table)
    for table in (
        "ordering_events",
        "ordering_idempotency",
        "ordering_cancellations",
        "ordering_order_external_ids",
        "ordering_orders",
    ):
        op.drop_table(table)
