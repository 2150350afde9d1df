"""Search documents of the catalog's rows written before they existed (migration 0007): filled
when the server starts, from the very message a write would have written (the message
CatalogService returns, as servers.catalog.events describes it), so attribute conditions see
every catalog resource."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from servers.catalog.events import CATALOG_PUBLICATIONS
from servers.persistence import catalog_mapping as mapping
from servers.persistence.base import SearchedRow
from servers.persistence.catalog_rows import (
    CatalogRow,
    CategoryRow,
    ImportJobRow,
    OfferingPriceRow,
    OfferingRow,
    ProductSpecificationRow,
)
from servers.persistence.outbox import Published
from servers.persistence.search_backfill import fill_search_documents
from servers.persistence.search_documents import search_document

R = TypeVar("R", bound=SearchedRow)
E = TypeVar("E")


async def fill_catalog_search_documents(sessions: async_sessionmaker[AsyncSession]) -> int:
    """Writes the search document of every catalog row that has none; returns how many."""
    published = CATALOG_PUBLICATIONS
    return (
        await _fill(sessions, CatalogRow, mapping.catalog_from_row, published.catalogs)
        + await _fill(sessions, CategoryRow, mapping.category_from_row, published.categories)
        + await _fill(
            sessions,
            ProductSpecificationRow,
            mapping.specification_from_row,
            published.specifications,
        )
        + await _fill(sessions, OfferingPriceRow, mapping.price_from_row, published.prices)
        + await _fill(sessions, OfferingRow, mapping.offering_from_row, published.offerings)
        + await _fill(sessions, ImportJobRow, mapping.import_job_from_row, published.import_jobs)
    )


async def _fill(
    sessions: async_sessionmaker[AsyncSession],
    row_type: type[R],
    to_domain: Callable[[R], E],
    published: Published[E],
) -> int:
    def document(row: R) -> dict[str, Any]:
        return search_document(published.message(to_domain(row)))

    return await fill_search_documents(sessions, row_type, document)
