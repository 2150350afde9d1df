"""Engine configuration: drivers chosen from the URL, SQLite connection settings."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from servers.persistence.database import (
    SQLITE_BUSY_TIMEOUT_MS,
    async_url,
    create_engine,
    migrate,
)


@pytest.mark.parametrize(
    ("given", "driver"),
    [
        ("sqlite:///var/oc.db", "sqlite+aiosqlite"),
        ("sqlite+aiosqlite:///var/oc.db", "sqlite+aiosqlite"),
        ("postgresql://u@db:5432/oc", "postgresql+psycopg"),
        ("postgres://u@db/oc", "postgresql+psycopg"),
        ("postgresql+psycopg://u@db/oc", "postgresql+psycopg"),
    ],
)
def test_urls_get_an_async_driver(given: str, driver: str) -> None:
    assert async_url(given).drivername == driver


async def test_sqlite_connections_use_wal_and_enforce_foreign_keys(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'oc.db'}"
    await migrate(url)
    engine = create_engine(url)
    try:
        async with engine.connect() as connection:

            async def pragma(name: str) -> object:
                return (await connection.execute(text(f"PRAGMA {name}"))).scalar_one()

            assert await pragma("journal_mode") == "wal"
            assert await pragma("synchronous") == 1  # NORMAL
            assert await pragma("foreign_keys") == 1
            assert await pragma("busy_timeout") == SQLITE_BUSY_TIMEOUT_MS
    finally:
        await engine.dispose()
