"""The catalog unit of work: one AsyncSession, one transaction, every catalog repository."""

from __future__ import annotations

from typing import Self

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.catalog.ports import (
    CatalogRepository,
    CatalogUnitOfWork,
    CategoryRepository,
    ImportJobRepository,
    OfferingPriceRepository,
    OfferingRepository,
    ProductSpecificationRepository,
    UnitOfWorkFactory,
)
from servers.persistence.catalog_repositories import (
    SqlCatalogRepository,
    SqlCategoryRepository,
    SqlImportJobRepository,
    SqlOfferingPriceRepository,
    SqlOfferingRepository,
    SqlProductSpecificationRepository,
)
from servers.persistence.integrity_errors import translated_integrity_errors
from servers.persistence.session_unit_of_work import SessionUnitOfWork


class SqlAlchemyCatalogUnitOfWork(SessionUnitOfWork):
    """Use once: `async with uow: ...; await uow.commit()`. Leaving the block rolls back
    whatever was not committed, including after an exception."""

    catalogs: CatalogRepository
    categories: CategoryRepository
    specifications: ProductSpecificationRepository
    prices: OfferingPriceRepository
    offerings: OfferingRepository
    import_jobs: ImportJobRepository

    async def __aenter__(self) -> Self:
        session = self._open()
        self.catalogs = SqlCatalogRepository(session)
        self.categories = SqlCategoryRepository(session)
        self.specifications = SqlProductSpecificationRepository(session)
        self.prices = SqlOfferingPriceRepository(session)
        self.offerings = SqlOfferingRepository(session)
        self.import_jobs = SqlImportJobRepository(session)
        return self

    async def commit(self) -> None:
        with translated_integrity_errors():
            await self._require_session().commit()


def catalog_uow_factory(session_factory: async_sessionmaker[AsyncSession]) -> UnitOfWorkFactory:
    """The UnitOfWorkFactory the catalog use cases take: a new unit of work per call."""

    def new_unit_of_work() -> CatalogUnitOfWork:
        return SqlAlchemyCatalogUnitOfWork(session_factory)

    return new_unit_of_work
