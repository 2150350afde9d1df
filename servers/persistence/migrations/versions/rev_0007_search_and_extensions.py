"""Search documents and extension attributes.

`search`: each listed resource as its gRPC message, in JSON, which attribute conditions of the
List calls are evaluated against (JSONB on PostgreSQL). Rows written before this revision have
none until the server fills them in at start (servers/persistence/search_backfill.py).
`extension`: attributes a channel sent that the product keeps without interpreting them (an
unknown subtype's own attributes, say), as a JSON object; orders and cancellations keep theirs
in their document.

Frozen in time on purpose: storage types only, no imports from application code.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")

_EXTENDED = (
    "catalogs",
    "categories",
    "product_specifications",
    "offering_prices",
    "offerings",
    "import_jobs",
    "eligibility_checks",
    "eligibility_queries",
    "feasibility_checks",
    "feasibility_availability_queries",
)
_SEARCHED = (*_EXTENDED, "ordering_orders", "ordering_cancellations")


def upgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    for name in _SEARCHED:
        with op.batch_alter_table(name) as table:
            table.add_column(sa.Column("search", _JSON, nullable=True))
            if name in _EXTENDED:
                table.add_column(
                    sa.Column("extension", sa.Text(), nullable=False, server_default="{}")
                )
        if postgres:  # equality conditions become containment (@>), which GIN serves
            op.create_index(
                f"ix_{name}_search",
                name,
                ["search"],
                postgresql_using="gin",
                postgresql_ops={"search": "jsonb_path_ops"},
            )


def downgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    for name in _SEARCHED:
        if postgres:
            op.drop_index(f"ix_{name}_search", table_name=name)
        with op.batch_alter_table(name) as table:
            table.drop_column("search")
            if name in _EXTENDED:
                table.drop_column("extension")
