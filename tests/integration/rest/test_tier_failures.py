"""The gRPC tier down or slow: 503 with Retry-After, or 504, as TMF Errors without addresses."""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import Iterator

import grpc
import pytest

from tests.integration.rest.harness import BASE, facade


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    assert isinstance(port, int)
    return port


def test_tier_down_is_503_with_retry_after() -> None:
    port = closed_port()
    with facade(f"127.0.0.1:{port}") as client:
        response = client.get(f"{BASE}/productOffering")
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "1"
    assert response.headers["Content-Type"] == "application/json"
    document = response.json()
    assert (document["@type"], document["code"], document["status"]) == (
        "Error",
        "UNAVAILABLE",
        "503",
    )
    assert "127.0.0.1" not in response.text
    assert str(port) not in response.text


class SlowTier:
    """A gRPC server whose every catalog call outlasts the facade's deadline."""

    def __init__(self) -> None:
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._server: grpc.aio.Server | None = None
        self.port = 0

    async def _start(self) -> int:
        async def slow(request: bytes, context: grpc.aio.ServicerContext[bytes, bytes]) -> bytes:
            await asyncio.sleep(2)
            return b""

        handler = grpc.method_handlers_generic_handler(
            "ordercapture.catalog.v1.CatalogService",
            {"ListOfferings": grpc.unary_unary_rpc_method_handler(slow)},
        )
        self._server = grpc.aio.server()
        self._server.add_generic_rpc_handlers((handler,))
        port = self._server.add_insecure_port("127.0.0.1:0")
        await self._server.start()
        return port

    def __enter__(self) -> SlowTier:
        self._thread.start()
        self.port = asyncio.run_coroutine_threadsafe(self._start(), self._loop).result(10)
        return self

    def __exit__(self, *_: object) -> None:
        if self._server is not None:
            asyncio.run_coroutine_threadsafe(self._server.stop(None), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
        self._loop.close()


@pytest.fixture
def slow_tier() -> Iterator[SlowTier]:
    with SlowTier() as tier:
        yield tier


def test_deadline_exceeded_is_504(slow_tier: SlowTier) -> None:
    with facade(f"127.0.0.1:{slow_tier.port}", deadline_seconds=0.2) as client:
        response = client.get(f"{BASE}/productOffering")
    assert response.status_code == 504
    assert response.json()["code"] == "DEADLINE_EXCEEDED"


def test_unimplemented_is_501(slow_tier: SlowTier) -> None:
    with facade(f"127.0.0.1:{slow_tier.port}") as client:
        response = client.get(f"{BASE}/category")
    assert response.status_code == 501
    assert response.json()["@type"] == "Error"
