"""The demo address register, coverage and access nodes, loaded on first start of the
embedded default. The files hold one protobuf JSON message per line (Address, CoverageEntry,
AccessNode), the format the CLI imports too, and go through the same validation as the
administration RPCs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from google.protobuf import json_format
from google.protobuf.message import Message

from domain.feasibility.administration import NetworkAdministration
from domain.feasibility.paging import PageRequest
from ordercapture.feasibility.v1 import network_pb2
from servers.feasibility.mapping.addresses import address_from
from servers.feasibility.mapping.network import coverage_from, node_from

HERE = Path(__file__).parent
DEMO_ADDRESSES = HERE / "demo_addresses.jsonl"
DEMO_COVERAGE = HERE / "demo_coverage.jsonl"
DEMO_ACCESS_NODES = HERE / "demo_access_nodes.jsonl"
M = TypeVar("M", bound=Message)


def read_messages(path: Path, new: Callable[[], M]) -> list[M]:
    """One message per non-blank line; a malformed line fails with its number."""
    messages: list[M] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            try:
                messages.append(json_format.Parse(line, new()))
            except json_format.ParseError as error:
                raise ValueError(f"{path.name}:{number}: {error}") from None
    return messages


async def seed_demo_network(administration: NetworkAdministration) -> bool:
    """Loads the demo data into an empty register; False (nothing done) when it has addresses."""
    existing = await administration.list_addresses((), PageRequest(size=1))
    if existing.total:
        return False
    nodes = read_messages(DEMO_ACCESS_NODES, network_pb2.AccessNode)
    addresses = read_messages(DEMO_ADDRESSES, network_pb2.Address)
    entries = read_messages(DEMO_COVERAGE, network_pb2.CoverageEntry)
    # Nodes and addresses first: coverage refers to both.
    await administration.upsert_access_nodes([node_from(n) for n in nodes])
    await administration.upsert_addresses([address_from(a) for a in addresses])
    await administration.upsert_coverage(coverage_from(entries))
    return True
