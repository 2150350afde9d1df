"""Composition root of the gRPC tier: database, use cases, servicers, interceptor, health
and reflection, wired into one grpc.aio server."""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections.abc import AsyncIterator, Callable, Iterable
from typing import Any

import grpc
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.catalog.services import CatalogManagement
from ordercapture.catalog.v1 import catalog_service_pb2, catalog_service_pb2_grpc
from servers.background import BackgroundTasks
from servers.catalog.events import CATALOG_PUBLICATIONS
from servers.catalog.file_loader import FolderAndHttpFileLoader
from servers.catalog.search import fill_catalog_search_documents
from servers.catalog.seed import seed_demo_catalog
from servers.catalog.servicer import CatalogServicer
from servers.correlation_interceptor import CorrelationIdInterceptor
from servers.errors import DomainErrorInterceptor
from servers.feasibility.wiring import install_feasibility
from servers.notification.wiring import install_notifications
from servers.ordering.wiring import install_ordering
from servers.persistence.database import create_engine, create_session_factory, migrate
from servers.persistence.unit_of_work import catalog_uow_factory
from servers.qualification.wiring import install_eligibility
from servers.settings import Settings
from servers.system import SystemClock, UuidIds

CATALOG_SERVICE = catalog_service_pb2.DESCRIPTOR.services_by_name["CatalogService"].full_name
DEFAULT_GRACE = 5.0


class OrderCaptureServer(grpc.aio.Server):
    """A grpc.aio.Server that also releases what it owns on stop(): it reports NOT_SERVING
    first (health watchers and load balancers stop sending), then drains calls and background
    import jobs and closes the database engine. Callers treat it as a plain grpc.aio.Server."""

    def __init__(
        self,
        server: grpc.aio.Server,
        engine: AsyncEngine,
        jobs: BackgroundTasks,
        health_checker: health.aio.HealthServicer,
    ) -> None:
        self._server = server
        self._engine = engine
        self._jobs = jobs
        self._health = health_checker

    def add_generic_rpc_handlers(
        self, generic_rpc_handlers: Iterable[grpc.GenericRpcHandler]
    ) -> None:
        self._server.add_generic_rpc_handlers(generic_rpc_handlers)

    def add_registered_method_handlers(self, service_name: str, method_handlers: Any) -> None:
        self._server.add_registered_method_handlers(service_name, method_handlers)

    def add_insecure_port(self, address: str) -> int:
        return self._server.add_insecure_port(address)

    def add_secure_port(self, address: str, server_credentials: grpc.ServerCredentials) -> int:
        return self._server.add_secure_port(address, server_credentials)

    async def start(self) -> None:
        await self._server.start()  # a no-op when already started

    async def stop(self, grace: float | None) -> None:
        await self._health.enter_graceful_shutdown()
        await self._server.stop(grace)
        await self._jobs.close(grace)
        await self._engine.dispose()

    async def wait_for_termination(self, timeout: float | None = None) -> bool:  # noqa: ASYNC109
        return await self._server.wait_for_termination(timeout)


async def create_server(address: str, settings: Settings) -> tuple[grpc.aio.Server, int]:
    """A started server on `address` (port 0 picks a free one) and the port it listens on.
    The schema is migrated and, when configured, the demo catalog loaded before the port
    answers, so no client ever sees a half-seeded catalog. Stop it with stop_server()
    (or its own stop(), which does the same)."""
    await migrate(settings.database_url)
    engine = create_engine(settings.database_url)
    jobs = BackgroundTasks()
    sessions = create_session_factory(engine)
    try:
        catalog = CatalogManagement(
            catalog_uow_factory(sessions, CATALOG_PUBLICATIONS),
            SystemClock(),
            UuidIds(),
            FolderAndHttpFileLoader(settings),
        )
        # Rows stored before search documents existed get theirs before any List is served.
        await fill_catalog_search_documents(sessions)
        if settings.seed_demo_data:
            await seed_demo_catalog(catalog)
        # The correlation id is bound outermost, so the error interceptor's logs carry it.
        interceptors = [CorrelationIdInterceptor(), DomainErrorInterceptor()]
        server = grpc.aio.server(interceptors=interceptors)
        catalog_service_pb2_grpc.add_CatalogServiceServicer_to_server(
            CatalogServicer(catalog, jobs), server
        )
        # Each bounded context adds its servicer and returns its full service name.
        services = [CATALOG_SERVICE]
        services.append(await install_eligibility(server, sessions, settings, jobs, catalog))
        services.append(await install_feasibility(server, sessions, settings, jobs, catalog))
        services.extend(await install_ordering(server, sessions, settings, catalog))
        services.extend(install_notifications(server, sessions, settings))
        health_checker = await _add_health(server, services)
        reflection.enable_server_reflection(
            (*services, reflection.SERVICE_NAME, health.SERVICE_NAME), server
        )
        port = server.add_insecure_port(address)
        await server.start()
    except BaseException:
        await engine.dispose()
        raise
    return OrderCaptureServer(server, engine, jobs, health_checker), port


async def stop_server(server: grpc.aio.Server, grace: float | None = DEFAULT_GRACE) -> None:
    """Stops accepting calls, lets in-flight calls and import jobs finish for `grace`
    seconds, then cancels what is left and closes the database engine."""
    await server.stop(grace)


async def _add_health(
    server: grpc.aio.Server, services: Iterable[str]
) -> health.aio.HealthServicer:
    checker = health.aio.HealthServicer()
    health_pb2_grpc.add_HealthServicer_to_server(checker, server)
    for service in ("", *services):
        await checker.set(service, health_pb2.HealthCheckResponse.SERVING)
    return checker


async def serve(
    address: str,
    settings: Settings,
    on_started: Callable[[int], None] | None = None,
    grace: float = DEFAULT_GRACE,
) -> None:
    """Runs the gRPC tier until SIGINT or SIGTERM, then stops gracefully. `on_started`
    receives the bound port once the server answers and the signals are handled."""
    server, port = await create_server(address, settings)
    try:
        # Signals are handled before the port is announced: a supervisor may send SIGTERM
        # the moment it sees it, and that must still be a graceful stop.
        async with _stop_requested() as stopping:
            if on_started:
                on_started(port)
            await stopping.wait()
    finally:
        await stop_server(server, grace)


@contextlib.asynccontextmanager
async def _stop_requested() -> AsyncIterator[asyncio.Event]:
    """An event set by SIGINT or SIGTERM while inside; the default handlers come back after."""
    loop = asyncio.get_running_loop()
    stopping = asyncio.Event()
    handled = (signal.SIGINT, signal.SIGTERM)
    for signum in handled:
        with contextlib.suppress(NotImplementedError):  # loops without signal support
            loop.add_signal_handler(signum, stopping.set)
    try:
        yield stopping
    finally:
        for signum in handled:
            with contextlib.suppress(NotImplementedError):
                loop.remove_signal_handler(signum)
