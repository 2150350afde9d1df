"""Alembic environment. Programmatic runs (servers.persistence.database.migrate) hand over an
open connection in `config.attributes`; the alembic CLI gets a URL from the ini file or from
ORDERCAPTURE_DATABASE_URL."""

from __future__ import annotations

import asyncio
import os
from logging.config import fileConfig

from alembic import context
from sqlalchemy import Connection
from sqlalchemy.pool import NullPool

from servers.persistence import all_rows  # noqa: F401 - registers every table
from servers.persistence.base import Base
from servers.persistence.database import create_engine
from servers.settings import DEFAULT_DATABASE_URL

target_metadata = Base.metadata


def run_on(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite cannot ALTER most things: later migrations must copy-and-move tables.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


async def run_online(url: str) -> None:
    engine = create_engine(url, poolclass=NullPool)
    try:
        async with engine.connect() as connection:
            await connection.run_sync(run_on)
            await connection.commit()
    finally:
        await engine.dispose()


def run_offline(url: str) -> None:
    context.configure(url=url, target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def cli_url() -> str:
    configured = context.config.get_main_option("sqlalchemy.url")
    return configured or os.environ.get("ORDERCAPTURE_DATABASE_URL", DEFAULT_DATABASE_URL)


def main() -> None:
    shared = context.config.attributes.get("connection")
    if shared is not None:
        run_on(shared)
        return
    if context.config.config_file_name is not None:
        fileConfig(context.config.config_file_name)
    if context.is_offline_mode():
        run_offline(cli_url())
    else:
        asyncio.run(run_online(cli_url()))


main()
