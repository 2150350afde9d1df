"""Technical feasibility of a service at an address: coverage (per address, falling back to
the postcode area), speeds, planned rollouts and free ports on the access node."""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from domain.feasibility.addresses import postcode_key
from domain.feasibility.technology import same_family


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

    def speed(self) -> tuple[int, int]:
        return (self.max_down_mbps, self.max_up_mbps)


@dataclass(frozen=True, slots=True, kw_only=True)
class ServiceNeed:
    """What a product specification needs of the network."""

    technologies: tuple[str, ...] = ()  # acceptable, in order of preference; empty: any
    down_mbps: int = 0
    up_mbps: int = 0

    def accepts(self, technology: str) -> bool:
        """Compared by family, so the catalog's "VDSL2 vectoring" accepts coverage "VDSL"."""
        return not self.technologies or any(same_family(t, technology) for t in self.technologies)

    def preference(self, technology: str) -> int:
        """Lower is preferred; only meaningful for accepted technologies."""
        for rank, wanted in enumerate(self.technologies):
            if same_family(wanted, technology):
                return rank
        return len(self.technologies)


@dataclass(frozen=True, slots=True, kw_only=True)
class CoverageMap:
    """Coverage by address id and, where an address has none of its own, by postcode."""

    by_address: Mapping[str, Sequence[CoverageOffer]]
    by_postcode: Mapping[str, Sequence[CoverageOffer]]
    free_ports: Mapping[str, int]  # access node id -> free ports

    def offers(self, address_id: str, postcode: str) -> Sequence[CoverageOffer]:
        own = self.by_address.get(address_id)
        return own if own else self.by_postcode.get(postcode_key(postcode), ())

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
    fitting = [o for o in usable if need.accepts(o.technology) and o.meets(need)]
    if fitting:
        # The most preferred technology, and the fastest of equals.
        best = min(fitting, key=lambda o: (need.preference(o.technology), _slower(o)))
        return FeasibilityVerdict(outcome=Feasibility.QUALIFIED, technology=best.technology)
    reasons = _reasons(need, offers, coverage, today)
    alternatives = _alternatives(need, offers, usable, today)
    outcome = Feasibility.ALTERNATE if alternatives else Feasibility.UNQUALIFIED
    return FeasibilityVerdict(outcome=outcome, reasons=reasons, alternatives=alternatives)


def _reasons(
    need: ServiceNeed, offers: Sequence[CoverageOffer], coverage: CoverageMap, today: date
) -> tuple[tuple[str, str], ...]:
    acceptable = [o for o in offers if need.accepts(o.technology)]
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
    # Lower speed of an acceptable technology, deliverable now: the fastest per technology.
    slower: dict[str, CoverageOffer] = {}
    for offer in sorted(usable, key=lambda o: (need.preference(o.technology), _slower(o))):
        if need.accepts(offer.technology):
            slower.setdefault(offer.technology, offer)
    found.extend(_alternative(o) for o in slower.values())
    # Another technology meeting the need now.
    found.extend(
        _alternative(o)
        for o in sorted(usable, key=_slower)
        if not need.accepts(o.technology) and o.meets(need)
    )
    # The wanted service later, once a planned rollout is built (its ports are not counted
    # yet: a node being built has none free).
    planned = [
        o
        for o in offers
        if need.accepts(o.technology) and not o.available_on(today) and o.meets(need)
    ]
    if planned:
        found.append(_alternative(min(planned, key=lambda o: o.available_from or today)))
    return tuple(dict.fromkeys(found))


def _alternative(offer: CoverageOffer) -> Alternative:
    return Alternative(
        technology=offer.technology,
        max_down_mbps=offer.max_down_mbps,
        max_up_mbps=offer.max_up_mbps,
        available_from=offer.available_from,
    )


def _slower(offer: CoverageOffer) -> tuple[int, int]:
    """Sort key putting the fastest first."""
    return (-offer.max_down_mbps, -offer.max_up_mbps)
