"""Filters, paging and sort keys: proto -> the domain's typed queries."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from google.protobuf.timestamp_pb2 import Timestamp

from domain.catalog.errors import InvalidEntity
from domain.catalog.model import ImportJobState, PriceKind
from domain.catalog.queries import (
    DEFAULT_PAGE_SIZE,
    MAX_PAGE_SIZE,
    CatalogFilter,
    CategoryFilter,
    ImportJobFilter,
    OfferingFilter,
    OfferingPriceFilter,
    PageRequest,
    ProductSpecificationFilter,
    SortField,
    SortKey,
)
from ordercapture.catalog.v1 import (
    catalog_pb2,
    import_pb2,
    offering_pb2,
    price_pb2,
    query_pb2,
    specification_pb2,
)
from servers.catalog.mapping.queries import (
    catalog_filter_from,
    category_filter_from,
    import_job_filter_from,
    offering_filter_from,
    page_from,
    price_filter_from,
    specification_filter_from,
)

AFTER = datetime(2026, 1, 1, tzinfo=UTC)
BEFORE = datetime(2026, 2, 1, 12, 30, tzinfo=UTC)


def _stamp(moment: datetime) -> Timestamp:
    stamp = Timestamp()
    stamp.FromDatetime(moment)
    return stamp


COMMON = query_pb2.EntityFilter(
    ids=["a", "b"],
    names=["n"],
    lifecycle_statuses=["Active", "Launched"],
    versions=["1.0"],
    updated_after=_stamp(AFTER),
    updated_before=_stamp(BEFORE),
)
EXPECTED_COMMON: dict[str, Any] = {
    "ids": ("a", "b"),
    "names": ("n",),
    "lifecycle_statuses": ("Active", "Launched"),
    "versions": ("1.0",),
    "updated_after": AFTER,
    "updated_before": BEFORE,
}


def test_empty_filters_match_everything() -> None:
    assert catalog_filter_from(catalog_pb2.CatalogFilter()) == CatalogFilter()
    assert category_filter_from(catalog_pb2.CategoryFilter()) == CategoryFilter()
    assert offering_filter_from(offering_pb2.OfferingFilter()) == OfferingFilter()
    assert price_filter_from(price_pb2.OfferingPriceFilter()) == OfferingPriceFilter()
    assert import_job_filter_from([]) == ImportJobFilter()
    assert (
        specification_filter_from(specification_pb2.ProductSpecificationFilter())
        == ProductSpecificationFilter()
    )


def test_catalog_filter() -> None:
    message = catalog_pb2.CatalogFilter(
        common=COMMON, catalog_types=["retail"], category_ids=["c1", "c2"]
    )
    assert catalog_filter_from(message) == CatalogFilter(
        **EXPECTED_COMMON, catalog_types=("retail",), category_ids=("c1", "c2")
    )


@pytest.mark.parametrize("is_root", [True, False])
def test_category_filter(is_root: bool) -> None:
    message = catalog_pb2.CategoryFilter(common=COMMON, parent_ids=["p"], is_root=is_root)
    assert category_filter_from(message) == CategoryFilter(
        **EXPECTED_COMMON, parent_ids=("p",), is_root=is_root
    )


def test_specification_filter() -> None:
    message = specification_pb2.ProductSpecificationFilter(common=COMMON, brands=["NW"])
    assert specification_filter_from(message) == ProductSpecificationFilter(
        **EXPECTED_COMMON, brands=("NW",)
    )


@pytest.mark.parametrize(("is_bundle", "is_sellable"), [(True, False), (False, True)])
def test_offering_filter(is_bundle: bool, is_sellable: bool) -> None:
    message = offering_pb2.OfferingFilter(
        common=COMMON,
        category_ids=["c"],
        specification_ids=["s"],
        price_ids=["p"],
        is_bundle=is_bundle,
        is_sellable=is_sellable,
    )
    assert offering_filter_from(message) == OfferingFilter(
        **EXPECTED_COMMON,
        category_ids=("c",),
        specification_ids=("s",),
        price_ids=("p",),
        is_bundle=is_bundle,
        is_sellable=is_sellable,
    )


def test_unset_optional_flags_mean_either() -> None:
    found = offering_filter_from(offering_pb2.OfferingFilter(is_sellable=False))
    assert (found.is_bundle, found.is_sellable) == (None, False)


def test_price_filter() -> None:
    message = price_pb2.OfferingPriceFilter(
        common=COMMON,
        kinds=[price_pb2.PRICE_KIND_RECURRING, price_pb2.PRICE_KIND_USAGE],
        currency_codes=["EUR"],
    )
    assert price_filter_from(message) == OfferingPriceFilter(
        **EXPECTED_COMMON,
        kinds=(PriceKind.RECURRING, PriceKind.USAGE),
        currency_codes=("EUR",),
    )


def test_price_filter_refuses_unspecified_kind() -> None:
    message = price_pb2.OfferingPriceFilter(
        kinds=[price_pb2.PRICE_KIND_USAGE, price_pb2.PRICE_KIND_UNSPECIFIED]
    )
    with pytest.raises(InvalidEntity) as raised:
        price_filter_from(message)
    assert [v.field for v in raised.value.violations] == ["filter.kinds[1]"]


def test_import_job_filter() -> None:
    states = [import_pb2.IMPORT_JOB_STATE_FAILED, import_pb2.IMPORT_JOB_STATE_RUNNING]
    assert import_job_filter_from(states) == ImportJobFilter(
        states=(ImportJobState.FAILED, ImportJobState.RUNNING)
    )


def test_page_defaults() -> None:
    assert page_from(query_pb2.Page()) == PageRequest(size=DEFAULT_PAGE_SIZE, skip=0)


def test_page_with_order() -> None:
    message = query_pb2.Page(
        page_size=MAX_PAGE_SIZE,
        skip=40,
        order_by=[
            query_pb2.SortKey(field=query_pb2.SORT_FIELD_NAME, descending=True),
            query_pb2.SortKey(),
        ],
    )
    assert page_from(message) == PageRequest(
        size=MAX_PAGE_SIZE,
        skip=40,
        order_by=(SortKey(SortField.NAME, descending=True), SortKey(SortField.ID)),
    )


@pytest.mark.parametrize(
    ("page", "field"),
    [
        (query_pb2.Page(page_size=-1), "page.page_size"),
        (query_pb2.Page(page_size=MAX_PAGE_SIZE + 1), "page.page_size"),
        (query_pb2.Page(skip=-1), "page.skip"),
        (query_pb2.Page(order_by=[query_pb2.SortKey(field=77)]), "page.order_by[0].field"),  # type: ignore[arg-type]
    ],
)
def test_bad_pages_name_the_field(page: query_pb2.Page, field: str) -> None:
    with pytest.raises(InvalidEntity) as raised:
        page_from(page)
    assert [v.field for v in raised.value.violations] == [field]
