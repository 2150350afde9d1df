"""Loading what configuration checks look at: the offerings asked about, their bundle
components (all levels) and the specifications of all of them. Many checks share one read
per bundle level, so judging a whole order's items costs about as many queries as one."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from domain.catalog.configuration import CatalogView
from domain.catalog.model import Offering, RequestedConfiguration
from domain.catalog.ports import CatalogUnitOfWork


@dataclass(frozen=True, slots=True)
class ConfigurationRequest:
    """A configuration to judge against one offering."""

    offering_id: str
    configuration: RequestedConfiguration


async def load_view(uow: CatalogUnitOfWork, offerings: Iterable[Offering]) -> CatalogView:
    """The offerings, their bundle components (all levels) and their specifications.
    Validation only follows ids reachable from the offering it judges, so one shared view
    gives every offering the same answer a view of its own would."""
    found = {o.id: o for o in offerings}
    frontier = list(found.values())
    while frontier:
        wanted = {c.offering_id for o in frontier for c in o.bundle_components} - found.keys()
        components = await uow.offerings.get_many(wanted) if wanted else {}
        found.update(components)
        frontier = list(components.values())
    spec_ids = {o.specification_id for o in found.values() if o.specification_id}
    specifications = await uow.specifications.get_many(spec_ids) if spec_ids else {}
    return CatalogView(offerings=found, specifications=specifications)
