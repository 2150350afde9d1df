"""The catalog unit of work: one AsyncSession, one transaction, every catalog repository and,
when the wiring describes the catalog's events, one outbox recording every change's events in
that same transaction."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Self

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.catalog.model import (
    Catalog,
    Category,
    ImportJob,
    Offering,
    OfferingPrice,
    ProductSpecification,
)
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
from ordercapture.notification.v1 import event_pb2
from servers.persistence.catalog_repositories import (
    SqlCatalogRepository,
    SqlCategoryRepository,
    SqlImportJobRepository,
    SqlOfferingPriceRepository,
    SqlOfferingRepository,
    SqlProductSpecificationRepository,
)
from servers.persistence.integrity_errors import translated_integrity_errors
from servers.persistence.outbox import Published, SqlEventOutbox
from servers.persistence.repository_base import Recorded
from servers.persistence.session_unit_of_work import SessionUnitOfWork


@dataclass(frozen=True, slots=True)
class CatalogPublications:
    """How each kind of catalog resource appears in events (its gRPC message, id and state).
    The catalog's wiring supplies it (servers.catalog.events), since it owns the mapping."""

    catalogs: Published[Catalog]
    categories: Published[Category]
    specifications: Published[ProductSpecification]
    prices: Published[OfferingPrice]
    offerings: Published[Offering]
    import_jobs: Published[ImportJob]


class SqlAlchemyCatalogUnitOfWork(SessionUnitOfWork):
    """Use once: `async with uow: ...; await uow.commit()`. Leaving the block rolls back
    whatever was not committed, including after an exception. With `publications`, every
    add/replace/remove also writes its events (source catalog) to the outbox, in the same
    transaction; without, no events are written."""

    catalogs: CatalogRepository
    categories: CategoryRepository
    specifications: ProductSpecificationRepository
    prices: OfferingPriceRepository
    offerings: OfferingRepository
    import_jobs: ImportJobRepository

    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        publications: CatalogPublications | None = None,
    ) -> None:
        super().__init__(session_factory)
        self._publications = publications

    async def __aenter__(self) -> Self:
        session = self._open()
        published = self._publications
        if published is None:
            self.catalogs = SqlCatalogRepository(session)
            self.categories = SqlCategoryRepository(session)
            self.specifications = SqlProductSpecificationRepository(session)
            self.prices = SqlOfferingPriceRepository(session)
            self.offerings = SqlOfferingRepository(session)
            self.import_jobs = SqlImportJobRepository(session)
            return self
        outbox = SqlEventOutbox(session, event_pb2.EVENT_SOURCE_CATALOG)
        self.catalogs = SqlCatalogRepository(session, Recorded(outbox, published.catalogs))
        self.categories = SqlCategoryRepository(session, Recorded(outbox, published.categories))
        self.specifications = SqlProductSpecificationRepository(
            session, Recorded(outbox, published.specifications)
        )
        self.prices = SqlOfferingPriceRepository(session, Recorded(outbox, published.prices))
        self.offerings = SqlOfferingRepository(session, Recorded(outbox, published.offerings))
        self.import_jobs = SqlImportJobRepository(session, Recorded(outbox, published.import_jobs))
        return self

    async def commit(self) -> None:
        with translated_integrity_errors():
            await self._require_session().commit()


def catalog_uow_factory(
    session_factory: async_sessionmaker[AsyncSession],
    publications: CatalogPublications | None = None,
) -> UnitOfWorkFactory:
    """The UnitOfWorkFactory the catalog use cases take: a new unit of work per call, each
    recording its events when `publications` is given (the server always gives it)."""

    def new_unit_of_work() -> CatalogUnitOfWork:
        return SqlAlchemyCatalogUnitOfWork(session_factory, publications)

    return new_unit_of_work
