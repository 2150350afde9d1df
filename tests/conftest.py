"""Fixtures shared by every test suite: a database on each supported backend, migrated, and a
catalog unit-of-work factory over it. Suites add their own fixtures in their own conftest.py.

PostgreSQL cases need ORDERCAPTURE_TEST_POSTGRES_URL (for example
postgresql+psycopg://postgres@127.0.0.1:5432/test); each test gets its own throw-away database
on that server, so concurrent runs never meet. Databases are copied from templates migrated (and
seeded) once per session, on both backends; tests of the migrations themselves take an empty
one. Without the server they skip, saying why,
except under CI=true, where they fail: CI must run them."""

from __future__ import annotations

import asyncio
import contextlib
import os
import secrets
import shutil
from collections.abc import AsyncIterator, Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

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
def fresh_postgres_database(postgres_server: Engine, template: str = "") -> Iterator[URL]:
    """A fresh, uniquely named database (a copy of `template` when given), dropped (with any
    leftover connections) afterwards."""
    name = f"oc_{secrets.token_hex(8)}"
    copy = f' TEMPLATE "{template}"' if template else ""
    with postgres_server.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"{copy}')
    try:
        yield postgres_server.url.set(database=name)
    finally:
        with postgres_server.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def postgres_database(postgres_server: Engine) -> Iterator[URL]:
    with fresh_postgres_database(postgres_server) as url:
        yield url


def _run(coroutine: Coroutine[Any, Any, None]) -> None:
    """Runs a coroutine to the end on a loop of its own (a test's loop may be running here)."""
    with ThreadPoolExecutor(max_workers=1) as thread:
        thread.submit(asyncio.run, coroutine).result()


async def _seed(url: str, folder: Path) -> None:
    # Imported here: loading the gRPC tier is the business of suites that seed.
    from servers.app import create_server, stop_server
    from servers.settings import Settings

    settings = Settings(database_url=url, import_folder=folder, seed_demo_data=True)
    server, _ = await create_server("127.0.0.1:0", settings)
    await stop_server(server, grace=None)


def _prepare(url: str, folder: Path, *, seeded: bool) -> None:
    _run(_seed(url, folder) if seeded else migrate(url))


@pytest.fixture(scope="session")
def sqlite_templates(tmp_path_factory: pytest.TempPathFactory) -> dict[bool, Path]:
    """SQLite files migrated once, and seeded with the demo data once, for tests to copy:
    copying a file costs a fraction of migrating and seeding it again."""
    folder = tmp_path_factory.mktemp("templates")
    files = {}
    for seeded in (False, True):
        path = folder / f"{'seeded' if seeded else 'migrated'}.db"
        _prepare(f"sqlite+aiosqlite:///{path}", folder, seeded=seeded)
        files[seeded] = path
    return files


@pytest.fixture(scope="session")
def postgres_templates(
    postgres_server: Engine, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[bool, str]]:
    """The same as PostgreSQL template databases (CREATE DATABASE ... TEMPLATE copies them)."""
    folder = tmp_path_factory.mktemp("pg-templates")
    names: dict[bool, str] = {}
    with contextlib.ExitStack() as stack:
        for seeded in (False, True):
            url = stack.enter_context(fresh_postgres_database(postgres_server))
            _prepare(url.render_as_string(hide_password=False), folder, seeded=seeded)
            names[seeded] = str(url.database)
        yield names


def _copy_sqlite(template: Path, target: Path) -> str:
    # Migrations leave SQLite in WAL mode; a closed database has no -wal file left to copy.
    for suffix in ("", "-wal"):
        source = template.with_name(template.name + suffix)
        if source.exists():
            shutil.copyfile(source, target.with_name(target.name + suffix))
    return f"sqlite+aiosqlite:///{target}"


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """The backend of the test; the database fixtures below all follow it."""
    return str(request.param)


@pytest.fixture
def empty_database_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database on the test's backend, as an async SQLAlchemy URL."""
    if backend == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path / 'ordercapture.db'}"
    url: URL = request.getfixturevalue("postgres_database")
    return url.render_as_string(hide_password=False)


def _copied_database(
    backend: str, request: pytest.FixtureRequest, tmp_path: Path, *, seeded: bool
) -> str:
    if backend == "sqlite":
        templates: dict[bool, Path] = request.getfixturevalue("sqlite_templates")
        return _copy_sqlite(templates[seeded], tmp_path / "ordercapture.db")
    names: dict[bool, str] = request.getfixturevalue("postgres_templates")
    server: Engine = request.getfixturevalue("postgres_server")
    stack = contextlib.ExitStack()
    request.addfinalizer(stack.close)
    url = stack.enter_context(fresh_postgres_database(server, template=names[seeded]))
    return url.render_as_string(hide_password=False)


@pytest.fixture
def database_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database on the test's backend with every migration applied and no data."""
    return _copied_database(backend, request, tmp_path, seeded=False)


@pytest.fixture
def seeded_database_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database on the test's backend, migrated and holding the demo data (catalog,
    eligibility profiles and rules, network), as `ordercapture serve` seeds it."""
    return _copied_database(backend, request, tmp_path, seeded=True)


@pytest.fixture
def migrated_url(database_url: str) -> str:
    """database_url, which has every migration applied already (the name says so)."""
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
