"""A real gRPC tier per test: servers.app.create_server on 127.0.0.1:0 over a fresh
database of each backend (the `database_url` fixture of tests/conftest.py), and a grpc.aio
channel to it.

grpcio-testing cannot drive async servicers (it hands back the un-awaited coroutine with
status OK), so these tests use an in-process server on port 0, which is just as fast;
grpcio-testing is used for the CLI's synchronous client tests instead."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import grpc
import pytest

from ordercapture.catalog.v1 import catalog_service_pb2_grpc
from servers.app import create_server, stop_server
from servers.settings import Settings

if TYPE_CHECKING:
    from ordercapture.catalog.v1.catalog_service_pb2_grpc import CatalogServiceAsyncStub


@dataclass
class Tier:
    server: grpc.aio.Server
    channel: grpc.aio.Channel
    stub: CatalogServiceAsyncStub
    import_folder: Path


@pytest.fixture
def import_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "imports"
    folder.mkdir()
    return folder


@pytest.fixture
def settings(database_url: str, import_folder: Path) -> Settings:
    return Settings(database_url=database_url, import_folder=import_folder)


@pytest.fixture
def seeded_settings(seeded_database_url: str, import_folder: Path) -> Settings:
    """Over a copy of the demo-seeded template: a tier started with them finds the demo data in
    place (seeding adds only to what is empty) instead of loading it again."""
    return Settings(
        database_url=seeded_database_url, import_folder=import_folder, seed_demo_data=True
    )


@pytest.fixture
async def tier(settings: Settings) -> AsyncIterator[Tier]:
    server, port = await create_server("127.0.0.1:0", settings)
    try:
        async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
            stub: CatalogServiceAsyncStub = catalog_service_pb2_grpc.CatalogServiceStub(channel)
            yield Tier(server, channel, stub, settings.import_folder)
    finally:
        await stop_server(server, grace=1.0)


@pytest.fixture
def stub(tier: Tier) -> CatalogServiceAsyncStub:
    return tier.stub
