"""The feasibility context's view of the catalog (domain.feasibility.ports.ServiceCatalog):
what network service a product specification needs, read from its accessTechnology,
downloadSpeed and uploadSpeed characteristics."""

from __future__ import annotations

from decimal import Decimal

from domain.catalog.errors import OfferingNotFound, ProductSpecificationNotFound
from domain.catalog.model import (
    ORDERABLE_STATUSES,
    CharacteristicSpecification,
    ProductSpecification,
)
from domain.catalog.queries import MAX_PAGE_SIZE, PageRequest, ProductSpecificationFilter
from domain.catalog.services import CatalogManagement
from domain.feasibility.needs import (
    ACCESS_TECHNOLOGY,
    DOWNLOAD_SPEED,
    UPLOAD_SPEED,
    SpecifiedNeed,
    speed_value,
)


class CatalogServiceReader:
    def __init__(self, catalog: CatalogManagement) -> None:
        self._catalog = catalog

    async def specification_need(self, specification_id: str) -> SpecifiedNeed | None:
        try:
            specification = await self._catalog.get_product_specification(specification_id)
        except ProductSpecificationNotFound:
            return None
        return specified_need(specification)

    async def offering_specification(self, offering_id: str) -> str | None:
        try:
            offering = await self._catalog.get_offering(offering_id)
        except OfferingNotFound:
            return None
        return offering.specification_id

    async def network_specifications(self) -> list[SpecifiedNeed]:
        """Orderable specifications naming an access technology, read page by page."""
        query = ProductSpecificationFilter(lifecycle_statuses=tuple(sorted(ORDERABLE_STATUSES)))
        found: list[SpecifiedNeed] = []
        skip = 0
        while True:
            page = await self._catalog.list_product_specifications(
                query, PageRequest(size=MAX_PAGE_SIZE, skip=skip)
            )
            found.extend(n for n in map(specified_need, page.items) if n.names_access)
            skip += len(page.items)
            if not page.items or skip >= page.total:
                return found


def specified_need(specification: ProductSpecification) -> SpecifiedNeed:
    """Allowed accessTechnology values are the acceptable technologies, in order; a speed is
    the characteristic's default value, or its lowest allowed value when none is default."""
    named = {c.name: c for c in specification.characteristics}
    technology = named.get(ACCESS_TECHNOLOGY)
    return SpecifiedNeed(
        specification_id=specification.id,
        technologies=tuple(
            a.value for a in technology.allowed_values if isinstance(a.value, str) and a.value
        )
        if technology
        else (),
        down_mbps=_speed(named.get(DOWNLOAD_SPEED)),
        up_mbps=_speed(named.get(UPLOAD_SPEED)),
    )


def _speed(characteristic: CharacteristicSpecification | None) -> int | None:
    if characteristic is None:
        return None
    default = characteristic.default
    if default is not None and not isinstance(default, bool):
        return speed_value(str(default))
    numbers = [a.value for a in characteristic.allowed_values if isinstance(a.value, Decimal)]
    return speed_value(str(min(numbers))) if numbers else None
