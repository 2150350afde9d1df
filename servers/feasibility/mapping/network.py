"""Coverage entries and access nodes <-> proto. A malformed rollout date is reported with the
entry's index, like every other coverage problem."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from domain.feasibility.errors import InvalidCoverage
from domain.feasibility.network import AccessNode, CoverageEntry
from domain.shared.errors import FieldViolation
from ordercapture.feasibility.v1 import network_pb2


def coverage_from(messages: Sequence[network_pb2.CoverageEntry]) -> list[CoverageEntry]:
    entries: list[CoverageEntry] = []
    problems: list[FieldViolation] = []
    for index, message in enumerate(messages):
        day = day_from(message.available_from)
        if message.available_from and day is None:
            problems.append(
                FieldViolation(f"entries[{index}].available_from", "a date as YYYY-MM-DD")
            )
        entries.append(
            CoverageEntry(
                address_id=message.address_id,
                postcode=message.postcode,
                technology=message.technology,
                max_down_mbps=message.max_download_mbps,
                max_up_mbps=message.max_upload_mbps,
                access_node_id=message.access_node_id,
                available_from=day,
            )
        )
    if problems:
        raise InvalidCoverage("the coverage was not stored", violations=tuple(problems))
    return entries


def coverage_to(entry: CoverageEntry) -> network_pb2.CoverageEntry:
    message = network_pb2.CoverageEntry(
        technology=entry.technology,
        max_download_mbps=entry.max_down_mbps,
        max_upload_mbps=entry.max_up_mbps,
        access_node_id=entry.access_node_id,
        available_from=day_to(entry.available_from),
    )
    if entry.address_id:
        message.address_id = entry.address_id
    else:
        message.postcode = entry.postcode
    return message


def node_from(message: network_pb2.AccessNode) -> AccessNode:
    return AccessNode(id=message.id, total_ports=message.total_ports, free_ports=message.free_ports)


def node_to(node: AccessNode) -> network_pb2.AccessNode:
    return network_pb2.AccessNode(
        id=node.id, total_ports=node.total_ports, free_ports=node.free_ports
    )


def day_from(text: str) -> date | None:
    """YYYY-MM-DD exactly; None for anything else (including empty)."""
    if len(text) != 10:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def day_to(day: date | None) -> str:
    return day.isoformat() if day else ""
