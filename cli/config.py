"""Configuration the commands share: the environment variables, and how flags override them."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy.engine import make_url

from servers.settings import Settings

DATABASE_URL_VARIABLE = "ORDERCAPTURE_DATABASE_URL"
SEED_DEMO_DATA_VARIABLE = "ORDERCAPTURE_SEED_DEMO_DATA"
# The embedded default: a SQLite file under var/ of the working directory.
DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///var/ordercapture.db"

ENVIRONMENT_HELP = f"""\
environment variables (flags win over them):
  {DATABASE_URL_VARIABLE}
      SQLAlchemy async URL; default {DEFAULT_DATABASE_URL}
      (PostgreSQL: postgresql+psycopg://user@host:5432/db)
  ORDERCAPTURE_IMPORT_FOLDER
      the only folder import jobs may read files from; default imports
  ORDERCAPTURE_ALLOW_HTTP_IMPORTS
      1 allows http(s) URLs for import jobs; default off
  {SEED_DEMO_DATA_VARIABLE}
      1 loads the demo catalog into an empty catalog, any other value does not;
      when unset: on for serve, off for serve-grpc
  ORDERCAPTURE_ELIGIBILITY_CHECK_HOURS, ORDERCAPTURE_FEASIBILITY_CHECK_HOURS
      how long a stored eligibility / feasibility check stays valid; default 24 / 72
  ORDERCAPTURE_ORDER_COMMERCIAL_POLICY, ORDERCAPTURE_ORDER_TECHNICAL_POLICY
      inline (default): an order item without a check reference is checked at
      submission; reference-required: it must reference a stored check; off: not
      checked (eligibility / feasibility respectively)
  ORDERCAPTURE_IDEMPOTENCY_HOURS
      how long an order or cancellation request id is remembered; default 24
"""


def grpc_settings(
    *, database_url: str | None, seed_demo_data: bool | None, seed_by_default: bool
) -> Settings:
    """Settings for the gRPC tier: flag, else environment, else the command's default."""
    url = database_url or os.environ.get(DATABASE_URL_VARIABLE) or DEFAULT_DATABASE_URL
    if seed_demo_data is None and SEED_DEMO_DATA_VARIABLE not in os.environ:
        seed_demo_data = seed_by_default
    try:
        settings = Settings.from_environment(database_url=url, seed_demo_data=seed_demo_data)
    except ValueError as error:
        # A misconfigured variable stops the command with its message, not a traceback.
        raise SystemExit(f"ordercapture: {error}") from None
    _create_sqlite_folder(url)
    return settings


def _create_sqlite_folder(url: str) -> None:
    """SQLite creates the file but not its folder (var/ on a fresh checkout)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
