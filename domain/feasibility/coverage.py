"""Technical feasibility of a service at an address: coverage (per address, falling back to
the postcode area), speeds, planned rollouts and free ports on the access node."""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date


class Feasibility(enum.Enum):
    QUALIFIED = "qualified"
    UNQUALIFIED = "unqualified"
    ALTERNATE = "alternate"


@dataclass(frozen=True, slots=True, kw_only=True)
class CoverageOffer:
    """One technology reaching an address or area, from a given access node."""

    technology: str  # e.g. "FTTH", "VDSL", "5G-FWA"
    max_down_mbps: int
    max_up_mbps: int
    access_node_id: str
    available_from: date | None = None  # a planned rollout when in the future

    def available_on(self, day: date) -> bool:
        return self.available_from is None or self.available_from <= day

    def meets(self, need: ServiceNeed) -> bool:
        return self.max_down_mbps >= need.down_mbps and self.max_up_mbps >= need.up_mbps


@dataclass(frozen=True, slots=True, kw_only=True)
class ServiceNeed:
    """What a product specification needs of the network."""

    technologies: tuple[str, ...]  # acceptable, in order of preference
    down_mbps: int = 0
    up_mbps: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class CoverageMap:
    """Coverage by address id and, where an address has none of its own, by postcode."""

    by_address: Mapping[str, Sequence[CoverageOffer]]
    by_postcode: Mapping[str, Sequence[CoverageOffer]]
    free_ports: Mapping[str, int]  # access node id -> free ports

    def offers(self, address_id: str, postcode: str) -> Sequence[CoverageOffer]:
        own = self.by_address.get(address_id)
        return own if own else self.by_postcode.get(postcode.replace(" ", "").upper(), ())

    def has_capacity(self, offer: CoverageOffer) -> bool:
        return self.free_ports.get(offer.access_node_id, 0) > 0


@dataclass(frozen=True, slots=True, kw_only=True)
class Alternative:
    """What could be delivered instead: another speed, another technology, or later."""

    technology: str
    max_down_mbps: int
    max_up_mbps: int
    available_from: date | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class FeasibilityVerdict:
    outcome: Feasibility
    technology: str = ""
    reasons: tuple[tuple[str, str], ...] = ()  # (code, label)
    alternatives: tuple[Alternative, ...] = ()


def check_feasibility(
    need: ServiceNeed, offers: Sequence[CoverageOffer], coverage: CoverageMap, today: date
) -> FeasibilityVerdict:
    """Qualified when an acceptable technology meets the need now with a free port; else the
    alternatives the network really has, or unqualified with reasons."""
    if not offers:
        return FeasibilityVerdict(
            outcome=Feasibility.UNQUALIFIED, reasons=(("NO_COVERAGE", "no network reaches it"),)
        )
    usable = [o for o in offers if o.available_on(today) and coverage.has_capacity(o)]
    for technology in need.technologies:
        if any(o.technology == technology and o.meets(need) for o in usable):
            return FeasibilityVerdict(outcome=Feasibility.QUALIFIED, technology=technology)
    reasons = _reasons(need, offers, coverage, today)
    alternatives = _alternatives(need, offers, usable, today)
    outcome = Feasibility.ALTERNATE if alternatives else Feasibility.UNQUALIFIED
    return FeasibilityVerdict(outcome=outcome, reasons=reasons, alternatives=alternatives)


def _reasons(
    need: ServiceNeed, offers: Sequence[CoverageOffer], coverage: CoverageMap, today: date
) -> tuple[tuple[str, str], ...]:
    acceptable = [o for o in offers if o.technology in need.technologies]
    if not acceptable:
        return (("TECHNOLOGY_NOT_AVAILABLE", "none of the required technologies reaches it"),)
    found: list[tuple[str, str]] = []
    if not any(o.meets(need) for o in acceptable):
        found.append(("SPEED_NOT_AVAILABLE", "the requested speed is not reached"))
    now = [o for o in acceptable if o.available_on(today)]
    if not now:
        found.append(("NOT_YET_AVAILABLE", "coverage is planned, not yet built"))
    elif not any(coverage.has_capacity(o) for o in now):
        found.append(("NO_CAPACITY", "the access node has no free port"))
    return tuple(found) or (("NOT_FEASIBLE", "no usable combination"),)


def _alternatives(
    need: ServiceNeed,
    offers: Sequence[CoverageOffer],
    usable: Sequence[CoverageOffer],
    today: date,
) -> tuple[Alternative, ...]:
    found: list[Alternative] = []
    # Lower speed, same technology, deliverable now.
    for technology in need.technologies:
        slower = [o for o in usable if o.technology == technology]
        if slower:
            best = max(slower, key=lambda o: (o.max_down_mbps, o.max_up_mbps))
            found.append(
                Alternative(
                    technology=technology,
                    max_down_mbps=best.max_down_mbps,
                    max_up_mbps=best.max_up_mbps,
                )
            )
    # Another technology meeting the need now.
    for offer in usable:
        if offer.technology not in need.technologies and offer.meets(need):
            found.append(
                Alternative(
                    technology=offer.technology,
                    max_down_mbps=offer.max_down_mbps,
                    max_up_mbps=offer.max_up_mbps,
                )
            )
    # The wanted service later, once a planned rollout is built.
    planned = [
        o
        for o in offers
        if o.technology in need.technologies and not o.available_on(today) and o.meets(need)
    ]
    if planned:
        first = min(planned, key=lambda o: o.available_from or today)
        found.append(
            Alternative(
                technology=first.technology,
                max_down_mbps=first.max_down_mbps,
                max_up_mbps=first.max_up_mbps,
                available_from=first.available_from,
            )
        )
    return tuple(dict.fromkeys(found))
