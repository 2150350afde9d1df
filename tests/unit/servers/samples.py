"""Fully populated domain values: every optional attribute set, so a round trip through the
protos proves every field. Times are not UTC on purpose: they must come back as the same
instant, in UTC."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

from domain.catalog.model import (
    AllowedValue,
    BundleComponent,
    Catalog,
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
from domain.shared.money import Money
from domain.shared.time import TimePeriod

PARIS_SUMMER = timezone(timedelta(hours=2))
CREATED = datetime(2026, 3, 4, 7, 6, 7, 123456, tzinfo=PARIS_SUMMER)
UPDATED = datetime(2026, 3, 5, 8, 0, 0, tzinfo=UTC)
VALIDITY = TimePeriod(
    start=datetime(2026, 1, 1, tzinfo=UTC),
    end=datetime(2027, 12, 31, 23, 59, 59, 999999, tzinfo=UTC),
)
COMMON: dict[str, Any] = {
    "name": "Name",
    "description": "Description",
    "version": "1.2",
    "lifecycle_status": "Active",
    "validity": VALIDITY,
    "create_time": CREATED,
    "update_time": UPDATED,
}


def catalog() -> Catalog:
    return Catalog(id="cl-1", **COMMON, catalog_type="retail", category_ids=("c-1", "c-2"))


def category() -> Category:
    return Category(id="c-2", **COMMON, parent_id="c-1")


def characteristics() -> tuple[CharacteristicSpecification, ...]:
    return (
        CharacteristicSpecification(
            name="speed",
            description="Download speed",
            value_type=ValueType.INTEGER,
            configurable=True,
            min_cardinality=1,
            max_cardinality=1,
            allowed_values=(
                AllowedValue(value=Decimal("100"), unit_of_measure="Mbps", is_default=True),
                AllowedValue(value=Decimal("0.5"), unit_of_measure="Gbps"),
                AllowedValue(range=NumberRange(Decimal("1"), Decimal("10.50"))),
                AllowedValue(range=NumberRange(None, Decimal("-3"))),
                AllowedValue(range=NumberRange(Decimal("7"), None)),
            ),
        ),
        CharacteristicSpecification(
            name="router",
            value_type=ValueType.TEXT,
            configurable=False,
            min_cardinality=0,
            max_cardinality=None,  # unbounded
            allowed_values=(AllowedValue(value="FRITZ!Box 7590"),),
        ),
        CharacteristicSpecification(
            name="staticIp",
            value_type=ValueType.FLAG,
            max_cardinality=3,
            allowed_values=(AllowedValue(value=True), AllowedValue(value=False)),
        ),
        CharacteristicSpecification(name="ratio", value_type=ValueType.NUMBER),
    )


def specification() -> ProductSpecification:
    return ProductSpecification(
        id="s-1",
        **COMMON,
        brand="Northwind",
        product_number="NW-1",
        characteristics=characteristics(),
    )


def price(kind: PriceKind = PriceKind.RECURRING) -> OfferingPrice:
    return OfferingPrice(
        id="p-1",
        **COMMON,
        kind=kind,
        amount=Money("EUR", Decimal("-29.990")),
        recurring_period="month",
        unit_of_measure="GB",
        discount_percentage=Decimal("12.5"),
    )


def offering() -> Offering:
    return Offering(
        id="o-1",
        **COMMON,
        is_bundle=True,
        is_sellable=False,
        specification_id="s-1",
        category_ids=("c-1", "c-2"),
        price_ids=("p-1",),
        bundle_components=(
            BundleComponent(offering_id="o-2", min_quantity=1, max_quantity=2, default_quantity=1),
            BundleComponent(offering_id="o-3"),
        ),
    )


def import_job(state: ImportJobState = ImportJobState.FAILED) -> ImportJob:
    return ImportJob(
        id="j-1",
        source_url="file:catalog.jsonl",
        content_type="application/x-ndjson",
        state=state,
        error_log="line 3: bad",
        records_imported=7,
        create_time=CREATED,
        completion_time=UPDATED,
    )
