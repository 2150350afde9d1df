"""Small helpers shared by the catalog unit tests."""

from __future__ import annotations

from typing import Any

from domain.catalog.model import (
    Catalog,
    CatalogEntity,
    Category,
    OfferingPrice,
    ProductSpecification,
)
from domain.catalog.services import CatalogManagement
from domain.shared.errors import DomainError


def fields(error: DomainError) -> list[str]:
    """The violation fields of an error, in the order the domain reported them."""
    return [v.field for v in error.violations]


async def create(service: CatalogManagement, entity: CatalogEntity) -> CatalogEntity:
    """Creates any kind of catalog entity through its own use case."""
    if isinstance(entity, Catalog):
        return await service.create_catalog(entity)
    if isinstance(entity, Category):
        return await service.create_category(entity)
    if isinstance(entity, ProductSpecification):
        return await service.create_product_specification(entity)
    if isinstance(entity, OfferingPrice):
        return await service.create_offering_price(entity)
    return await service.create_offering(entity)


async def update(
    service: CatalogManagement, entity: CatalogEntity, changed: frozenset[str]
) -> CatalogEntity:
    if isinstance(entity, Catalog):
        return await service.update_catalog(entity, changed)
    if isinstance(entity, Category):
        return await service.update_category(entity, changed)
    if isinstance(entity, ProductSpecification):
        return await service.update_product_specification(entity, changed)
    if isinstance(entity, OfferingPrice):
        return await service.update_offering_price(entity, changed)
    return await service.update_offering(entity, changed)


def method(service: CatalogManagement, name: str) -> Any:
    """A use case by name, for tests parametrized over the kinds of entity."""
    return getattr(service, name)
