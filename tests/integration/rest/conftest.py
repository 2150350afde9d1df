"""Fixtures of the REST integration suite: one real gRPC tier per test module and backend
(SQLite in a temporary folder, PostgreSQL in a throw-away database) and the facade in front
of it, with response validation on."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import BACKENDS, fresh_postgres_database
from tests.integration.rest.harness import GrpcTier, Tmf620, facade, grpc_tier


@pytest.fixture(scope="module", params=BACKENDS)
def tier(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[GrpcTier]:
    folder = tmp_path_factory.mktemp("grpc-tier")
    with contextlib.ExitStack() as stack:
        url = None
        if request.param == "postgresql":
            server = request.getfixturevalue("postgres_server")
            url = stack.enter_context(fresh_postgres_database(server)).render_as_string(
                hide_password=False
            )
        yield stack.enter_context(grpc_tier(folder, url))


@pytest.fixture(scope="module")
def import_folder(tier: GrpcTier) -> Path:
    return tier.import_folder


@pytest.fixture(scope="module")
def api(tier: GrpcTier) -> Iterator[Tmf620]:
    with facade(tier.target) as client:
        yield Tmf620(client)
