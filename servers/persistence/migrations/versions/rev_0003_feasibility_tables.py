"""Feasibility tables.

Address register, coverage, access nodes and stored feasibility checks.
Frozen in time on purpose: storage types only, no imports from application code.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29
"""

from __future__ import annotations

from collections.abc import Sequence

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass  # placeholder: the feasibility tables are being written


def downgrade() -> None:
    pass
