"""Composition root of the gRPC tier: database, use cases, servicers, interceptor, health
and reflection, wired into one grpc.aio server."""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections.abc import Callable, Iterable

import grpc
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.catalog.services import CatalogManagement
from ordercapture.catalog.v1 import catalog_service_pb2, catalog_service_pb2_grpc
from servers.catalog.file_loader import CatalogFileLoader
from servers.catalog.seed import seed_demo_catalog
from servers.catalog.servicer import CatalogServicer
from servers.errors import DomainErrorInterceptor
from servers.persistence.database import create_engine, create_session_factory, migrate
from servers.persistence.unit_of_work import catalog_uow_factory
from servers.settings import Settings
from servers.system import SystemClock, UuidIds

CATALOG_SERVICE = catalog_service_pb2.DESCRIPTOR.services_by_name["CatalogService"].full_name


class OrderCaptureServer(grpc.aio.Server):
    """The grpc.aio server plus what must be released with it (background import jobs, the
    database engine). Behaves as a plain grpc.aio.Server for callers."""

    def __init__(
        self, server: grpc.aio.Server, engine: AsyncEngine, servicer: CatalogServicer
    ) -> None:
        self._server = server
        self._engine = engine
        self._servicer = servicer

    def add_generic_rpc_handlers(
        self, generic_rpc_handlers: Iterable[grpc.GenericRpcHandler]
    ) -> None:
        self._server.add_generic_rpc_handlers(generic_rpc_handlers)

    def add_insecure_port(self, address: str) -> int:
        return self._server.add_insecure_port(address)

    def add_secure_port(self, address: str, server_credentials: grpc.ServerCredentials) -> int:
        return self._server.add_secure_port(address, server_credentials)

    async def start(self) -> None:
        await self._server.start()

    async def stop(self, grace: float | None) -> None:
        await self._server.stop(grace)
        await self._servicer.close()
        await self._engine.dispose()

    async def wait_for_termination(self, timeout: float | None = None) -> bool:  # noqa: ASYNC109
        return await self._server.wait_for_termination(timeout)


async def create_server(address: str, settings: Settings) -> tuple[grpc.aio.Server, int]:
    """A ready, not yet started server bound to `address` (port 0 picks one) and its port.
    Migrations run and, when configured, the demo catalog is loaded before it returns."""
    await migrate(settings.database_url)
    engine = create_engine(settings.database_url)
    catalog = CatalogManagement(
        catalog_uow_factory(create_session_factory(engine)),
        SystemClock(),
        UuidIds(),
        CatalogFileLoader(settings),
    )
    if settings.seed_demo_data:
        await seed_demo_catalog(catalog)
    servicer = CatalogServicer(catalog)
    server = grpc.aio.server(interceptors=[DomainErrorInterceptor()])
    catalog_service_pb2_grpc.add_CatalogServiceServicer_to_server(servicer, server)
    await _add_health(server)
    reflection.enable_server_reflection(
        (CATALOG_SERVICE, reflection.SERVICE_NAME, health.SERVICE_NAME), server
    )
    port = server.add_insecure_port(address)
    return OrderCaptureServer(server, engine, servicer), port


async def _add_health(server: grpc.aio.Server) -> None:
    checker = health.aio.HealthServicer()
    health_pb2_grpc.add_HealthServicer_to_server(checker, server)
    for service in ("", CATALOG_SERVICE):
        await checker.set(service, health_pb2.HealthCheckResponse.SERVING)


async def serve(
    address: str, settings: Settings, on_started: Callable[[int], None] | None = None
) -> None:
    """Runs the gRPC tier until SIGINT or SIGTERM, then stops gracefully."""
    server, port = await create_server(address, settings)
    await server.start()
    if on_started:
        on_started(port)
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(signum, stopping.set)
    await stopping.wait()
    await server.stop(5.0)
