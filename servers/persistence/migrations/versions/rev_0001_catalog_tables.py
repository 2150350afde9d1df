"""Catalog tables.

Catalogs, categories, product specifications, offering prices, offerings, their ordered
associations, and import jobs. Frozen in time on purpose: storage types only (timestamps are
TIMESTAMP WITH TIME ZONE, exact decimals are text), no imports from application code.

Revision ID: 0001
Revises:
Create Date: 2026-11-29
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Tables with the columns every catalog entity has (and the same three indexes).
ENTITY_TABLES = ("catalogs", "categories", "product_specifications", "offering_prices", "offerings")
ENTITY_INDEXED = ("name", "lifecycle_status", "update_time")


def _timestamp(name: str) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=True)


def _entity_columns() -> list[sa.Column[object]]:
    return [
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("version", sa.String(), nullable=False),
        sa.Column("lifecycle_status", sa.String(), nullable=False),
        _timestamp("validity_start"),
        _timestamp("validity_end"),
        _timestamp("create_time"),
        _timestamp("update_time"),
    ]


def _reference(column: str, table: str, target: str) -> sa.ForeignKeyConstraint:
    """A reference to another entity, checked at commit."""
    return sa.ForeignKeyConstraint(
        [column],
        [f"{target}.id"],
        name=f"fk_{table}_{column}_{target}",
        deferrable=True,
        initially="DEFERRED",
    )


def _owner(column: str, table: str, target: str) -> sa.ForeignKeyConstraint:
    """The owner of an association row; its rows go with it."""
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=f"fk_{table}_{column}_{target}", ondelete="CASCADE"
    )


def _association(
    table: str,
    owner: tuple[str, str],
    target: tuple[str, str],
    *extra: sa.Column[object],
) -> None:
    """An ordered list: keyed by (owner, position), indexed by target for reverse lookups."""
    (owner_column, owner_table), (target_column, target_table) = owner, target
    op.create_table(
        table,
        sa.Column(owner_column, sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column(target_column, sa.String(), nullable=False),
        *extra,
        _owner(owner_column, table, owner_table),
        _reference(target_column, table, target_table),
        sa.PrimaryKeyConstraint(owner_column, "position", name=f"pk_{table}"),
    )
    op.create_index(f"ix_{table}_{target_column}", table, [target_column])


def upgrade() -> None:
    op.create_table(
        "catalogs",
        *_entity_columns(),
        sa.Column("catalog_type", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_catalogs"),
    )
    op.create_table(
        "categories",
        *_entity_columns(),
        sa.Column("parent_id", sa.String(), nullable=True),  # NULL: a root category
        _reference("parent_id", "categories", "categories"),
        sa.PrimaryKeyConstraint("id", name="pk_categories"),
    )
    op.create_index("ix_categories_parent_id", "categories", ["parent_id"])
    op.create_table(
        "product_specifications",
        *_entity_columns(),
        sa.Column("brand", sa.String(), nullable=False),
        sa.Column("product_number", sa.String(), nullable=False),
        sa.Column("characteristics", sa.Text(), nullable=False),  # JSON text
        sa.PrimaryKeyConstraint("id", name="pk_product_specifications"),
    )
    op.create_table(
        "offering_prices",
        *_entity_columns(),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("currency_code", sa.String(), nullable=True),
        sa.Column("amount", sa.String(), nullable=True),  # exact decimal as text
        sa.Column("recurring_period", sa.String(), nullable=False),
        sa.Column("unit_of_measure", sa.String(), nullable=False),
        sa.Column("discount_percentage", sa.String(), nullable=True),  # exact decimal as text
        sa.PrimaryKeyConstraint("id", name="pk_offering_prices"),
    )
    op.create_table(
        "offerings",
        *_entity_columns(),
        sa.Column("is_bundle", sa.Boolean(), nullable=False),
        sa.Column("is_sellable", sa.Boolean(), nullable=False),
        sa.Column("specification_id", sa.String(), nullable=True),
        _reference("specification_id", "offerings", "product_specifications"),
        sa.PrimaryKeyConstraint("id", name="pk_offerings"),
    )
    op.create_index("ix_offerings_specification_id", "offerings", ["specification_id"])
    for table in ENTITY_TABLES:
        for column in ENTITY_INDEXED:
            op.create_index(f"ix_{table}_{column}", table, [column])

    _association("catalog_category", ("catalog_id", "catalogs"), ("category_id", "categories"))
    _association("offering_category", ("offering_id", "offerings"), ("category_id", "categories"))
    _association("offering_price", ("offering_id", "offerings"), ("price_id", "offering_prices"))
    _association(
        "bundle_component",
        ("bundle_id", "offerings"),
        ("component_id", "offerings"),
        sa.Column("min_quantity", sa.Integer(), nullable=False),
        sa.Column("max_quantity", sa.Integer(), nullable=False),
        sa.Column("default_quantity", sa.Integer(), nullable=False),
    )

    op.create_table(
        "import_jobs",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("source_url", sa.Text(), nullable=False),
        sa.Column("content_type", sa.String(), nullable=False),
        sa.Column("state", sa.String(), nullable=False),
        sa.Column("error_log", sa.Text(), nullable=False),
        sa.Column("records_imported", sa.Integer(), nullable=False),
        _timestamp("create_time"),
        _timestamp("completion_time"),
        sa.PrimaryKeyConstraint("id", name="pk_import_jobs"),
    )
    op.create_index("ix_import_jobs_state", "import_jobs", ["state"])
    op.create_index("ix_import_jobs_create_time", "import_jobs", ["create_time"])


def downgrade() -> None:
    # Dependents first; indexes go with their tables.
    for table in (
        "import_jobs",
        "bundle_component",
        "offering_price",
        "offering_category",
        "catalog_category",
        "offerings",
        "offering_prices",
        "product_specifications",
        "categories",
        "catalogs",
    ):
        op.drop_table(table)
