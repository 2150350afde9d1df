"""What the catalog use cases need from the outside world, as Protocols."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from types import TracebackType
from typing import Protocol, Self, TypeVar

from domain.catalog.model import (
    Catalog,
    CatalogRecord,
    Category,
    ImportJob,
    Offering,
    OfferingPrice,
    ProductSpecification,
)
from domain.catalog.queries import (
    CatalogFilter,
    CategoryFilter,
    ImportJobFilter,
    OfferingFilter,
    OfferingPriceFilter,
    Page,
    PageRequest,
    ProductSpecificationFilter,
)

E = TypeVar("E")
F = TypeVar("F", contravariant=True)


class Repository(Protocol[E, F]):
    """Storage of one kind of entity. `add`/`replace`/`remove` take effect on commit."""

    async def get(self, entity_id: str) -> E | None: ...

    async def get_many(self, entity_ids: Iterable[str]) -> dict[str, E]: ...

    async def existing_ids(self, entity_ids: Iterable[str]) -> set[str]: ...

    async def add(self, entity: E) -> None: ...

    async def replace(self, entity: E) -> None: ...

    async def remove(self, entity_id: str) -> None: ...

    async def list(self, query: F, page: PageRequest) -> Page[E]: ...


class CatalogRepository(Repository[Catalog, CatalogFilter], Protocol):
    async def ids_publishing_category(self, category_id: str) -> list[str]: ...


class CategoryRepository(Repository[Category, CategoryFilter], Protocol):
    async def child_ids(self, category_id: str) -> list[str]: ...


class ProductSpecificationRepository(
    Repository[ProductSpecification, ProductSpecificationFilter], Protocol
): ...


class OfferingPriceRepository(Repository[OfferingPrice, OfferingPriceFilter], Protocol): ...


class OfferingRepository(Repository[Offering, OfferingFilter], Protocol):
    async def ids_referencing_specification(self, specification_id: str) -> list[str]: ...

    async def ids_referencing_price(self, price_id: str) -> list[str]: ...

    async def ids_in_category(self, category_id: str) -> list[str]: ...

    async def ids_bundling(self, offering_id: str) -> list[str]: ...


class ImportJobRepository(Repository[ImportJob, ImportJobFilter], Protocol): ...


class CatalogUnitOfWork(Protocol):
    """One transaction over every catalog repository. Leaving without commit rolls back."""

    catalogs: CatalogRepository
    categories: CategoryRepository
    specifications: ProductSpecificationRepository
    prices: OfferingPriceRepository
    offerings: OfferingRepository
    import_jobs: ImportJobRepository

    async def __aenter__(self) -> Self: ...

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    async def commit(self) -> None: ...


class UnitOfWorkFactory(Protocol):
    def __call__(self) -> CatalogUnitOfWork: ...


class Clock(Protocol):
    def now(self) -> datetime: ...


class IdGenerator(Protocol):
    def new_id(self) -> str: ...


class CatalogFileLoader(Protocol):
    """Fetches and parses the catalog file an import job names. Raises ImportSourceRefused for
    a URL it may not read and CatalogFileInvalid (violations per line) for a bad file."""

    async def load(self, source_url: str, content_type: str) -> Sequence[CatalogRecord]: ...
