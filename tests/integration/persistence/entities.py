"""Fully populated catalog entities for the repository contract tests, and a way to store
them. Every optional field is set, so a round trip proves every column and JSON field."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

from domain.catalog.model import (
    AllowedValue,
    Catalog,
    CatalogEntity,
    Category,
    CharacteristicSpecification,
    ImportJob,
    ImportJobState,
    NumberRange,
    Offering,
    OfferingPrice,
    PriceKind,
    ProductSpecification,
    ValueType,
)
from domain.catalog.ports import CatalogUnitOfWork, UnitOfWorkFactory
from domain.shared.money import Money
from domain.shared.time import TimePeriod

# Not UTC and with microseconds on purpose: what comes back must be the same instant, in UTC.
PARIS_SUMMER = timezone(timedelta(hours=2))
T0 = datetime(2026, 3, 4, 5, 6, 7, 123456, tzinfo=UTC)
VALIDITY = TimePeriod(
    start=datetime(2026, 1, 1, 2, 0, tzinfo=PARIS_SUMMER),
    end=datetime(2027, 12, 31, 23, 59, 59, 999999, tzinfo=UTC),
)


def at(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


def category(category_id: str, **changes: Any) -> Category:
    base = Category(
        id=category_id,
        name=f"Category {category_id}",
        description="Fibre, mobile and TV",
        version="1.0",
        lifecycle_status="Active",
        validity=VALIDITY,
        create_time=T0,
        update_time=at(1),
        parent_id="",
    )
    return dataclasses.replace(base, **changes)


def catalog(catalog_id: str, **changes: Any) -> Catalog:
    base = Catalog(
        id=catalog_id,
        name=f"Catalog {catalog_id}",
        description="Consumer catalog",
        version="2.1",
        lifecycle_status="Launched",
        validity=VALIDITY,
        create_time=T0,
        update_time=at(2),
        catalog_type="ProductCatalog",
        category_ids=(),
    )
    return dataclasses.replace(base, **changes)


def characteristics() -> tuple[CharacteristicSpecification, ...]:
    return (
        CharacteristicSpecification(
            name="speed",
            description="Download speed",
            value_type=ValueType.NUMBER,
            configurable=True,
            min_cardinality=1,
            max_cardinality=1,
            allowed_values=(
                AllowedValue(value=Decimal("100.50"), unit_of_measure="Mbps", is_default=True),
                AllowedValue(value=Decimal("1E+3"), unit_of_measure="Mbps"),
                AllowedValue(range=NumberRange(minimum=Decimal("0.001"), maximum=None)),
            ),
        ),
        CharacteristicSpecification(
            name="colour",
            value_type=ValueType.TEXT,
            configurable=False,
            min_cardinality=0,
            max_cardinality=None,
            allowed_values=(AllowedValue(value="black"), AllowedValue(value="1.0")),
        ),
        CharacteristicSpecification(
            name="static_ip",
            value_type=ValueType.FLAG,
            allowed_values=(AllowedValue(value=False, is_default=True), AllowedValue(value=True)),
        ),
        CharacteristicSpecification(name="lines", value_type=ValueType.INTEGER),
    )


def specification(specification_id: str, **changes: Any) -> ProductSpecification:
    base = ProductSpecification(
        id=specification_id,
        name=f"Spec {specification_id}",
        description="Fibre access",
        version="3",
        lifecycle_status="Active",
        validity=VALIDITY,
        create_time=T0,
        update_time=at(3),
        brand="Acme",
        product_number="FTTH-1000",
        characteristics=characteristics(),
    )
    return dataclasses.replace(base, **changes)


def price(price_id: str, **changes: Any) -> OfferingPrice:
    base = OfferingPrice(
        id=price_id,
        name=f"Price {price_id}",
        description="Monthly fee",
        version="1",
        lifecycle_status="Active",
        validity=VALIDITY,
        create_time=T0,
        update_time=at(4),
        kind=PriceKind.RECURRING,
        amount=Money(currency_code="EUR", amount=Decimal("39.90")),
        recurring_period="month",
        unit_of_measure="",
        discount_percentage=Decimal("12.50"),
    )
    return dataclasses.replace(base, **changes)


def offering(offering_id: str, **changes: Any) -> Offering:
    base = Offering(
        id=offering_id,
        name=f"Offering {offering_id}",
        description="Fibre 1 Gbps",
        version="1.2",
        lifecycle_status="Active",
        validity=VALIDITY,
        create_time=T0,
        update_time=at(5),
        is_bundle=False,
        is_sellable=True,
        specification_id="",
        category_ids=(),
        price_ids=(),
        bundle_components=(),
    )
    return dataclasses.replace(base, **changes)


def import_job(job_id: str, **changes: Any) -> ImportJob:
    base = ImportJob(
        id=job_id,
        source_url="file:catalog.ndjson",
        content_type="application/x-ndjson",
        state=ImportJobState.FAILED,
        error_log="line 3: unknown category 'x'\nline 9: bad price",
        records_imported=7,
        create_time=T0,
        completion_time=at(6),
    )
    return dataclasses.replace(base, **changes)


Storable = CatalogEntity | ImportJob


async def add(uow: CatalogUnitOfWork, *entities: Storable) -> None:
    """Add each entity to the repository of its kind."""
    for entity in entities:
        match entity:
            case Catalog():
                await uow.catalogs.add(entity)
            case Category():
                await uow.categories.add(entity)
            case ProductSpecification():
                await uow.specifications.add(entity)
            case OfferingPrice():
                await uow.prices.add(entity)
            case Offering():
                await uow.offerings.add(entity)
            case ImportJob():
                await uow.import_jobs.add(entity)


async def store(new_uow: UnitOfWorkFactory, *entities: Storable) -> None:
    """Add the entities in one committed unit of work."""
    async with new_uow() as uow:
        await add(uow, *entities)
        await uow.commit()
