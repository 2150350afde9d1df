"""What the server offers besides the catalog: health, reflection, seeding, clean stop."""

from __future__ import annotations

import asyncio
import dataclasses
import os
import signal
from typing import TYPE_CHECKING

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection_pb2, reflection_pb2_grpc

from ordercapture.catalog.v1 import catalog_service_pb2 as cs
from ordercapture.catalog.v1 import catalog_service_pb2_grpc
from servers.app import create_server, serve, stop_server
from servers.settings import Settings

if TYPE_CHECKING:
    from tests.integration.grpc.conftest import Tier

SERVICE = "ordercapture.catalog.v1.CatalogService"


async def test_health_is_serving(tier: Tier) -> None:
    health = health_pb2_grpc.HealthStub(tier.channel)
    for service in ("", SERVICE):
        answer = await health.Check(health_pb2.HealthCheckRequest(service=service))
        assert answer.status == health_pb2.HealthCheckResponse.SERVING


async def test_stopping_tells_health_watchers_not_serving(settings: Settings) -> None:
    server, port = await create_server("127.0.0.1:0", settings)
    try:
        async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
            watch = health_pb2_grpc.HealthStub(channel).Watch(
                health_pb2.HealthCheckRequest(service=SERVICE)
            )
            first = await watch.read()
            stopping = asyncio.create_task(stop_server(server, grace=2.0))
            second = await watch.read()
            await stopping
    finally:
        await stop_server(server, grace=0)
    assert isinstance(first, health_pb2.HealthCheckResponse)
    assert isinstance(second, health_pb2.HealthCheckResponse)
    assert (first.status, second.status) == (
        health_pb2.HealthCheckResponse.SERVING,
        health_pb2.HealthCheckResponse.NOT_SERVING,
    )


async def test_reflection_lists_the_services(tier: Tier) -> None:
    reflection = reflection_pb2_grpc.ServerReflectionStub(tier.channel)
    call = reflection.ServerReflectionInfo(
        iter([reflection_pb2.ServerReflectionRequest(list_services="")])
    )
    names = set()
    async for answer in call:
        names = {s.name for s in answer.list_services_response.service}
    assert {SERVICE, "grpc.health.v1.Health"} <= names


async def test_demo_catalog_is_seeded_once(settings: Settings) -> None:
    seeded = dataclasses.replace(settings, seed_demo_data=True)
    for _ in range(2):  # the second start finds offerings and leaves them alone
        server, port = await create_server("127.0.0.1:0", seeded)
        try:
            async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
                stub = catalog_service_pb2_grpc.CatalogServiceStub(channel)
                listed = await stub.ListOfferings(cs.ListOfferingsRequest())
                assert listed.total_size >= 25
        finally:
            await stop_server(server)


async def test_stop_is_clean_and_idempotent_start(settings: Settings) -> None:
    server, port = await create_server("127.0.0.1:0", settings)
    await server.start()  # callers may start it again: a no-op
    assert port > 0
    await stop_server(server, grace=0.5)
    async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
        stub = catalog_service_pb2_grpc.CatalogServiceStub(channel)
        with pytest.raises(grpc.aio.AioRpcError) as raised:
            await stub.ListOfferings(cs.ListOfferingsRequest(), timeout=0.5)
    assert raised.value.code() in (grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.DEADLINE_EXCEEDED)


async def test_serve_stops_gracefully_on_sigterm(settings: Settings) -> None:
    ports: list[int] = []

    def started(port: int) -> None:
        # The harshest timing: the signal arrives as soon as the port is announced.
        ports.append(port)
        os.kill(os.getpid(), signal.SIGTERM)

    await asyncio.wait_for(serve("127.0.0.1:0", settings, on_started=started, grace=0.5), 10)
    assert signal.getsignal(signal.SIGTERM) == signal.SIG_DFL  # handler removed again
    async with grpc.aio.insecure_channel(f"127.0.0.1:{ports[0]}") as channel:
        stub = catalog_service_pb2_grpc.CatalogServiceStub(channel)
        with pytest.raises(grpc.aio.AioRpcError) as raised:
            await stub.ListOfferings(cs.ListOfferingsRequest(), timeout=0.5)
    assert raised.value.code() in (grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.DEADLINE_EXCEEDED)
