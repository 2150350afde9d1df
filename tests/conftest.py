"""Fixtures shared by every test suite: a database on each supported backend, migrated, and a
catalog unit-of-work factory over it. Suites add their own fixtures in their own conftest.py.

PostgreSQL cases need ORDERCAPTURE_TEST_POSTGRES_URL (for example
postgresql+psycopg://postgres@127.0.0.1:5432/test); each test gets its own throw-away database
on that server, so concurrent runs never meet. Without the server they skip, saying why,
except under CI=true, where they fail: CI must run them."""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
import sqlalchemy
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.pool import NullPool

from domain.catalog.ports import UnitOfWorkFactory
from servers.persistence.database import create_engine, create_session_factory, migrate
from servers.persistence.unit_of_work import catalog_uow_factory

POSTGRES_URL_VARIABLE = "ORDERCAPTURE_TEST_POSTGRES_URL"
BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
]


def _postgres_unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason}; CI=true requires the PostgreSQL tests to run")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[Engine]:
    """An AUTOCOMMIT engine on the server of ORDERCAPTURE_TEST_POSTGRES_URL, checked once."""
    configured = os.environ.get(POSTGRES_URL_VARIABLE, "").strip()
    if not configured:
        _postgres_unavailable(f"{POSTGRES_URL_VARIABLE} is not set")
    url = make_url(configured).set(drivername="postgresql+psycopg")
    engine = sqlalchemy.create_engine(
        url,
        isolation_level="AUTOCOMMIT",
        poolclass=NullPool,
        connect_args={"connect_timeout": 5},
    )
    try:
        with engine.connect() as connection:
            connection.execute(sqlalchemy.text("SELECT 1"))
    except DBAPIError as error:
        engine.dispose()
        first_line = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
        _postgres_unavailable(
            f"PostgreSQL at {url.render_as_string(hide_password=True)} "
            f"({POSTGRES_URL_VARIABLE}) is unreachable: {first_line}"
        )
    yield engine
    engine.dispose()


@contextlib.contextmanager
def fresh_postgres_database(postgres_server: Engine) -> Iterator[URL]:
    """A fresh, uniquely named database, dropped (with any leftover connections) afterwards."""
    name = f"oc_{secrets.token_hex(8)}"
    with postgres_server.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield postgres_server.url.set(database=name)
    finally:
        with postgres_server.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def postgres_database(postgres_server: Engine) -> Iterator[URL]:
    with fresh_postgres_database(postgres_server) as url:
        yield url


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database on each backend, as an async SQLAlchemy URL."""
    if request.param == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path / 'ordercapture.db'}"
    url: URL = request.getfixturevalue("postgres_database")
    return url.render_as_string(hide_password=False)


@pytest.fixture
async def migrated_url(database_url: str) -> str:
    """database_url with every migration applied."""
    await migrate(database_url)
    return database_url


@pytest.fixture
async def db_engine(migrated_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(migrated_url)
    yield engine
    await engine.dispose()


@pytest.fixture
def catalog_uow(db_engine: AsyncEngine) -> UnitOfWorkFactory:
    """Call it for a new catalog unit of work: `async with catalog_uow() as uow: ...`."""
    return catalog_uow_factory(create_session_factory(db_engine))
