"""Order versions.

Every order row carries a version that each change increments and checks (UPDATE ... WHERE
version = the one read), so two changes to one order at the same time cannot both succeed and
one silently undo the other: the later one fails and is retried by its caller.
Frozen in time on purpose: storage types only, no imports from application code.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("ordering_orders") as table:
        table.add_column(
            sa.Column("version", sa.Integer(), nullable=False, server_default=sa.text("1"))
        )


def downgrade() -> None:
    with op.batch_alter_table("ordering_orders") as table:
        table.drop_column("version")
