"""The REST facade under uvicorn, embedded in the CLI's own event loop."""

from __future__ import annotations

import asyncio
import contextlib
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import uvicorn

from cli.addresses import ListenAddress

# Connexion imports Starlette's TestClient, which warns about httpx on every start; that is a
# concern of test code, not something to show a user starting the product.
warnings.filterwarnings("ignore", message="Using `?httpx`? with `?starlette.testclient`?")

from rest_facade.app import create_app  # noqa: E402  (after the filter)
from rest_facade.catalog.api import BASE_PATH as CATALOG_BASE_PATH  # noqa: E402
from rest_facade.feasibility.api import BASE_PATH as FEASIBILITY_BASE_PATH  # noqa: E402
from rest_facade.ordering.api import BASE_PATH as ORDERING_BASE_PATH  # noqa: E402
from rest_facade.qualification.api import BASE_PATH as QUALIFICATION_BASE_PATH  # noqa: E402

# What a newcomer may open in a browser, in journey order.
_APIS = (
    ("TMF620 v5", CATALOG_BASE_PATH),
    ("TMF679 v5", QUALIFICATION_BASE_PATH),
    ("TMF645 v4", FEASIBILITY_BASE_PATH),
    ("TMF622 v5", ORDERING_BASE_PATH),
)

__all__ = ["RunningRestServer", "create_app", "print_rest_urls", "start_rest_server"]


class _EmbeddedServer(uvicorn.Server):
    """uvicorn without its own signal handling: the CLI owns SIGINT/SIGTERM because it also has
    to stop the gRPC tier, and uvicorn would re-raise the signal after its shutdown."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


@dataclass(slots=True)
class RunningRestServer:
    server: uvicorn.Server
    task: asyncio.Task[None]
    address: ListenAddress  # with the bound port

    @property
    def base_url(self) -> str:
        return f"http://{self.address.dial_target}"

    async def stop(self) -> None:
        self.server.should_exit = True
        await self.task


async def start_rest_server(
    app: Any, listen: ListenAddress, *, access_log: bool
) -> RunningRestServer:
    """Serves `app` (an ASGI app) and returns once it accepts connections."""
    config = uvicorn.Config(
        app,
        host=listen.host,
        port=listen.port,
        loop="auto",
        http="auto",
        lifespan="on",
        access_log=access_log,
        # The CLI prints the addresses itself; uvicorn would print port 0 as given.
        log_level="info" if access_log else "warning",
    )
    server = _EmbeddedServer(config)
    task = asyncio.create_task(server.serve())
    while not server.started:
        if task.done():
            task.result()
            raise RuntimeError(f"the REST server did not start on {listen.dial_target}")
        await asyncio.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    return RunningRestServer(server, task, listen.with_port(port))


def print_rest_urls(rest: RunningRestServer) -> None:
    for name, base_path in _APIS:
        api = f"{rest.base_url}{base_path}"
        print(f"REST API ({name}): {api}", flush=True)
        print(f"Swagger UI: {api}/ui/", flush=True)
