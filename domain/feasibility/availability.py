"""What the network offers at one place: every technology reaching it (the address's own
coverage, else its postcode area's), fastest first, with the catalog specifications each one
delivers now."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from domain.feasibility.addresses import Address
from domain.feasibility.coverage import CoverageMap, CoverageOffer, ServiceNeed
from domain.feasibility.needs import SpecifiedNeed


@dataclass(frozen=True, slots=True, kw_only=True)
class AvailableService:
    technology: str
    max_down_mbps: int
    max_up_mbps: int
    available_from: date | None = None  # a planned rollout when set
    has_capacity: bool
    product_specification_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class PlaceServices:
    address: Address | None
    services: tuple[AvailableService, ...] = ()
    suggestions: tuple[Address, ...] = ()


def available_services(
    address: Address,
    coverage: CoverageMap,
    specifications: Sequence[SpecifiedNeed],
    today: date,
) -> tuple[AvailableService, ...]:
    offers = sorted(
        coverage.offers(address.id, address.postcode),
        key=lambda o: (-o.max_down_mbps, -o.max_up_mbps, o.technology, o.available_from or today),
    )
    return tuple(_service(o, coverage, specifications, today) for o in offers)


def _service(
    offer: CoverageOffer,
    coverage: CoverageMap,
    specifications: Sequence[SpecifiedNeed],
    today: date,
) -> AvailableService:
    planned = not offer.available_on(today)
    capacity = coverage.has_capacity(offer)
    deliverable = (
        tuple(s.specification_id for s in specifications if _delivers(offer, s))
        if capacity and not planned
        else ()
    )
    return AvailableService(
        technology=offer.technology,
        max_down_mbps=offer.max_down_mbps,
        max_up_mbps=offer.max_up_mbps,
        available_from=offer.available_from if planned else None,
        has_capacity=capacity,
        product_specification_ids=deliverable,
    )


def _delivers(offer: CoverageOffer, specified: SpecifiedNeed) -> bool:
    need = ServiceNeed(
        technologies=specified.technologies,
        down_mbps=specified.down_mbps or 0,
        up_mbps=specified.up_mbps or 0,
    )
    return specified.names_access and need.accepts(offer.technology) and offer.meets(need)
