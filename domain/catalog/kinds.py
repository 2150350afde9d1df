"""Per kind of catalog entity: where it is stored and how "not found" is said."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from domain.catalog import errors
from domain.catalog.model import (
    Catalog,
    CatalogEntity,
    Category,
    Offering,
    OfferingPrice,
    ProductSpecification,
)
from domain.catalog.ports import CatalogUnitOfWork, Repository
from domain.shared.errors import DomainError

E = TypeVar("E", bound=CatalogEntity)


@dataclass(frozen=True, slots=True)
class Kind(Generic[E]):
    entity_type: type[E]
    repository_name: str
    not_found: Callable[[str], DomainError]

    def repository(self, uow: CatalogUnitOfWork) -> Repository[E, Any]:
        repository: Repository[E, Any] = getattr(uow, self.repository_name)
        return repository


CATALOG = Kind(Catalog, "catalogs", errors.CatalogNotFound)
CATEGORY = Kind(Category, "categories", errors.CategoryNotFound)
SPECIFICATION = Kind(ProductSpecification, "specifications", errors.ProductSpecificationNotFound)
PRICE = Kind(OfferingPrice, "prices", errors.OfferingPriceNotFound)
OFFERING = Kind(Offering, "offerings", errors.OfferingNotFound)

# Import order: what others point at comes first (foreign keys are also checked at commit).
ALL_KINDS: tuple[Kind[Any], ...] = (CATEGORY, SPECIFICATION, PRICE, OFFERING, CATALOG)


def kind_for(entity_type: type[CatalogEntity]) -> Kind[Any]:
    return next(k for k in ALL_KINDS if k.entity_type is entity_type)
