"""`ordercapture catalog import` end to end inside the process: the local check of the file, the
streamed call (grpcio-testing plays the server, see grpc_fakes) and what the user sees."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

import grpc
import pytest

from cli.main import main
from ordercapture.catalog.v1 import catalog_service_pb2
from tests.unit.cli.grpc_fakes import (
    catalog_file_invalid,
    client_in_thread,
    fake_server_channel,
    take_import_call,
)

VALID = (
    '{"category": {"id": "cat-a", "name": "A", "lifecycleStatus": "Active"}}\n'
    '{"category": {"id": "cat-b", "name": "B", "lifecycleStatus": "Active", "parentId": "cat-a"}}\n'
    '{"price": {"id": "price-a", "name": "A", "kind": "PRICE_KIND_ONE_TIME", '
    '"amount": {"currencyCode": "EUR", "amount": "1.00"}}}\n'
)


@pytest.fixture
def catalog_file(tmp_path: Path) -> Path:
    path = tmp_path / "catalog.jsonl"
    path.write_text(VALID, encoding="utf-8")
    return path


@pytest.fixture
def channel(monkeypatch: pytest.MonkeyPatch) -> Any:
    """The command's channel, replaced by grpcio-testing's."""
    fake = fake_server_channel()
    monkeypatch.setattr(grpc, "insecure_channel", lambda target: fake)
    return fake


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_streams_the_file_and_prints_the_summary(
    catalog_file: Path, channel: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    command = ["catalog", "import", str(catalog_file), "--chunk-size", "2"]
    with client_in_thread(lambda: main(command)) as exit_code:
        call = take_import_call(channel)
        chunks = call.take_chunks(2)
        call.succeed(
            catalog_service_pb2.ImportCatalogResponse(records_imported=3, created=2, replaced=1)
        )
        assert exit_code.result(timeout=5) == 0

    assert [[r.line for r in c.records] for c in chunks] == [[1, 2], [3]]
    assert [r.WhichOneof("entity") for c in chunks for r in c.records] == [
        "category",
        "category",
        "price",
    ]
    out, err = capsys.readouterr()
    assert f"Imported 3 records from {catalog_file}: 2 created, 1 replaced." in out
    assert "3/3" in err


def test_prints_each_violation_the_server_reports_and_exits_1(
    catalog_file: Path, channel: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    with client_in_thread(lambda: main(["catalog", "import", str(catalog_file)])) as exit_code:
        call = take_import_call(channel)
        call.take_chunks(1)
        call.reject(
            catalog_file_invalid(
                ("line 2", "parent category 'cat-a' is retired"),
                ("line 3", "currency 'EUR' is not sold"),
            )
        )
        assert exit_code.result(timeout=5) == 1

    err = capsys.readouterr().err
    assert "INVALID_ARGUMENT CATALOG_FILE_INVALID" in err
    assert "line 2: parent category 'cat-a' is retired" in err
    assert "line 3: currency 'EUR' is not sold" in err
    assert "Nothing was imported." in err


def test_a_bad_file_is_reported_line_by_line_and_never_sent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def no_channel(target: str) -> None:
        raise AssertionError("a bad file must not open a channel")

    monkeypatch.setattr(grpc, "insecure_channel", no_channel)
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        VALID.splitlines()[0] + "\n{oops\n" + '{"nothing": {}}\n' + VALID.splitlines()[2] + "\n",
        encoding="utf-8",
    )
    assert main(["catalog", "import", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "nothing was sent" in err
    lines = [line for line in err.splitlines() if line.startswith("  ")]
    assert len(lines) >= 2, err
    assert f"{bad}: line 2" in lines[0]
    assert f"{bad}: line 3" in lines[1]
    assert "line 1" not in err


def test_a_missing_file_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["catalog", "import", str(tmp_path / "absent.jsonl")]) == 1
    assert "cannot read" in capsys.readouterr().err


def test_an_unreachable_server_exits_2(
    catalog_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = f"127.0.0.1:{_free_port()}"
    assert main(["catalog", "import", str(catalog_file), "--grpc-target", target]) == 2
    assert f"cannot reach the gRPC tier at {target}" in capsys.readouterr().err
