"""Administered network data: coverage entries (per address or per postcode area) and access
nodes with their port capacity, as the register stores them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from domain.feasibility.coverage import CoverageOffer


@dataclass(frozen=True, slots=True, kw_only=True)
class CoverageEntry:
    """One technology at one address (`address_id`) or in one postcode area (`postcode`)."""

    address_id: str = ""
    postcode: str = ""
    technology: str
    max_down_mbps: int
    max_up_mbps: int
    access_node_id: str
    available_from: date | None = None

    def offer(self) -> CoverageOffer:
        return CoverageOffer(
            technology=self.technology,
            max_down_mbps=self.max_down_mbps,
            max_up_mbps=self.max_up_mbps,
            access_node_id=self.access_node_id,
            available_from=self.available_from,
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class AccessNode:
    """A cabinet, OLT or cell; `free_ports` 0 means full."""

    id: str
    total_ports: int
    free_ports: int
