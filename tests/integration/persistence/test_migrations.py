"""Alembic migrations on both backends: up, idempotent, concurrent, down, and in step with the
row classes."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, inspect, text

from servers.persistence import all_rows  # noqa: F401
from servers.persistence.base import Base
from servers.persistence.database import alembic_config, create_engine, downgrade, migrate

# Every table the row classes declare; migrations must create exactly these.
ALL_TABLES = set(Base.metadata.tables)
HEAD = ScriptDirectory.from_config(alembic_config()).get_current_head()


async def tables_and_revision(url: str) -> tuple[set[str], list[str]]:
    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            tables = set(await connection.run_sync(lambda c: inspect(c).get_table_names()))
            revisions: list[str] = []
            if "alembic_version" in tables:
                result = await connection.execute(text("SELECT version_num FROM alembic_version"))
                revisions = list(result.scalars())
        return tables - {"alembic_version"}, revisions
    finally:
        await engine.dispose()


async def test_migrate_creates_every_catalog_table(empty_database_url: str) -> None:
    await migrate(empty_database_url)
    assert await tables_and_revision(empty_database_url) == (ALL_TABLES, [HEAD])


async def test_migrate_is_idempotent(empty_database_url: str) -> None:
    await migrate(empty_database_url)
    await migrate(empty_database_url)
    assert await tables_and_revision(empty_database_url) == (ALL_TABLES, [HEAD])


async def test_concurrent_migrations_queue_instead_of_colliding(empty_database_url: str) -> None:
    await asyncio.gather(*(migrate(empty_database_url) for _ in range(4)))
    assert await tables_and_revision(empty_database_url) == (ALL_TABLES, [HEAD])


async def test_downgrade_to_base_removes_everything_and_upgrade_restores_it(
    empty_database_url: str,
) -> None:
    await migrate(empty_database_url)
    await downgrade(empty_database_url, "base")
    assert await tables_and_revision(empty_database_url) == (set(), [])
    await migrate(empty_database_url)
    assert await tables_and_revision(empty_database_url) == (ALL_TABLES, [HEAD])


def _created_on(dialect: str) -> Callable[..., bool]:
    """Leaves out of the comparison what the row classes create on other backends only
    (`ddl_if`: the search documents' GIN indexes exist on PostgreSQL alone)."""

    def include(item: object, name: str | None, kind: str, reflected: bool, other: object) -> bool:
        condition = getattr(getattr(item, "_ddl_if", None), "dialect", None)
        return condition is None or condition == dialect

    return include


async def test_migrated_schema_matches_the_row_classes(migrated_url: str) -> None:
    def differences(connection: Connection) -> list[object]:
        opts = {"compare_type": True, "include_object": _created_on(connection.dialect.name)}
        context = MigrationContext.configure(connection, opts=opts)
        return list(compare_metadata(context, Base.metadata))

    engine = create_engine(migrated_url)
    try:
        async with engine.connect() as connection:
            assert await connection.run_sync(differences) == []
    finally:
        await engine.dispose()
