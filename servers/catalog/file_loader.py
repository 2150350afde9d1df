"""Reads the file an import job names: a path inside the import folder, or (when allowed)
an http(s) URL. Nothing else: an import must not become a way to read the server's disk
or to reach internal hosts."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import unquote, urlsplit

import httpx

from domain.catalog.errors import ImportSourceRefused
from domain.catalog.model import CatalogRecord
from servers.catalog.mapping.records import records_from
from servers.catalog.records import parse_catalog_file
from servers.settings import Settings

ACCEPTED_CONTENT_TYPES = frozenset(
    {"", "application/x-ndjson", "application/jsonl", "application/json"}
)
MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024
DOWNLOAD_TIMEOUT_SECONDS = 10.0


class CatalogFileLoader:
    def __init__(self, settings: Settings) -> None:
        self._folder = settings.import_folder
        self._allow_http = settings.allow_http_imports

    async def load(self, source_url: str, content_type: str) -> Sequence[CatalogRecord]:
        media_type = content_type.split(";", 1)[0].strip().lower()
        if media_type not in ACCEPTED_CONTENT_TYPES:
            raise ImportSourceRefused(f"content type {content_type!r} is not a catalog file")
        parts = urlsplit(source_url)
        if parts.scheme in ("http", "https"):
            text = await self._download(source_url)
        elif parts.scheme in ("", "file") and not parts.netloc:
            text = await asyncio.to_thread(self._read_local, unquote(parts.path))
        else:
            raise ImportSourceRefused(f"scheme {parts.scheme!r} is not allowed for imports")
        return records_from(parse_catalog_file(text))

    def _read_local(self, name: str) -> str:
        folder = self._folder.resolve()
        candidate = Path(name)
        path = (candidate if candidate.is_absolute() else folder / candidate).resolve()
        if not path.is_relative_to(folder):
            raise ImportSourceRefused(f"{name!r} is outside the import folder")
        if not path.is_file():
            raise ImportSourceRefused(f"{name!r} does not exist in the import folder")
        return path.read_text(encoding="utf-8")

    async def _download(self, url: str) -> str:
        if not self._allow_http:
            raise ImportSourceRefused("http(s) imports are disabled on this server")
        try:
            async with (
                httpx.AsyncClient(
                    follow_redirects=False, timeout=DOWNLOAD_TIMEOUT_SECONDS
                ) as client,
                client.stream("GET", url) as response,
            ):
                if response.status_code != 200:
                    raise ImportSourceRefused(f"the source answered {response.status_code}")
                body = bytearray()
                async for chunk in response.aiter_bytes():
                    body.extend(chunk)
                    if len(body) > MAX_DOWNLOAD_BYTES:
                        raise ImportSourceRefused("the source file is too large")
        except httpx.HTTPError as error:
            message = f"the source could not be read ({type(error).__name__})"
            raise ImportSourceRefused(message) from error
        return body.decode("utf-8", errors="replace")
