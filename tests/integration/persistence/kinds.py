"""Each storable kind for parametrised contract tests: how to reach its repository, a fully
populated instance, a version of it with every field changed, and the entities it refers to."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest

from domain.catalog.model import (
    AllowedValue,
    BundleComponent,
    CharacteristicSpecification,
    ImportJob,
    ImportJobState,
    PriceKind,
    ValueType,
)
from domain.catalog.ports import CatalogUnitOfWork
from domain.shared.money import Money
from domain.shared.time import TimePeriod
from tests.integration.persistence import entities as e

# What the full instances refer to; stored before them.
REFERENCES: tuple[e.Storable, ...] = (
    e.category("c1"),
    e.category("c2", parent_id="c1"),
    e.category("c3"),
    e.specification("s1"),
    e.specification("s2"),
    e.price("p1"),
    e.price("p2", kind=PriceKind.ONE_TIME),
    e.price("p3", kind=PriceKind.DISCOUNT, amount=None),
    e.offering("o-a"),
    e.offering("o-b"),
)

# Every field different from the full instance (ids stay).
_CHANGED_COMMON: dict[str, Any] = {
    "name": "Renamed",
    "description": "",
    "version": "9.9",
    "lifecycle_status": "Retired",
    "validity": TimePeriod(start=None, end=e.at(60)),
    "create_time": e.at(-60),
    "update_time": e.at(120),
}


@dataclass(frozen=True)
class Kind:
    name: str
    repository: Callable[[CatalogUnitOfWork], Any]
    full: Callable[[str], e.Storable]
    changed: Callable[[e.Storable], e.Storable]
    not_found_reason: str


def _changed(**fields: Any) -> Callable[[e.Storable], e.Storable]:
    return lambda entity: dataclasses.replace(entity, **{**_CHANGED_COMMON, **fields})


def _changed_job(job: e.Storable) -> e.Storable:
    assert isinstance(job, ImportJob)
    return dataclasses.replace(
        job,
        source_url="https://example.com/c.ndjson",
        content_type="text/plain",
        state=ImportJobState.SUCCEEDED,
        error_log="",
        records_imported=0,
        create_time=e.at(-1),
        completion_time=None,
    )


KINDS = [
    Kind(
        "catalog",
        lambda uow: uow.catalogs,
        lambda i: e.catalog(i, category_ids=("c1", "c2")),
        _changed(catalog_type="PartnerCatalog", category_ids=("c3", "c1", "c2")),
        "CATALOG_NOT_FOUND",
    ),
    Kind(
        "category",
        lambda uow: uow.categories,
        lambda i: e.category(i, parent_id="c1"),
        _changed(parent_id=""),
        "CATEGORY_NOT_FOUND",
    ),
    Kind(
        "specification",
        lambda uow: uow.specifications,
        e.specification,
        _changed(
            brand="Other",
            product_number="",
            characteristics=(
                CharacteristicSpecification(
                    name="speed",
                    value_type=ValueType.INTEGER,
                    allowed_values=(AllowedValue(value=Decimal(-5), is_default=True),),
                ),
            ),
        ),
        "PRODUCT_SPECIFICATION_NOT_FOUND",
    ),
    Kind(
        "price",
        lambda uow: uow.prices,
        e.price,
        _changed(
            kind=PriceKind.USAGE,
            amount=Money(currency_code="USD", amount=Decimal("0.000000001")),
            recurring_period="",
            unit_of_measure="GB",
            discount_percentage=None,
        ),
        "OFFERING_PRICE_NOT_FOUND",
    ),
    Kind(
        "offering",
        lambda uow: uow.offerings,
        lambda i: e.offering(
            i,
            is_bundle=True,
            specification_id="s1",
            category_ids=("c1", "c2"),
            price_ids=("p1", "p2"),
            bundle_components=(
                BundleComponent(offering_id="o-a", min_quantity=1, max_quantity=3),
                BundleComponent(offering_id="o-b", max_quantity=1, default_quantity=1),
            ),
        ),
        _changed(
            is_bundle=False,
            is_sellable=False,
            specification_id="s2",
            category_ids=("c3", "c2", "c1"),
            price_ids=("p3",),
            bundle_components=(BundleComponent(offering_id="o-b", min_quantity=2, max_quantity=5),),
        ),
        "OFFERING_NOT_FOUND",
    ),
    Kind(
        "import_job",
        lambda uow: uow.import_jobs,
        e.import_job,
        _changed_job,
        "IMPORT_JOB_NOT_FOUND",
    ),
]

KIND_PARAMS = [pytest.param(kind, id=kind.name) for kind in KINDS]
