"""The demo network files: protobuf JSON lines that pass the administration's validation, with
what the README promises (200+ addresses with regions, both coverage scopes, planned rollouts,
full and free nodes), and exactly what tools/generate_feasibility_demo.py writes."""

from __future__ import annotations

import runpy
from datetime import date
from pathlib import Path

import pytest

from ordercapture.feasibility.v1 import network_pb2
from servers.feasibility.mapping.network import coverage_from
from servers.feasibility.seed import (
    DEMO_ACCESS_NODES,
    DEMO_ADDRESSES,
    DEMO_COVERAGE,
    read_messages,
    seed_demo_network,
)
from tests.unit.feasibility.world import build_world

GENERATOR = Path(__file__).parents[3] / "tools" / "generate_feasibility_demo.py"


def test_files_hold_what_the_demo_promises() -> None:
    addresses = read_messages(DEMO_ADDRESSES, network_pb2.Address)
    entries = coverage_from(read_messages(DEMO_COVERAGE, network_pb2.CoverageEntry))
    nodes = read_messages(DEMO_ACCESS_NODES, network_pb2.AccessNode)
    assert len(addresses) >= 200
    assert all(a.region for a in addresses)
    assert 3 <= len({a.city for a in addresses}) <= 4
    assert {e.technology for e in entries} == {"FTTH", "VDSL", "5G-FWA"}
    assert any(e.address_id for e in entries)
    assert any(e.postcode for e in entries)
    assert any(e.available_from and e.available_from > date(2026, 12, 31) for e in entries)
    assert any(n.free_ports == 0 for n in nodes)
    assert any(n.free_ports > 0 for n in nodes)


async def test_files_pass_validation_and_seed_only_an_empty_register() -> None:
    world = await build_world(seeded=False)
    assert await seed_demo_network(world.administration) is True
    assert len(world.store.state.addresses) >= 200
    assert await seed_demo_network(world.administration) is False


def test_a_malformed_line_is_reported_with_its_number(tmp_path: Path) -> None:
    broken = tmp_path / "nodes.jsonl"
    broken.write_text('{"id": "n1"}\n\n{"id": "n2", "freePorts": "many"}\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"nodes.jsonl:3"):
        read_messages(broken, network_pb2.AccessNode)


def test_generator_reproduces_the_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    generator = runpy.run_path(str(GENERATOR))
    monkeypatch.setitem(generator["write"].__globals__, "OUT", tmp_path)
    generator["main"]()
    for path in (DEMO_ADDRESSES, DEMO_COVERAGE, DEMO_ACCESS_NODES):
        assert (tmp_path / path.name).read_text(encoding="utf-8") == path.read_text(
            encoding="utf-8"
        )
