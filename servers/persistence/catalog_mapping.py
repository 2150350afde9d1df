"""Explicit row <-> domain conversions for the catalog. Each `*_row` builds a complete row graph
(association rows carry their owner id, so `Session.merge` matches them by key on replace)."""

from __future__ import annotations

from datetime import datetime
from typing import TypedDict

from domain.catalog.model import (
    BundleComponent,
    Catalog,
    Category,
    Entity,
    ImportJob,
    ImportJobState,
    Offering,
    OfferingPrice,
    PriceKind,
    ProductSpecification,
)
from domain.shared.money import Money
from domain.shared.time import TimePeriod
from servers.persistence.catalog_characteristics import dump_characteristics, load_characteristics
from servers.persistence.catalog_rows import (
    BundleComponentRow,
    CatalogCategoryRow,
    CatalogEntityRow,
    CatalogRow,
    CategoryRow,
    ImportJobRow,
    OfferingCategoryRow,
    OfferingPriceLinkRow,
    OfferingPriceRow,
    OfferingRow,
    ProductSpecificationRow,
)


class EntityFields(TypedDict):
    id: str
    name: str
    description: str
    version: str
    lifecycle_status: str
    validity: TimePeriod
    create_time: datetime | None
    update_time: datetime | None
    extension: str


def _entity_columns(entity: Entity) -> dict[str, object]:
    return {
        "id": entity.id,
        "name": entity.name,
        "description": entity.description,
        "version": entity.version,
        "lifecycle_status": entity.lifecycle_status,
        "validity_start": entity.validity.start,
        "validity_end": entity.validity.end,
        "create_time": entity.create_time,
        "update_time": entity.update_time,
        "extension": entity.extension,
    }


def _entity_fields(row: CatalogEntityRow) -> EntityFields:
    return EntityFields(
        id=row.id,
        name=row.name,
        description=row.description,
        version=row.version,
        lifecycle_status=row.lifecycle_status,
        validity=TimePeriod(start=row.validity_start, end=row.validity_end),
        create_time=row.create_time,
        update_time=row.update_time,
        extension=row.extension,
    )


def _nullable(reference: str) -> str | None:
    """The domain's "no reference" is an empty string; a foreign key needs NULL."""
    return reference or None


# --- catalogs ---


def catalog_row(catalog: Catalog) -> CatalogRow:
    return CatalogRow(
        **_entity_columns(catalog),
        catalog_type=catalog.catalog_type,
        categories=[
            CatalogCategoryRow(catalog_id=catalog.id, position=i, category_id=category_id)
            for i, category_id in enumerate(catalog.category_ids)
        ],
    )


def catalog_from_row(row: CatalogRow) -> Catalog:
    return Catalog(
        **_entity_fields(row),
        catalog_type=row.catalog_type,
        category_ids=tuple(link.category_id for link in row.categories),
    )


# --- categories ---


def category_row(category: Category) -> CategoryRow:
    return CategoryRow(**_entity_columns(category), parent_id=_nullable(category.parent_id))


def category_from_row(row: CategoryRow) -> Category:
    return Category(**_entity_fields(row), parent_id=row.parent_id or "")


# --- product specifications ---


def specification_row(specification: ProductSpecification) -> ProductSpecificationRow:
    return ProductSpecificationRow(
        **_entity_columns(specification),
        brand=specification.brand,
        product_number=specification.product_number,
        characteristics=dump_characteristics(specification.characteristics),
    )


def specification_from_row(row: ProductSpecificationRow) -> ProductSpecification:
    return ProductSpecification(
        **_entity_fields(row),
        brand=row.brand,
        product_number=row.product_number,
        characteristics=load_characteristics(row.characteristics),
    )


# --- offering prices ---


def price_row(price: OfferingPrice) -> OfferingPriceRow:
    return OfferingPriceRow(
        **_entity_columns(price),
        kind=price.kind.value,
        currency_code=None if price.amount is None else price.amount.currency_code,
        amount=None if price.amount is None else price.amount.amount,
        recurring_period=price.recurring_period,
        unit_of_measure=price.unit_of_measure,
        discount_percentage=price.discount_percentage,
    )


def price_from_row(row: OfferingPriceRow) -> OfferingPrice:
    amount = None
    if row.amount is not None and row.currency_code is not None:
        amount = Money(currency_code=row.currency_code, amount=row.amount)
    return OfferingPrice(
        **_entity_fields(row),
        kind=PriceKind(row.kind),
        amount=amount,
        recurring_period=row.recurring_period,
        unit_of_measure=row.unit_of_measure,
        discount_percentage=row.discount_percentage,
    )


# --- offerings ---


def offering_row(offering: Offering) -> OfferingRow:
    return OfferingRow(
        **_entity_columns(offering),
        is_bundle=offering.is_bundle,
        is_sellable=offering.is_sellable,
        specification_id=_nullable(offering.specification_id),
        categories=[
            OfferingCategoryRow(offering_id=offering.id, position=i, category_id=category_id)
            for i, category_id in enumerate(offering.category_ids)
        ],
        prices=[
            OfferingPriceLinkRow(offering_id=offering.id, position=i, price_id=price_id)
            for i, price_id in enumerate(offering.price_ids)
        ],
        components=[
            BundleComponentRow(
                bundle_id=offering.id,
                position=i,
                component_id=c.offering_id,
                min_quantity=c.min_quantity,
                max_quantity=c.max_quantity,
                default_quantity=c.default_quantity,
            )
            for i, c in enumerate(offering.bundle_components)
        ],
    )


def offering_from_row(row: OfferingRow) -> Offering:
    return Offering(
        **_entity_fields(row),
        is_bundle=row.is_bundle,
        is_sellable=row.is_sellable,
        specification_id=row.specification_id or "",
        category_ids=tuple(link.category_id for link in row.categories),
        price_ids=tuple(link.price_id for link in row.prices),
        bundle_components=tuple(
            BundleComponent(
                offering_id=c.component_id,
                min_quantity=c.min_quantity,
                max_quantity=c.max_quantity,
                default_quantity=c.default_quantity,
            )
            for c in row.components
        ),
    )


# --- import jobs ---


def import_job_row(job: ImportJob) -> ImportJobRow:
    return ImportJobRow(
        id=job.id,
        source_url=job.source_url,
        content_type=job.content_type,
        state=job.state.value,
        error_log=job.error_log,
        records_imported=job.records_imported,
        create_time=job.create_time,
        completion_time=job.completion_time,
        extension=job.extension,
    )


def import_job_from_row(row: ImportJobRow) -> ImportJob:
    return ImportJob(
        id=row.id,
        source_url=row.source_url,
        content_type=row.content_type,
        state=ImportJobState(row.state),
        error_log=row.error_log,
        records_imported=row.records_imported,
        create_time=row.create_time,
        completion_time=row.completion_time,
        extension=row.extension,
    )
