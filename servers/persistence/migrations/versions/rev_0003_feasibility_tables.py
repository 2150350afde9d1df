"""Feasibility tables.

Address register, coverage, access nodes, stored feasibility checks and availability queries.
Frozen in time on purpose: storage types only, no imports from application code.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# (table, column) pairs with a plain index, named as the row classes' metadata names them.
INDEXED = (
    ("feasibility_addresses", "region"),
    ("feasibility_addresses", "postcode_key"),
    ("feasibility_addresses", "city_key"),
    ("feasibility_coverage", "address_id"),
    ("feasibility_coverage", "postcode_key"),
    ("feasibility_coverage", "access_node_id"),
    ("feasibility_checks", "state"),
    ("feasibility_checks", "create_time"),
    ("feasibility_availability_queries", "state"),
    ("feasibility_availability_queries", "create_time"),
)


def _text(name: str) -> sa.Column[object]:
    return sa.Column(name, sa.String(), nullable=False)


def upgrade() -> None:
    op.create_table(
        "feasibility_addresses",
        _text("id"),
        *(_text(c) for c in ("street", "number", "postcode", "city", "country", "region")),
        _text("postcode_key"),
        _text("city_key"),
        sa.PrimaryKeyConstraint("id", name="pk_feasibility_addresses"),
    )
    op.create_table(
        "feasibility_coverage",
        sa.Column("entry_id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("address_id", sa.String(), nullable=True),
        sa.Column("postcode_key", sa.String(), nullable=True),
        _text("technology"),
        sa.Column("max_download_mbps", sa.Integer(), nullable=False),
        sa.Column("max_upload_mbps", sa.Integer(), nullable=False),
        _text("access_node_id"),
        sa.Column("available_from", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("entry_id", name="pk_feasibility_coverage"),
    )
    op.create_table(
        "feasibility_access_nodes",
        _text("id"),
        sa.Column("total_ports", sa.Integer(), nullable=False),
        sa.Column("free_ports", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_feasibility_access_nodes"),
    )
    op.create_table(
        "feasibility_checks",
        _text("id"),
        _text("party_id"),
        sa.Column("description", sa.Text(), nullable=False),
        _text("external_id"),
        _text("state"),
        _text("outcome"),
        sa.Column("error", sa.Text(), nullable=False),
        sa.Column("provide_alternatives", sa.Boolean(), nullable=False),
        sa.Column("provide_reasons", sa.Boolean(), nullable=False),
        sa.Column("items", sa.Text(), nullable=False),
        sa.Column("results", sa.Text(), nullable=False),
        sa.Column("create_time", sa.DateTime(timezone=True), nullable=False),
        sa.Column("judge_time", sa.DateTime(timezone=True), nullable=True),
        sa.Column("expire_time", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_feasibility_checks"),
    )
    op.create_table(
        "feasibility_availability_queries",
        _text("id"),
        _text("party_id"),
        sa.Column("description", sa.Text(), nullable=False),
        _text("external_id"),
        _text("state"),
        sa.Column("error", sa.Text(), nullable=False),
        sa.Column("place", sa.Text(), nullable=False),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("create_time", sa.DateTime(timezone=True), nullable=False),
        sa.Column("judge_time", sa.DateTime(timezone=True), nullable=True),
        sa.Column("expire_time", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_feasibility_availability_queries"),
    )
    for table, column in INDEXED:
        op.create_index(f"ix_{table}_{column}", table, [column])


def downgrade() -> None:
    for table, column in reversed(INDEXED):
        op.drop_index(f"ix_{table}_{column}", table_name=table)
    for table in (
        "feasibility_availability_queries",
        "feasibility_checks",
        "feasibility_access_nodes",
        "feasibility_coverage",
        "feasibility_addresses",
    ):
        op.drop_table(table)
