"""A real gRPC tier on 127.0.0.1:0 with notifications configured for tests (loopback
listeners allowed, retries compressed to fractions of a second), a real HTTP listener, and
relays run in-process against the tier's work queue."""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import grpc
import pytest

from domain.notification.retries import RetrySchedule
from ordercapture.catalog.v1 import catalog_service_pb2_grpc
from ordercapture.notification.v1 import notification_service_pb2_grpc
from rest_facade.notification.egress import parse_networks
from rest_facade.notification.relay import Relay, RelayOptions, http_client
from servers.app import create_server, stop_server
from servers.settings import Settings
from tests.integration.notification.listener import Listener

LOOPBACK = (ipaddress.ip_network("127.0.0.0/8"), ipaddress.ip_network("::1/128"))
QUICK_RETRIES = RetrySchedule(
    first_delay=timedelta(seconds=0.05),
    maximum_delay=timedelta(seconds=0.3),
    horizon=timedelta(seconds=60),
)


@dataclass
class Tier:
    channel: grpc.aio.Channel
    target: str
    catalog: catalog_service_pb2_grpc.CatalogServiceAsyncStub
    notifications: notification_service_pb2_grpc.NotificationServiceAsyncStub


@pytest.fixture
def notification_settings(database_url: str, tmp_path: Path) -> Settings:
    return Settings(
        database_url=database_url,
        import_folder=tmp_path,
        callback_allowed_networks=LOOPBACK,
        retry_schedule=QUICK_RETRIES,
    )


@pytest.fixture
async def tier(notification_settings: Settings) -> AsyncIterator[Tier]:
    server, port = await create_server("127.0.0.1:0", notification_settings)
    target = f"127.0.0.1:{port}"
    try:
        async with grpc.aio.insecure_channel(target) as channel:
            yield Tier(
                channel,
                target,
                catalog_service_pb2_grpc.CatalogServiceStub(channel),
                notification_service_pb2_grpc.NotificationServiceStub(channel),
            )
    finally:
        await stop_server(server, grace=1.0)


@pytest.fixture
async def listener() -> AsyncIterator[Listener]:
    found = Listener()
    await found.start()
    try:
        yield found
    finally:
        await found.stop()


RelayFactory = Callable[..., AbstractAsyncContextManager[Relay]]


def relay_options(**overrides: object) -> RelayOptions:
    values: dict[str, object] = {
        "timeout_seconds": 0.5,
        "idle_seconds": 0.05,
        "lease_seconds": 5,
        "allowed_networks": parse_networks("127.0.0.0/8,::1"),
    }
    values.update(overrides)
    return RelayOptions(**values)  # type: ignore[arg-type]


@pytest.fixture
def relay(tier: Tier) -> RelayFactory:
    """`async with relay(**options):` runs a relay task for the block."""

    @contextlib.asynccontextmanager
    async def running(**overrides: object) -> AsyncIterator[Relay]:
        async with http_client() as client:
            relay = Relay(tier.channel, relay_options(**overrides), client)
            task = asyncio.create_task(relay.run())
            try:
                yield relay
            finally:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task

    return running
