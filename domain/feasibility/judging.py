"""Judging the items of a check: find the place, work out the need, read the coverage (the
address's own, else its postcode area's) and the free ports, and turn the verdict into a result
shaped by the caller's options."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from domain.feasibility.addresses import postcode_key
from domain.feasibility.checks import CheckOptions, Reason, ServiceItem, ServiceResult
from domain.feasibility.coverage import CoverageMap, Feasibility, check_feasibility
from domain.feasibility.needs import SpecifiedNeed, need_for
from domain.feasibility.places import locate
from domain.feasibility.ports import FeasibilityUnitOfWork, ServiceCatalog

ADDRESS_NOT_FOUND = Reason("ADDRESS_NOT_FOUND", "the address is not in the register")
SPECIFICATION_NOT_FOUND = Reason(
    "PRODUCT_SPECIFICATION_NOT_FOUND", "the catalog has no such product specification"
)
OFFERING_NOT_FOUND = Reason("OFFERING_NOT_FOUND", "the catalog has no such offering")


@dataclass(frozen=True, slots=True)
class CatalogNeeds:
    """The catalog's answers for the items of one check, read before the unit of work opens."""

    specifications: Mapping[str, SpecifiedNeed | None]
    offerings: Mapping[str, str | None]  # offering id -> specification id ("" none, None unknown)


async def read_needs(catalog: ServiceCatalog, items: tuple[ServiceItem, ...]) -> CatalogNeeds:
    offerings = {
        i.offering_id: await catalog.offering_specification(i.offering_id)
        for i in items
        if i.offering_id
    }
    spec_ids = {i.product_specification_id for i in items if i.product_specification_id}
    spec_ids.update(s for s in offerings.values() if s)
    specifications = {s: await catalog.specification_need(s) for s in sorted(spec_ids)}
    return CatalogNeeds(specifications, offerings)


async def judge_item(
    uow: FeasibilityUnitOfWork,
    item: ServiceItem,
    needs: CatalogNeeds,
    options: CheckOptions,
    today: date,
) -> ServiceResult:
    refused: list[Reason] = []
    specified, missing = _specified(item, needs)
    if missing is not None:
        refused.append(missing)
    need = need_for(specified, item.characteristics)
    found = await locate(uow.addresses, item.place)
    if found.address is None:
        refused.append(ADDRESS_NOT_FOUND)
    if refused or found.address is None:
        return ServiceResult(
            item_id=item.id,
            outcome=Feasibility.UNQUALIFIED,
            address_id=found.address.id if found.address else "",
            need=need,
            reasons=tuple(refused) if options.provide_reasons else (),
            suggested_addresses=found.suggestions,
        )
    address = found.address
    coverage = await coverage_at(uow, address.id, address.postcode)
    verdict = check_feasibility(
        need, coverage.offers(address.id, address.postcode), coverage, today
    )
    outcome = verdict.outcome
    if outcome is Feasibility.ALTERNATE and not options.provide_alternatives:
        # Nothing is proposed, so the answer is simply "not as asked".
        outcome = Feasibility.UNQUALIFIED
    return ServiceResult(
        item_id=item.id,
        outcome=outcome,
        address_id=address.id,
        technology=verdict.technology,
        need=need,
        reasons=tuple(Reason(c, label) for c, label in verdict.reasons)
        if options.provide_reasons
        else (),
        alternatives=verdict.alternatives if options.provide_alternatives else (),
    )


async def coverage_at(uow: FeasibilityUnitOfWork, address_id: str, postcode: str) -> CoverageMap:
    """The coverage of one address and its postcode area, with the free ports of their nodes."""
    area = postcode_key(postcode)
    own, shared = await uow.coverage.at(address_id, area)
    nodes = {o.access_node_id for o in (*own, *shared)}
    return CoverageMap(
        by_address={address_id: own} if own else {},
        by_postcode={area: shared} if shared else {},
        free_ports=await uow.nodes.free_ports(nodes),
    )


def _specified(
    item: ServiceItem, needs: CatalogNeeds
) -> tuple[SpecifiedNeed | None, Reason | None]:
    spec_id = item.product_specification_id
    if item.offering_id:
        offered = needs.offerings.get(item.offering_id)
        if offered is None:
            return None, OFFERING_NOT_FOUND
        spec_id = offered
    if not spec_id:
        return None, None  # the item's characteristics stand alone
    specified = needs.specifications.get(spec_id)
    return (specified, None) if specified is not None else (None, SPECIFICATION_NOT_FOUND)
