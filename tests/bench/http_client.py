"""A minimal HTTP/1.1 keep-alive client (GET, and POST of a JSON body) on asyncio streams.

The load generator uses it instead of httpx because its per-request CPU cost is a fraction of
httpx's: on a small machine the client shares the cores with the server, and a heavy client
would measure itself."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Sequence


class Connection:
    def __init__(self, host: str, port: int) -> None:
        self._host, self._port = host, port
        self._host_header = f"{host}:{port}"
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None

    async def get(self, path: str) -> int:
        """Sends GET `path`, reads the whole response, returns the status code."""
        status, _ = await self._exchange(
            f"GET {path} HTTP/1.1\r\nHost: {self._host_header}\r\n"
            "Accept: application/json\r\n\r\n".encode("latin-1")
        )
        return status

    async def post_json(
        self, path: str, body: bytes, headers: Sequence[tuple[str, str]] = ()
    ) -> tuple[int, bytes]:
        """Sends POST `path` with a JSON `body` (and `headers`), reads the whole response,
        returns the status code and the body."""
        extra = "".join(f"{name}: {value}\r\n" for name, value in headers)
        head = (
            f"POST {path} HTTP/1.1\r\nHost: {self._host_header}\r\n"
            "Accept: application/json\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\n{extra}\r\n"
        )
        return await self._exchange(head.encode("latin-1") + body)

    async def _exchange(self, request: bytes) -> tuple[int, bytes]:
        if self._writer is None:
            self._reader, self._writer = await asyncio.open_connection(self._host, self._port)
        assert self._reader is not None
        self._writer.write(request)
        head = await self._reader.readuntil(b"\r\n\r\n")
        status_line, *header_lines = head.decode("latin-1").split("\r\n")
        status = int(status_line.split(" ", 2)[1])
        headers = {}
        for line in header_lines:
            if line:
                name, _, value = line.partition(":")
                headers[name.strip().lower()] = value.strip()
        if headers.get("transfer-encoding", "").lower() == "chunked":
            body = await self._chunked_body()
        else:
            body = await self._reader.readexactly(int(headers.get("content-length", "0")))
        if headers.get("connection", "").lower() == "close":
            await self.close()
        return status, body

    async def _chunked_body(self) -> bytes:
        assert self._reader is not None
        chunks: list[bytes] = []
        while True:
            size_line = await self._reader.readuntil(b"\r\n")
            size = int(size_line.split(b";", 1)[0], 16)
            chunks.append((await self._reader.readexactly(size + 2))[:size])  # minus its CRLF
            if size == 0:
                return b"".join(chunks)

    async def close(self) -> None:
        writer, self._writer, self._reader = self._writer, None, None
        if writer is not None:
            writer.close()
            with contextlib.suppress(OSError):  # the peer may already be gone
                await writer.wait_closed()
