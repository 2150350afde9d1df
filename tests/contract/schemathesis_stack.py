"""The served product for schemathesis: the real gRPC tier (on a copy of the seeded demo
database) and the REST facade under uvicorn on 127.0.0.1, as `ordercapture serve-rest` runs
it (no response validation in the app: schemathesis checks the responses itself).

The facade runs on an event loop of its own in a background thread, so schemathesis (which is
synchronous) can drive it over real HTTP from the test's thread. No relay runs: hub
registrations are stored but nothing is ever delivered to a callback.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from cli.addresses import ListenAddress
from cli.rest_server import RunningRestServer, create_app, start_rest_server


class ServedFacade:
    """`create_app(target)` served by uvicorn on 127.0.0.1:0 in a thread with its own loop."""

    def __init__(self, grpc_target: str) -> None:
        self._grpc_target = grpc_target
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._running: RunningRestServer | None = None

    @property
    def base_url(self) -> str:
        assert self._running is not None
        return self._running.base_url

    def start(self) -> None:
        self._thread.start()
        self._running = self._run(
            start_rest_server(
                create_app(self._grpc_target),
                ListenAddress("127.0.0.1", 0),
                access_log=False,
            )
        )

    def stop(self) -> None:
        if self._running is not None:
            self._run(self._running.stop())
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
        self._loop.close()

    def _run(self, coroutine: Any) -> Any:
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(timeout=60)


@contextmanager
def served_facade(grpc_target: str) -> Iterator[ServedFacade]:
    facade = ServedFacade(grpc_target)
    facade.start()
    try:
        yield facade
    finally:
        facade.stop()
