"""Reads the file an import job names: a path inside the import folder, or (when allowed)
an http(s) URL. Nothing else: an import must not become a way to read the server's disk
or to reach internal hosts. Messages echo what the client sent, never a server path."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from urllib.parse import unquote, urlsplit

import httpx

from domain.catalog.errors import CatalogFileInvalid, ImportSourceRefused
from domain.catalog.model import CatalogRecord
from servers.catalog.records import load_catalog_text
from servers.settings import Settings

# "application/json" is accepted because clients often say it of NDJSON files.
ACCEPTED_CONTENT_TYPES = frozenset(
    {"", "application/x-ndjson", "application/jsonl", "application/json"}
)
MAX_FILE_BYTES = 20 * 1024 * 1024
DOWNLOAD_TIMEOUT_SECONDS = 10.0


class FolderAndHttpFileLoader:
    """The CatalogFileLoader port (domain.catalog.ports) of the gRPC tier."""

    def __init__(
        self, settings: Settings, transport: httpx.AsyncBaseTransport | None = None
    ) -> None:
        self._folder = settings.import_folder
        self._allow_http = settings.allow_http_imports
        self._transport = transport  # tests swap the network for httpx.MockTransport

    async def load(self, source_url: str, content_type: str) -> Sequence[CatalogRecord]:
        media_type = content_type.split(";", 1)[0].strip().lower()
        if media_type not in ACCEPTED_CONTENT_TYPES:
            raise ImportSourceRefused(f"content type {content_type!r} is not a catalog file")
        scheme = urlsplit(source_url).scheme.lower()
        if scheme in ("http", "https"):
            data = await self._download(source_url)
        elif scheme == "file":
            data = await asyncio.to_thread(self._read_local, _file_url_path(source_url))
        elif scheme == "":
            # A plain relative path is taken literally: no percent-decoding, no query part.
            data = await asyncio.to_thread(self._read_local, source_url)
        else:
            raise ImportSourceRefused(f"scheme {scheme!r} is not allowed for imports")
        return load_catalog_text(_decoded(data))

    def _read_local(self, name: str) -> bytes:
        folder = self._folder.resolve()
        try:
            # resolve() follows symlinks, so a link pointing out of the folder is caught too;
            # an absolute `name` replaces `folder` and is then judged the same way.
            path = (folder / name).resolve()
        except (OSError, ValueError, RuntimeError) as error:  # NUL bytes, symlink loops
            raise ImportSourceRefused(f"{name!r} is not a usable path") from error
        if not path.is_relative_to(folder):
            raise ImportSourceRefused(f"{name!r} is outside the import folder")
        try:
            if not path.is_file():
                raise ImportSourceRefused(f"{name!r} does not exist in the import folder")
            if path.stat().st_size > MAX_FILE_BYTES:
                raise ImportSourceRefused(f"{name!r} is larger than {MAX_FILE_BYTES} bytes")
            return path.read_bytes()
        except OSError as error:
            raise ImportSourceRefused(f"{name!r} cannot be read ({error.strerror})") from error

    async def _download(self, url: str) -> bytes:
        if not self._allow_http:
            raise ImportSourceRefused("http(s) imports are disabled on this server")
        try:
            async with (
                httpx.AsyncClient(
                    follow_redirects=False,  # a redirect could lead to an internal host
                    timeout=DOWNLOAD_TIMEOUT_SECONDS,
                    transport=self._transport,
                ) as client,
                client.stream("GET", url) as response,
            ):
                if response.status_code != httpx.codes.OK:
                    raise ImportSourceRefused(f"the source answered {response.status_code}")
                body = bytearray()
                async for chunk in response.aiter_bytes():
                    body.extend(chunk)
                    if len(body) > MAX_FILE_BYTES:
                        raise ImportSourceRefused(
                            f"the source is larger than {MAX_FILE_BYTES} bytes"
                        )
        except httpx.HTTPError as error:
            message = f"the source could not be read ({type(error).__name__})"
            raise ImportSourceRefused(message) from error
        return bytes(body)


def _file_url_path(url: str) -> str:
    parts = urlsplit(url)
    if parts.netloc not in ("", "localhost"):
        raise ImportSourceRefused("file: URLs must not name a host")
    return unquote(parts.path)


def _decoded(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")  # tolerate a byte-order mark
    except UnicodeDecodeError as error:
        raise CatalogFileInvalid(
            "the catalog file is not UTF-8 text", metadata={"offset": str(error.start)}
        ) from error
