"""A real gRPC tier in a background thread, and a thin client for the TMF620 facade.

The gRPC server runs on its own event loop in its own thread: the Connexion TestClient runs the
app on a portal thread with another loop, and grpc.aio objects are bound to their loop.
"""

from __future__ import annotations

import asyncio
import json
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import grpc
import httpx
from starlette.testclient import TestClient

from rest_facade.app import create_app
from servers.settings import Settings

BASE = "/tmf-api/productCatalogManagement/v5"


class GrpcTier:
    """Starts `servers.app.create_server` on 127.0.0.1:0 in a thread with its own loop."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self.import_folder = settings.import_folder
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._server: grpc.aio.Server | None = None
        self.port = 0

    @property
    def target(self) -> str:
        return f"127.0.0.1:{self.port}"

    def start(self) -> None:
        self._thread.start()
        self.port = self._run(self._start())

    def stop(self) -> None:
        if self._server is not None:
            self._run(self._server.stop(grace=None))
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
        self._loop.close()

    async def _start(self) -> int:
        # Imported when started, so suites that only need the facade do not load the tier.
        from servers.app import create_server

        self._server, port = await create_server("127.0.0.1:0", self._settings)
        await self._server.start()
        return int(port)

    def _run(self, coroutine: Any) -> Any:
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(timeout=60)


@contextmanager
def grpc_tier(folder: Path, database_url: str | None = None) -> Iterator[GrpcTier]:
    """The tier on `database_url`, by default a SQLite file in `folder`."""
    imports = folder / "imports"
    imports.mkdir(parents=True, exist_ok=True)
    settings = Settings(
        database_url=database_url or f"sqlite+aiosqlite:///{folder / 'catalog.db'}",
        import_folder=imports,
        seed_demo_data=False,
    )
    tier = GrpcTier(settings)
    tier.start()
    try:
        yield tier
    finally:
        tier.stop()


@contextmanager
def facade(target: str, **options: Any) -> Iterator[TestClient]:
    """The app with response validation on, its lifespan running (hence `with`)."""
    app = create_app(target, validate_responses=True, **options)
    with app.test_client() as client:
        yield client


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


@dataclass
class Exchange:
    method: str
    path: str  # below the base path, e.g. "/category/c1"
    status: int
    body: Any


@dataclass
class Tmf620:
    """Calls below the TMF620 base path; every exchange is recorded for contract checks."""

    client: TestClient
    exchanges: list[Exchange] = field(default_factory=list)

    def request(self, method: str, path: str, **options: Any) -> httpx.Response:
        response: httpx.Response = self.client.request(method, BASE + path, **options)
        body = response.json() if response.content else None
        self.exchanges.append(Exchange(method, path.split("?", 1)[0], response.status_code, body))
        return response

    def create(self, collection: str, body: dict[str, Any], query: str = "") -> httpx.Response:
        return self.request("POST", f"/{collection}{query}", json=body)

    def retrieve(self, collection: str, entity_id: str, query: str = "") -> httpx.Response:
        return self.request("GET", f"/{collection}/{entity_id}{query}")

    def list(self, collection: str, query: str = "") -> httpx.Response:
        return self.request("GET", f"/{collection}{query}")

    def patch(
        self,
        collection: str,
        entity_id: str,
        body: dict[str, Any],
        media_type: str = "application/merge-patch+json",
    ) -> httpx.Response:
        return self.request(
            "PATCH",
            f"/{collection}/{entity_id}",
            content=json.dumps(body),
            headers={"Content-Type": media_type},
        )

    def delete(self, collection: str, entity_id: str) -> httpx.Response:
        return self.request("DELETE", f"/{collection}/{entity_id}")
