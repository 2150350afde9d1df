"""One repository per catalog port; each names its row type, mapping, filters and the reverse
lookups the use cases need before deleting or validating references. Given `recorded`, each
records the events of its changes (see repository_base)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.catalog.errors import (
    CatalogNotFound,
    CategoryNotFound,
    ImportJobNotFound,
    OfferingNotFound,
    OfferingPriceNotFound,
    ProductSpecificationNotFound,
)
from domain.catalog.model import (
    Catalog,
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
    ProductSpecificationFilter,
    SortField,
)
from ordercapture.catalog.v1 import (
    catalog_pb2,
    import_pb2,
    offering_pb2,
    price_pb2,
    specification_pb2,
)
from servers.persistence import catalog_mapping as mapping
from servers.persistence.catalog_rows import (
    BundleComponentRow,
    CatalogCategoryRow,
    CatalogRow,
    CategoryRow,
    ImportJobRow,
    OfferingCategoryRow,
    OfferingPriceLinkRow,
    OfferingPriceRow,
    OfferingRow,
    ProductSpecificationRow,
)
from servers.persistence.repository_base import Recorded, SqlRepository
from servers.persistence.sql_filters import (
    Condition,
    SortColumns,
    any_of,
    entity_conditions,
    entity_sort_columns,
    flag_is,
    linked_to_any,
    reference_any_of,
)


class SqlCatalogRepository(SqlRepository[Catalog, CatalogFilter, CatalogRow]):
    listed = catalog_pb2.Catalog.DESCRIPTOR

    def __init__(self, session: AsyncSession, recorded: Recorded[Catalog] | None = None) -> None:
        super().__init__(session, CatalogRow, CatalogNotFound, recorded)

    def _to_row(self, entity: Catalog) -> CatalogRow:
        return mapping.catalog_row(entity)

    def _to_domain(self, row: CatalogRow) -> Catalog:
        return mapping.catalog_from_row(row)

    def _conditions(self, query: CatalogFilter) -> Sequence[Condition]:
        return [
            *entity_conditions(CatalogRow, query),
            *any_of(CatalogRow.catalog_type, query.catalog_types),
            *linked_to_any(
                CatalogRow.id,
                CatalogCategoryRow.catalog_id,
                CatalogCategoryRow.category_id,
                query.category_ids,
            ),
        ]

    def _sort_columns(self) -> SortColumns:
        return entity_sort_columns(CatalogRow)

    async def ids_publishing_category(self, category_id: str) -> list[str]:
        link = CatalogCategoryRow
        return await self._ids(
            select(link.catalog_id)
            .where(link.category_id == category_id)
            .distinct()
            .order_by(link.catalog_id)
        )


class SqlCategoryRepository(SqlRepository[Category, CategoryFilter, CategoryRow]):
    listed = catalog_pb2.Category.DESCRIPTOR

    def __init__(self, session: AsyncSession, recorded: Recorded[Category] | None = None) -> None:
        super().__init__(session, CategoryRow, CategoryNotFound, recorded)

    def _to_row(self, entity: Category) -> CategoryRow:
        return mapping.category_row(entity)

    def _to_domain(self, row: CategoryRow) -> Category:
        return mapping.category_from_row(row)

    def _conditions(self, query: CategoryFilter) -> Sequence[Condition]:
        conditions = [
            *entity_conditions(CategoryRow, query),
            *reference_any_of(CategoryRow.parent_id, query.parent_ids),
        ]
        if query.is_root is not None:
            # Roots are stored with a NULL parent (see catalog_mapping).
            parent = CategoryRow.parent_id
            conditions.append(parent.is_(None) if query.is_root else parent.is_not(None))
        return conditions

    def _sort_columns(self) -> SortColumns:
        return entity_sort_columns(CategoryRow)

    async def child_ids(self, category_id: str) -> list[str]:
        return await self._ids(
            select(CategoryRow.id)
            .where(CategoryRow.parent_id == category_id)
            .order_by(CategoryRow.id)
        )


class SqlProductSpecificationRepository(
    SqlRepository[ProductSpecification, ProductSpecificationFilter, ProductSpecificationRow]
):
    listed = specification_pb2.ProductSpecification.DESCRIPTOR

    def __init__(
        self, session: AsyncSession, recorded: Recorded[ProductSpecification] | None = None
    ) -> None:
        super().__init__(session, ProductSpecificationRow, ProductSpecificationNotFound, recorded)

    def _to_row(self, entity: ProductSpecification) -> ProductSpecificationRow:
        return mapping.specification_row(entity)

    def _to_domain(self, row: ProductSpecificationRow) -> ProductSpecification:
        return mapping.specification_from_row(row)

    def _conditions(self, query: ProductSpecificationFilter) -> Sequence[Condition]:
        return [
            *entity_conditions(ProductSpecificationRow, query),
            *any_of(ProductSpecificationRow.brand, query.brands),
        ]

    def _sort_columns(self) -> SortColumns:
        return entity_sort_columns(ProductSpecificationRow)


class SqlOfferingPriceRepository(
    SqlRepository[OfferingPrice, OfferingPriceFilter, OfferingPriceRow]
):
    listed = price_pb2.OfferingPrice.DESCRIPTOR

    def __init__(
        self, session: AsyncSession, recorded: Recorded[OfferingPrice] | None = None
    ) -> None:
        super().__init__(session, OfferingPriceRow, OfferingPriceNotFound, recorded)

    def _to_row(self, entity: OfferingPrice) -> OfferingPriceRow:
        return mapping.price_row(entity)

    def _to_domain(self, row: OfferingPriceRow) -> OfferingPrice:
        return mapping.price_from_row(row)

    def _conditions(self, query: OfferingPriceFilter) -> Sequence[Condition]:
        return [
            *entity_conditions(OfferingPriceRow, query),
            *any_of(OfferingPriceRow.kind, [kind.value for kind in query.kinds]),
            *any_of(OfferingPriceRow.currency_code, query.currency_codes),
        ]

    def _sort_columns(self) -> SortColumns:
        return entity_sort_columns(OfferingPriceRow)


class SqlOfferingRepository(SqlRepository[Offering, OfferingFilter, OfferingRow]):
    listed = offering_pb2.Offering.DESCRIPTOR

    def __init__(self, session: AsyncSession, recorded: Recorded[Offering] | None = None) -> None:
        super().__init__(session, OfferingRow, OfferingNotFound, recorded)

    def _to_row(self, entity: Offering) -> OfferingRow:
        return mapping.offering_row(entity)

    def _to_domain(self, row: OfferingRow) -> Offering:
        return mapping.offering_from_row(row)

    def _conditions(self, query: OfferingFilter) -> Sequence[Condition]:
        return [
            *entity_conditions(OfferingRow, query),
            *reference_any_of(OfferingRow.specification_id, query.specification_ids),
            *linked_to_any(
                OfferingRow.id,
                OfferingCategoryRow.offering_id,
                OfferingCategoryRow.category_id,
                query.category_ids,
            ),
            *linked_to_any(
                OfferingRow.id,
                OfferingPriceLinkRow.offering_id,
                OfferingPriceLinkRow.price_id,
                query.price_ids,
            ),
            *flag_is(OfferingRow.is_bundle, query.is_bundle),
            *flag_is(OfferingRow.is_sellable, query.is_sellable),
        ]

    def _sort_columns(self) -> SortColumns:
        return entity_sort_columns(OfferingRow)

    async def ids_referencing_specification(self, specification_id: str) -> list[str]:
        return await self._ids(
            select(OfferingRow.id)
            .where(OfferingRow.specification_id == specification_id)
            .order_by(OfferingRow.id)
        )

    async def ids_referencing_price(self, price_id: str) -> list[str]:
        link = OfferingPriceLinkRow
        return await self._ids(
            select(link.offering_id)
            .where(link.price_id == price_id)
            .distinct()
            .order_by(link.offering_id)
        )

    async def ids_in_category(self, category_id: str) -> list[str]:
        link = OfferingCategoryRow
        return await self._ids(
            select(link.offering_id)
            .where(link.category_id == category_id)
            .distinct()
            .order_by(link.offering_id)
        )

    async def ids_bundling(self, offering_id: str) -> list[str]:
        link = BundleComponentRow
        return await self._ids(
            select(link.bundle_id)
            .where(link.component_id == offering_id)
            .distinct()
            .order_by(link.bundle_id)
        )


class SqlImportJobRepository(SqlRepository[ImportJob, ImportJobFilter, ImportJobRow]):
    listed = import_pb2.ImportJob.DESCRIPTOR

    def __init__(self, session: AsyncSession, recorded: Recorded[ImportJob] | None = None) -> None:
        super().__init__(session, ImportJobRow, ImportJobNotFound, recorded)

    def _to_row(self, entity: ImportJob) -> ImportJobRow:
        return mapping.import_job_row(entity)

    def _to_domain(self, row: ImportJobRow) -> ImportJob:
        return mapping.import_job_from_row(row)

    def _conditions(self, query: ImportJobFilter) -> Sequence[Condition]:
        return any_of(ImportJobRow.state, [state.value for state in query.states])

    def _sort_columns(self) -> SortColumns:
        # An import job has no name, version or status; it changes last when it completes.
        return {
            SortField.ID: ImportJobRow.id,
            SortField.CREATE_TIME: ImportJobRow.create_time,
            SortField.UPDATE_TIME: ImportJobRow.completion_time,
        }
