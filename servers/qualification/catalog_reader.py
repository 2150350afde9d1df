"""The catalog as qualification sees it, over domain.catalog.services.CatalogManagement:
availability of offerings with a why-not text, the orderable offerings of a category subtree,
and configuration checks by the catalog's own validation (no second copy of its rules)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Mapping, Sequence
from datetime import datetime

from domain.catalog.configuration_checks import ConfigurationRequest
from domain.catalog.errors import CategoryNotFound
from domain.catalog.model import ORDERABLE_STATUSES, Offering
from domain.catalog.queries import MAX_PAGE_SIZE, CategoryFilter, OfferingFilter, PageRequest
from domain.catalog.services import CatalogManagement
from domain.qualification.judgement import OfferingAvailability
from domain.qualification.model import OfferingSummary, Reason
from domain.qualification.ports import ConfigurationToCheck
from servers.catalog.mapping.configuration import configuration_from
from servers.qualification.mapping.configuration import configuration_message


class CatalogReader:
    """Implements the OfferingDirectory and ConfigurationChecker ports."""

    def __init__(self, catalog: CatalogManagement) -> None:
        self._catalog = catalog

    async def availability(
        self, offering_ids: Iterable[str], at: datetime
    ) -> Mapping[str, OfferingAvailability]:
        wanted = tuple(dict.fromkeys(i for i in offering_ids if i))
        found: dict[str, OfferingAvailability] = {}
        for start in range(0, len(wanted), MAX_PAGE_SIZE):
            query = OfferingFilter(ids=wanted[start : start + MAX_PAGE_SIZE])
            async for offering in self._offerings(query):
                found[offering.id] = OfferingAvailability(
                    offering.id, offering.is_orderable(at), _why_not(offering, at)
                )
        return found

    async def orderable_offerings(
        self, category_id: str, at: datetime
    ) -> list[OfferingSummary] | None:
        categories: tuple[str, ...] = ()
        if category_id:
            subtree = await self._subtree(category_id)
            if subtree is None:
                return None
            categories = subtree
        query = OfferingFilter(
            category_ids=categories,
            lifecycle_statuses=tuple(sorted(ORDERABLE_STATUSES)),
            is_sellable=True,
        )
        return [
            OfferingSummary(o.id, o.name, o.category_ids)
            async for o in self._offerings(query)
            if o.is_orderable(at)
        ]

    async def problems_of_each(
        self, configurations: Sequence[ConfigurationToCheck]
    ) -> list[tuple[Reason, ...]]:
        requests = [
            ConfigurationRequest(
                c.offering_id, configuration_from(configuration_message(c.configuration))
            )
            for c in configurations
        ]
        answers = await self._catalog.validate_configurations(requests)
        return [
            tuple(Reason(v.reason, f"{v.path}: {v.message}") for v in found) for found in answers
        ]

    async def _subtree(self, category_id: str) -> tuple[str, ...] | None:
        """The category and every category below it; None when it does not exist."""
        try:
            await self._catalog.get_category(category_id)
        except CategoryNotFound:
            return None
        found = [category_id]
        frontier: tuple[str, ...] = (category_id,)
        while frontier:
            children: list[str] = []
            skip = 0
            while True:
                page = await self._catalog.list_categories(
                    CategoryFilter(parent_ids=frontier), PageRequest(MAX_PAGE_SIZE, skip)
                )
                children.extend(c.id for c in page.items if c.id not in found)
                skip += len(page.items)
                if not page.items or skip >= page.total:
                    break
            found.extend(children)
            frontier = tuple(children)
        return tuple(found)

    async def _offerings(self, query: OfferingFilter) -> AsyncIterator[Offering]:
        skip = 0
        while True:
            page = await self._catalog.list_offerings(query, PageRequest(MAX_PAGE_SIZE, skip))
            for offering in page.items:
                yield offering
            skip += len(page.items)
            if not page.items or skip >= page.total:
                return


def _why_not(offering: Offering, at: datetime) -> str:
    if offering.lifecycle_status not in ORDERABLE_STATUSES:
        return f"not on sale: its status is {offering.lifecycle_status}"
    if not offering.is_sellable:
        return "sold only as part of a bundle"
    validity = offering.validity
    if validity.start is not None and at < validity.start:
        return f"on sale from {validity.start.isoformat()}"
    if validity.end is not None and at > validity.end:
        return f"no longer on sale since {validity.end.isoformat()}"
    return ""
