"""The gRPC tier as a context: running on enter, stopped gracefully on exit."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

import grpc

from cli.addresses import ListenAddress
from servers.app import create_server
from servers.settings import Settings

# Seconds in-flight calls get to finish on shutdown before they are cancelled.
SHUTDOWN_GRACE = 5.0


@contextlib.asynccontextmanager
async def running_grpc_tier(
    listen: ListenAddress, settings: Settings
) -> AsyncIterator[ListenAddress]:
    """Yields the listen address with the bound port (port 0 picks a free one). The server
    comes back started, migrated and seeded; its stop() also drains import jobs and closes
    the database."""
    server: grpc.aio.Server
    server, port = await create_server(listen.grpc_address, settings)
    try:
        yield listen.with_port(port)
    finally:
        await server.stop(SHUTDOWN_GRACE)
