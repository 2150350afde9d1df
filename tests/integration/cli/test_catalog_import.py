"""`ordercapture catalog import` as a subprocess against a real `ordercapture serve-grpc`."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path

from tests.integration.cli.conftest import GrpcTier
from tests.integration.cli.processes import DEMO_CATALOG, run_command

DEMO_RECORDS = sum(1 for line in DEMO_CATALOG.read_text(encoding="utf-8").splitlines() if line)
SUMMARY = re.compile(r"Imported (\d+) records from .*: (\d+) created, (\d+) replaced\.")


def _import(tier: GrpcTier, path: Path, *extra: str) -> tuple[int, str, str]:
    done = run_command(
        ["catalog", "import", str(path), "--grpc-target", tier.target, *extra],
        tier.env,
        tier.cwd,
    )
    return done.returncode, done.stdout, done.stderr


def _summary(stdout: str) -> tuple[int, int, int]:
    match = SUMMARY.search(stdout)
    assert match, stdout
    imported, created, replaced = (int(g) for g in match.groups())
    return imported, created, replaced


def _write(path: Path, *records: Mapping[str, object]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_imports_the_demo_catalog_in_chunks_then_replaces_it(grpc_tier: GrpcTier) -> None:
    code, stdout, stderr = _import(grpc_tier, DEMO_CATALOG, "--chunk-size", "17")
    assert code == 0, stderr
    assert _summary(stdout) == (DEMO_RECORDS, DEMO_RECORDS, 0)
    assert f"{DEMO_RECORDS}/{DEMO_RECORDS}" in stderr  # the progress bar's last state

    code, stdout, stderr = _import(grpc_tier, DEMO_CATALOG)
    assert code == 0, stderr
    assert _summary(stdout) == (DEMO_RECORDS, 0, DEMO_RECORDS)


def test_a_file_the_server_refuses_stores_nothing(grpc_tier: GrpcTier) -> None:
    category = {"category": {"id": "cat-x", "name": "X", "lifecycleStatus": "Active"}}
    refused = _write(
        grpc_tier.cwd / "refused.jsonl",
        category,
        # Well-formed, so the local check passes; the price exists neither in the file nor in
        # the database, which only the server can know.
        {
            "offering": {
                "id": "off-x",
                "name": "X",
                "lifecycleStatus": "Active",
                "priceIds": ["price-nowhere"],
            }
        },
    )
    code, stdout, stderr = _import(grpc_tier, refused)
    assert code == 1, stdout
    assert "price-nowhere" in stderr
    assert "Nothing was imported." in stderr

    # All or nothing: the valid category of the refused file was not stored either.
    code, stdout, stderr = _import(grpc_tier, _write(grpc_tier.cwd / "ok.jsonl", category))
    assert code == 0, stderr
    assert _summary(stdout) == (1, 1, 0)


def test_a_malformed_file_is_reported_by_line_and_never_sent(grpc_tier: GrpcTier) -> None:
    bad = grpc_tier.cwd / "bad.jsonl"
    bad.write_text(
        '{"category": {"id": "cat-ok", "name": "OK", "lifecycleStatus": "Active"}}\n'
        "{not json\n"
        '{"category": {"id": "cat-also-ok", "name": "OK", "lifecycleStatus": "Active"}}\n'
        '{"offering": {"id": "off-y", "isBundle": "maybe"}}\n',
        encoding="utf-8",
    )
    code, _, stderr = _import(grpc_tier, bad)
    assert code == 1
    assert f"{bad}: line 2" in stderr
    assert f"{bad}: line 4" in stderr
    assert "line 1" not in stderr
    assert "nothing was sent" in stderr

    code, stdout, stderr = _import(
        grpc_tier,
        _write(bad, {"category": {"id": "cat-ok", "name": "OK", "lifecycleStatus": "Active"}}),
    )
    assert code == 0, stderr
    assert _summary(stdout) == (1, 1, 0)


def test_an_unreachable_server_exits_2(grpc_tier: GrpcTier) -> None:
    done = run_command(
        ["catalog", "import", str(DEMO_CATALOG), "--grpc-target", "127.0.0.1:1"],
        grpc_tier.env,
        grpc_tier.cwd,
    )
    assert done.returncode == 2, done.stderr
    assert "cannot reach the gRPC tier at 127.0.0.1:1" in done.stderr
