"""A real HTTP listener on 127.0.0.1 for delivery tests: records every request it receives and
answers as the test tells it (a status, after a delay), and can go down and come back on the
same port. Plain asyncio streams, so a test controls every byte and every pause."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Received:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class Answer:
    status: int = 204
    delay: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)


class Listener:
    def __init__(self) -> None:
        self.received: list[Received] = []
        self.answer: Callable[[Received], Answer] = lambda _: Answer()
        self.port = 0
        self._server: asyncio.Server | None = None
        self._arrived = asyncio.Condition()
        self._connections: set[asyncio.Task[None]] = set()

    @property
    def callback(self) -> str:
        return f"http://127.0.0.1:{self.port}/hooks"

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._handle, "127.0.0.1", self.port)
        self.port = self._server.sockets[0].getsockname()[1]

    async def stop(self) -> None:
        server, self._server = self._server, None
        if server is not None:
            server.close()
            # Connections still open (an answer being delayed) end now, not when the test's
            # event loop closes.
            for connection in list(self._connections):
                connection.cancel()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(server.wait_closed(), 2)

    async def wait_for(
        self, predicate: Callable[[list[Received]], bool], within: float = 20
    ) -> None:
        async def satisfied() -> None:
            async with self._arrived:
                await self._arrived.wait_for(lambda: predicate(self.received))

        await asyncio.wait_for(satisfied(), within)

    def delivered(self) -> list[Received]:
        """Requests answered 2xx (the answer is decided per request and recorded)."""
        return [r for r in self.received if r.headers.get("x-answered", "")[:1] == "2"]

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        current = asyncio.current_task()
        if current is not None:
            self._connections.add(current)
        try:
            head = await reader.readuntil(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            method, path, _ = lines[0].split(" ", 2)
            headers = {
                name.strip().lower(): value.strip()
                for name, value in (line.split(":", 1) for line in lines[1:] if ":" in line)
            }
            body = await reader.readexactly(int(headers.get("content-length", "0")))
            request = Received(method, path, headers, body)
            answer = self.answer(request)
            request.headers["x-answered"] = str(answer.status)
            async with self._arrived:
                self.received.append(request)
                self._arrived.notify_all()
            if answer.delay:
                await asyncio.sleep(answer.delay)
            extra = "".join(f"{k}: {v}\r\n" for k, v in answer.headers.items())
            writer.write(
                f"HTTP/1.1 {answer.status} X\r\ncontent-length: 0\r\nconnection: close\r\n"
                f"{extra}\r\n".encode()
            )
            await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.CancelledError):
            pass
        finally:
            writer.close()
            if current is not None:
                self._connections.discard(current)
