"""Imports every row module so that Base.metadata knows every table (Alembic and tests)."""

from __future__ import annotations

from servers.persistence import (
    catalog_rows,  # noqa: F401
    feasibility_rows,  # noqa: F401
    notification_rows,  # noqa: F401
    ordering_rows,  # noqa: F401
    qualification_rows,  # noqa: F401
)
