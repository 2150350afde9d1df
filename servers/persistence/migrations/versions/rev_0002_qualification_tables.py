"""Qualification tables.

Eligibility rules, customer profiles and stored eligibility checks.
Frozen in time on purpose: storage types only, no imports from application code.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29
"""

from __future__ import annotations

from collections.abc import Sequence

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass  # placeholder: the qualification tables are being written


def downgrade() -> None:
    pass
