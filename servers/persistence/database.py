"""Engines, sessions and schema migrations for both supported backends:
SQLite (embedded default, WAL) and PostgreSQL (production, psycopg 3)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import (
    AsyncConnection,
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.pool import NullPool

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
SQLITE_BUSY_TIMEOUT_MS = 5000
# Any constant works; every process migrating the same PostgreSQL database must use this one.
_MIGRATION_LOCK_KEY = 0x6F726463617074  # "ordcapt"

# Drivers the async engine needs, for URLs given without one.
_ASYNC_DRIVERS = {"sqlite": "sqlite+aiosqlite", "postgresql": "postgresql+psycopg"}
_ALIASES = {"postgres": "postgresql"}


def async_url(url: str) -> URL:
    """The URL with an async driver: `sqlite:///f.db` and `postgresql://...` are accepted."""
    parsed = make_url(url)
    backend = _ALIASES.get(parsed.drivername, parsed.drivername)
    return parsed.set(drivername=_ASYNC_DRIVERS.get(backend, backend))


def create_engine(url: str, **options: Any) -> AsyncEngine:
    """An AsyncEngine configured for the backend; `options` go to create_async_engine."""
    parsed = async_url(url)
    if parsed.get_backend_name() == "sqlite":
        engine = create_async_engine(parsed, **options)
        event.listen(engine.sync_engine, "connect", _configure_sqlite_connection)
        return engine
    pool: dict[str, Any] = {}
    if "poolclass" not in options:
        # Recycle before typical proxy/LB idle cut-offs; pre-ping survives server restarts.
        pool = {"pool_size": 10, "max_overflow": 10, "pool_pre_ping": True, "pool_recycle": 1800}
    return create_async_engine(parsed, **{**pool, **options})


def _configure_sqlite_connection(dbapi_connection: Any, _record: object) -> None:
    # The busy timeout goes first so the other settings wait for a writer instead of failing;
    # NORMAL is durable across app crashes in WAL mode (which `migrate` sets, once per file);
    # SQLite leaves foreign keys off unless asked, per connection.
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS:d}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
    finally:
        cursor.close()


def create_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    # No expiry on commit: attribute access after a commit would otherwise mean hidden I/O,
    # which an AsyncSession cannot do.
    return async_sessionmaker(engine, expire_on_commit=False)


async def migrate(url: str, revision: str = "head") -> None:
    """Upgrade the schema to `revision`. Idempotent and safe to run on every start, from
    several processes at once: they queue on a lock and the later ones find nothing to do."""
    await _run_alembic(url, lambda config: command.upgrade(config, revision))


async def downgrade(url: str, revision: str = "base") -> None:
    """Downgrade the schema to `revision` (everything dropped at "base")."""
    await _run_alembic(url, lambda config: command.downgrade(config, revision))


def alembic_config(connection: Connection | None = None) -> Config:
    """Configuration without an ini file; env.py uses `connection` when one is given."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


async def _run_alembic(url: str, action: Callable[[Config], None]) -> None:
    engine = create_engine(url, poolclass=NullPool)
    try:
        async with engine.connect() as connection:
            await _lock_for_migration(connection)
            await connection.run_sync(lambda sync: action(alembic_config(sync)))
            await connection.commit()
    finally:
        await engine.dispose()


async def _lock_for_migration(connection: AsyncConnection) -> None:
    """Start the migration transaction holding a lock that serialises migrators. Alembic then
    runs inside this transaction (PostgreSQL DDL is transactional; it commits as one)."""
    if connection.dialect.name == "postgresql":
        await connection.execute(
            text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK_KEY}
        )
    elif connection.dialect.name == "sqlite":
        await _use_wal_journal(connection)
        # Take the write lock up front; busy_timeout makes a second migrator wait for it.
        await connection.exec_driver_sql("BEGIN IMMEDIATE")


async def _use_wal_journal(connection: AsyncConnection) -> None:
    """Switch the file to WAL (readers run beside the single writer; the mode persists in the
    file). SQLite refuses the switch at once, without its busy handler, while another
    connection is mid-transaction, so a concurrent migrator retries until the timeout."""
    deadline = time.monotonic() + SQLITE_BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            mode = (await connection.exec_driver_sql("PRAGMA journal_mode=WAL")).scalar()
            await connection.commit()
            if str(mode).lower() == "wal":
                return
            raise RuntimeError(f"SQLite kept journal mode {mode!r}; WAL is required")
        except OperationalError:
            await connection.rollback()
            if time.monotonic() >= deadline:
                raise
            await asyncio.sleep(0.05)
