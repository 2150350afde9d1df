"""The import-file loader reads inside the import folder, or http(s) when allowed; it
refuses everything else without revealing server paths."""

from __future__ import annotations

import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from domain.catalog.errors import CatalogFileInvalid, ImportSourceRefused
from servers.catalog import file_loader
from servers.catalog.file_loader import FolderAndHttpFileLoader
from servers.settings import Settings

GOOD = json.dumps({"category": {"id": "c1", "name": "Fibre"}}) + "\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    imports = tmp_path / "imports"
    (imports / "sub").mkdir(parents=True)
    (imports / "catalog.jsonl").write_text(GOOD, encoding="utf-8")
    (imports / "sub" / "two words.jsonl").write_text(GOOD, encoding="utf-8")
    (tmp_path / "secret.jsonl").write_text(GOOD, encoding="utf-8")
    return imports


@pytest.fixture
def loader(folder: Path) -> FolderAndHttpFileLoader:
    return FolderAndHttpFileLoader(Settings(import_folder=folder))


@pytest.mark.parametrize(
    "source",
    [
        "catalog.jsonl",
        "./sub/../catalog.jsonl",
        "sub/two words.jsonl",
        "file:catalog.jsonl",
        "file:sub/two%20words.jsonl",
    ],
)
async def test_reads_inside_the_folder(loader: FolderAndHttpFileLoader, source: str) -> None:
    records = await loader.load(source, "application/x-ndjson")
    assert [(r.line, r.entity.id) for r in records] == [(1, "c1")]


async def test_absolute_paths_inside_the_folder_are_fine(
    loader: FolderAndHttpFileLoader, folder: Path
) -> None:
    assert await loader.load(str(folder / "catalog.jsonl"), "")
    assert await loader.load((folder / "catalog.jsonl").as_uri(), "")


@pytest.mark.parametrize(
    "content_type",
    ["", "application/jsonl", "application/json; charset=utf-8", "APPLICATION/X-NDJSON"],
)
async def test_accepted_content_types(loader: FolderAndHttpFileLoader, content_type: str) -> None:
    assert await loader.load("catalog.jsonl", content_type)


async def _refusal(loader: FolderAndHttpFileLoader, source: str, content_type: str = "") -> str:
    with pytest.raises(ImportSourceRefused) as raised:
        await loader.load(source, content_type)
    return raised.value.message


@pytest.mark.parametrize(
    "source",
    [
        "../secret.jsonl",
        "sub/../../secret.jsonl",
        "file:../secret.jsonl",
        "file:///etc/passwd",
        "/etc/passwd",
    ],
)
async def test_refuses_escapes(loader: FolderAndHttpFileLoader, folder: Path, source: str) -> None:
    message = await _refusal(loader, source)
    assert "outside the import folder" in message
    assert str(folder) not in message


async def test_refuses_symlinks_out_of_the_folder(
    loader: FolderAndHttpFileLoader, folder: Path
) -> None:
    (folder / "link.jsonl").symlink_to(folder.parent / "secret.jsonl")
    assert "outside" in await _refusal(loader, "link.jsonl")


async def test_missing_file_is_refused_without_server_paths(
    loader: FolderAndHttpFileLoader, folder: Path
) -> None:
    message = await _refusal(loader, "nope.jsonl")
    assert message == "'nope.jsonl' does not exist in the import folder"
    assert "does not exist" in await _refusal(loader, "sub")  # a folder is not a file


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("ftp://example.com/c.jsonl", "scheme 'ftp'"),
        ("s3://bucket/c.jsonl", "scheme 's3'"),
        ("file://fileserver/share/c.jsonl", "must not name a host"),
        ("http://127.0.0.1:1/c.jsonl", "http(s) imports are disabled"),
        ("https://example.com/c.jsonl", "http(s) imports are disabled"),
        ("bad\0name", "not a usable path"),
    ],
)
async def test_refuses_other_sources(
    loader: FolderAndHttpFileLoader, source: str, expected: str
) -> None:
    assert expected in await _refusal(loader, source)


@pytest.mark.parametrize("content_type", ["text/csv", "application/xml"])
async def test_refuses_other_content_types(
    loader: FolderAndHttpFileLoader, content_type: str
) -> None:
    assert "is not a catalog file" in await _refusal(loader, "catalog.jsonl", content_type)


async def test_refuses_files_over_the_size_cap(
    loader: FolderAndHttpFileLoader, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(file_loader, "MAX_FILE_BYTES", 10)
    assert "larger than 10 bytes" in await _refusal(loader, "catalog.jsonl")


async def test_non_utf8_is_an_invalid_file(loader: FolderAndHttpFileLoader, folder: Path) -> None:
    (folder / "latin1.jsonl").write_bytes(GOOD.replace("Fibre", "Fibr\xe9").encode("latin-1"))
    with pytest.raises(CatalogFileInvalid):
        await loader.load("latin1.jsonl", "")


async def test_bad_content_is_an_invalid_file(
    loader: FolderAndHttpFileLoader, folder: Path
) -> None:
    (folder / "bad.jsonl").write_text(GOOD + "{oops\n", encoding="utf-8")
    with pytest.raises(CatalogFileInvalid) as raised:
        await loader.load("bad.jsonl", "")
    assert [v.field for v in raised.value.violations] == ["line 2"]


# --- http(s), against a real local HTTP server ---


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/catalog.jsonl":
            body = GOOD.encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        elif self.path == "/moved":
            self.send_response(302)
            self.send_header("Location", "/catalog.jsonl")
            self.send_header("Content-Length", "0")
            self.end_headers()
        else:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def web() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def http_loader(folder: Path) -> FolderAndHttpFileLoader:
    return FolderAndHttpFileLoader(Settings(import_folder=folder, allow_http_imports=True))


async def test_downloads_when_allowed(http_loader: FolderAndHttpFileLoader, web: str) -> None:
    records = await http_loader.load(f"{web}/catalog.jsonl", "application/x-ndjson")
    assert [r.entity.id for r in records] == ["c1"]


async def test_does_not_follow_redirects(http_loader: FolderAndHttpFileLoader, web: str) -> None:
    assert "answered 302" in await _refusal(http_loader, f"{web}/moved")


async def test_http_errors_are_refusals(http_loader: FolderAndHttpFileLoader, web: str) -> None:
    assert "answered 404" in await _refusal(http_loader, f"{web}/missing")


async def test_download_size_is_capped(
    http_loader: FolderAndHttpFileLoader, web: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(file_loader, "MAX_FILE_BYTES", 10)
    assert "larger than 10 bytes" in await _refusal(http_loader, f"{web}/catalog.jsonl")


async def test_unreachable_host_is_a_refusal(http_loader: FolderAndHttpFileLoader) -> None:
    message = await _refusal(http_loader, "http://127.0.0.1:1/catalog.jsonl")
    assert message == "the source could not be read (ConnectError)"
