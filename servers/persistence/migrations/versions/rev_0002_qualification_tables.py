"""Qualification tables.

Eligibility rules, customer profiles, stored eligibility checks and queries.
Frozen in time on purpose: storage types only, no imports from application code.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (table, column) pairs with a plain index, named as the row classes' metadata names them.
# Rules are read per offering: the offering index is what keeps a check off a full scan.
INDEXED = (
    ("eligibility_rules", "offering_id"),
    ("customer_profiles", "segment"),
    ("eligibility_checks", "party_id"),
    ("eligibility_checks", "state"),
    ("eligibility_checks", "create_time"),
    ("eligibility_queries", "party_id"),
    ("eligibility_queries", "state"),
    ("eligibility_queries", "create_time"),
)


def _text(name: str) -> sa.Column[object]:
    return sa.Column(name, sa.String(), nullable=False)


def _document(name: str, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.Text(), nullable=nullable)


def _flag(name: str) -> sa.Column[object]:
    return sa.Column(name, sa.Boolean(), nullable=False)


def _timestamp(name: str, nullable: bool) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "eligibility_rules",
        _text("id"),
        _text("offering_id"),
        _text("kind"),
        _document("condition"),
        _document("alternative_offering_ids"),
        sa.PrimaryKeyConstraint("id", name="pk_eligibility_rules"),
    )
    op.create_table(
        "customer_profiles",
        _text("party_id"),
        _text("party_type"),
        _text("segment"),
        _text("credit_class"),
        _text("region"),
        sa.Column("date_of_birth", sa.Date(), nullable=True),
        _document("owned_offering_ids"),
        _timestamp("update_time", nullable=True),
        sa.PrimaryKeyConstraint("party_id", name="pk_customer_profiles"),
    )
    op.create_table(
        "eligibility_checks",
        _text("id"),
        _text("party_id"),
        _text("channel"),
        _document("place", nullable=True),
        _document("description"),
        _text("state"),
        _document("error"),
        _flag("provide_alternatives"),
        _flag("provide_reasons"),
        _flag("only_available"),
        _flag("customer_is_prospect"),
        _document("items"),
        _document("verdicts"),
        _timestamp("create_time", nullable=False),
        _timestamp("judge_time", nullable=True),
        _timestamp("expire_time", nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_eligibility_checks"),
    )
    op.create_table(
        "eligibility_queries",
        _text("id"),
        _text("party_id"),
        _text("channel"),
        _document("place", nullable=True),
        _text("category_id"),
        _document("offering_ids"),
        sa.Column("page_size", sa.Integer(), nullable=False),
        _document("description"),
        _text("state"),
        _document("error"),
        _flag("customer_is_prospect"),
        _document("offerings"),
        _timestamp("create_time", nullable=False),
        _timestamp("judge_time", nullable=True),
        _timestamp("expire_time", nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_eligibility_queries"),
    )
    for table, column in INDEXED:
        op.create_index(f"ix_{table}_{column}", table, [column])


def downgrade() -> None:
    for table, column in reversed(INDEXED):
        op.drop_index(f"ix_{table}_{column}", table_name=table)
    for table in (
        "eligibility_queries",
        "eligibility_checks",
        "customer_profiles",
        "eligibility_rules",
    ):
        op.drop_table(table)
