"""`ordercapture feasibility import-*` as subprocesses against a real `ordercapture serve-grpc`
(empty SQLite database): the demo files import, in small batches, to the same network the demo
seed builds; a refused batch names its lines and leaves the earlier batches stored."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

import grpc
import pytest
from google.protobuf import json_format
from google.protobuf.message import Message

from ordercapture.feasibility.v1 import (
    check_pb2,
    feasibility_service_pb2,
    feasibility_service_pb2_grpc,
    network_pb2,
)
from tests.integration.cli.conftest import GrpcTier
from tests.integration.cli.processes import (
    GRPC_LINE,
    REPO_ROOT,
    ServerProcess,
    environment,
    run_command,
)

DEMO = REPO_ROOT / "servers" / "feasibility"
ADDRESSES = DEMO / "demo_addresses.jsonl"
ACCESS_NODES = DEMO / "demo_access_nodes.jsonl"
COVERAGE = DEMO / "demo_coverage.jsonl"
SUMMARY = re.compile(r"Imported (\d+) (.+) from .* in (\d+) batch\(es\)\.")


def _records(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _import(tier: GrpcTier, command: str, path: Path, *extra: str) -> tuple[int, str, str]:
    done = run_command(
        ["feasibility", command, str(path), "--grpc-target", tier.target, *extra],
        tier.env,
        tier.cwd,
    )
    return done.returncode, done.stdout, done.stderr


def _imported(stdout: str) -> tuple[int, str, int]:
    match = SUMMARY.search(stdout)
    assert match, stdout
    return int(match[1]), match[2], int(match[3])


def _stub(target: str) -> Iterator[feasibility_service_pb2_grpc.FeasibilityServiceStub]:
    with grpc.insecure_channel(target) as channel:
        yield feasibility_service_pb2_grpc.FeasibilityServiceStub(channel)


def _network(target: str) -> dict[str, list[tuple[str, int, int, str, bool]]]:
    """What the tier answers for every demo address: its services, fastest first."""
    answers = {}
    for stub in _stub(target):
        for line in _records(ADDRESSES):
            address_id = json.loads(line)["id"]
            found = stub.FindAvailableServices(
                feasibility_service_pb2.FindAvailableServicesRequest(
                    place=check_pb2.PlaceSelector(address_id=address_id)
                ),
                timeout=10,
            )
            answers[address_id] = [
                (
                    s.technology,
                    s.max_download_mbps,
                    s.max_upload_mbps,
                    s.available_from,
                    s.has_capacity,
                )
                for s in found.services
            ]
    return answers


@pytest.fixture
def seeded_target(workdir: Path) -> Iterator[str]:
    """A second tier that loaded the same demo files through its own seed."""
    folder = workdir / "seeded"
    folder.mkdir()
    env = environment(
        f"sqlite+aiosqlite:///{folder / 'seeded.db'}", ORDERCAPTURE_SEED_DEMO_DATA="1"
    )
    server = ServerProcess(["serve-grpc", "--listen", "127.0.0.1:0"], env, folder)
    try:
        yield server.wait_for_line(GRPC_LINE)["target"]
    finally:
        server.stop()


def test_the_demo_files_import_in_batches_to_the_network_the_seed_builds(
    grpc_tier: GrpcTier, seeded_target: str
) -> None:
    code, stdout, stderr = _import(grpc_tier, "import-access-nodes", ACCESS_NODES)
    assert code == 0, stderr
    assert _imported(stdout) == (len(_records(ACCESS_NODES)), "access nodes", 1)

    code, stdout, stderr = _import(grpc_tier, "import-addresses", ADDRESSES, "--batch-size", "50")
    assert code == 0, stderr
    addresses = len(_records(ADDRESSES))
    assert _imported(stdout) == (addresses, "addresses", -(-addresses // 50))
    assert f"{addresses}/{addresses}" in stderr  # the progress bar's last state

    # Small batches: entries of one postcode or address must still land together, or a later
    # batch would replace what an earlier one stored for the same scope.
    code, stdout, stderr = _import(grpc_tier, "import-coverage", COVERAGE, "--batch-size", "7")
    assert code == 0, stderr
    imported, noun, batches = _imported(stdout)
    assert (imported, noun) == (len(_records(COVERAGE)), "coverage entries")
    assert batches > 1

    for stub in _stub(grpc_tier.target):
        listed = stub.ListAddresses(feasibility_service_pb2.ListAddressesRequest(page_size=1))
        assert listed.total_size == addresses
    imported_network = _network(grpc_tier.target)
    assert any(imported_network.values())
    assert imported_network == _network(seeded_target)

    # Importing again replaces: nothing doubles.
    code, stdout, stderr = _import(grpc_tier, "import-coverage", COVERAGE)
    assert code == 0, stderr
    assert _network(grpc_tier.target) == imported_network


def _write(path: Path, header: str, messages: Sequence[Message]) -> Path:
    path.write_text(
        header + "".join(json_format.MessageToJson(m, indent=None) + "\n" for m in messages),
        encoding="utf-8",
    )
    return path


def test_a_refused_batch_names_the_file_lines_and_keeps_the_earlier_batches(
    grpc_tier: GrpcTier,
) -> None:
    code, _, stderr = _import(grpc_tier, "import-access-nodes", ACCESS_NODES)
    assert code == 0, stderr
    node = json.loads(_records(ACCESS_NODES)[0])["id"]
    estate = [
        network_pb2.Address(
            id=f"addr-zz-{n}", street="New Road", number=str(n), postcode=f"ZZ{n} 1AA", city="X"
        )
        for n in range(1, 7)
    ]
    code, _, stderr = _import(
        grpc_tier, "import-addresses", _write(grpc_tier.cwd / "estate.jsonl", "", estate)
    )
    assert code == 0, stderr
    coverage = _write(
        grpc_tier.cwd / "coverage.jsonl",
        "# postcode areas of the new estate\n",
        [
            network_pb2.CoverageEntry(
                postcode=f"ZZ{n} 1AA",
                technology="FTTH",
                max_download_mbps=1000,
                max_upload_mbps=500,
                access_node_id="olt-nowhere" if n == 5 else node,
            )
            for n in range(1, 7)
        ],
    )
    code, _, stderr = _import(grpc_tier, "import-coverage", coverage, "--batch-size", "2")
    assert code == 1, stderr
    # Entry 5 is on line 6 (after the comment), the first of batch 3.
    assert f"batch 3 of 3 (lines 6-7 of {coverage})" in stderr
    assert "INVALID_ARGUMENT INVALID_COVERAGE" in stderr
    assert f"{coverage}:6: entries[0].access_node_id: 'olt-nowhere' unknown" in stderr
    assert "Stored by the earlier batches: 4 record(s), lines 2-5." in stderr
    assert "Not stored: 2 record(s), lines 6-7." in stderr

    for stub in _stub(grpc_tier.target):
        technologies = {
            n: [
                s.technology
                for s in stub.FindAvailableServices(
                    feasibility_service_pb2.FindAvailableServicesRequest(
                        place=check_pb2.PlaceSelector(address_id=f"addr-zz-{n}")
                    ),
                    timeout=10,
                ).services
            ]
            for n in range(1, 7)
        }
    assert technologies == {1: ["FTTH"], 2: ["FTTH"], 3: ["FTTH"], 4: ["FTTH"], 5: [], 6: []}


def test_a_file_with_bad_lines_sends_nothing(grpc_tier: GrpcTier) -> None:
    path = grpc_tier.cwd / "addresses.jsonl"
    good = _records(ADDRESSES)[0]
    path.write_text(good + "\n" + good + "\n" + '{"id": "a-x", "floor": 3}\n', encoding="utf-8")
    code, _, stderr = _import(grpc_tier, "import-addresses", path)
    assert code == 1
    assert f"{path}:2: duplicate id" in stderr
    (bad_field,) = [line for line in stderr.splitlines() if line.startswith(f"  {path}:3: ")]
    assert "floor" in bad_field
    assert "nothing was sent" in stderr
    for stub in _stub(grpc_tier.target):
        listed = stub.ListAddresses(feasibility_service_pb2.ListAddressesRequest(page_size=1))
        assert listed.total_size == 0
