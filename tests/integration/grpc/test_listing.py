"""Filters, ordering, paging and totals are applied by the server."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from ordercapture.catalog.v1 import catalog_pb2, offering_pb2, price_pb2, query_pb2
from ordercapture.catalog.v1 import catalog_service_pb2 as cs
from tests.integration.grpc import builders

if TYPE_CHECKING:
    from ordercapture.catalog.v1.catalog_service_pb2_grpc import CatalogServiceAsyncStub


@pytest.fixture
async def offerings(stub: CatalogServiceAsyncStub) -> None:
    """Five offerings: o1..o5 named e..a; o2 and o4 retired; o5 in category c2."""
    for category_id in ("c1", "c2"):
        await stub.CreateCategory(cs.CreateCategoryRequest(category=builders.category(category_id)))
    for number, name in zip(range(1, 6), "edcba", strict=True):
        offering = builders.offering(
            f"o{number}",
            name=name,
            lifecycle_status="Retired" if number % 2 == 0 else "Active",
            category_ids=("c2",) if number == 5 else ("c1",),
        )
        await stub.CreateOffering(cs.CreateOfferingRequest(offering=offering))


def _ids(response: cs.ListOfferingsResponse) -> list[str]:
    return [o.id for o in response.offerings]


@pytest.mark.usefixtures("offerings")
async def test_default_order_is_by_id_with_total(stub: CatalogServiceAsyncStub) -> None:
    listed = await stub.ListOfferings(cs.ListOfferingsRequest())
    assert (_ids(listed), listed.total_size) == (["o1", "o2", "o3", "o4", "o5"], 5)


@pytest.mark.usefixtures("offerings")
async def test_paging_keeps_the_total(stub: CatalogServiceAsyncStub) -> None:
    page = query_pb2.Page(
        page_size=2,
        skip=1,
        order_by=[query_pb2.SortKey(field=query_pb2.SORT_FIELD_NAME, descending=True)],
    )
    listed = await stub.ListOfferings(cs.ListOfferingsRequest(page=page))
    assert (_ids(listed), listed.total_size) == (["o2", "o3"], 5)


@pytest.mark.usefixtures("offerings")
async def test_filters_are_and_ed_across_and_or_ed_within(stub: CatalogServiceAsyncStub) -> None:
    query = offering_pb2.OfferingFilter(
        common=query_pb2.EntityFilter(lifecycle_statuses=["Active"], ids=["o1", "o2", "o5"]),
        category_ids=["c1", "c2"],
    )
    listed = await stub.ListOfferings(cs.ListOfferingsRequest(filter=query))
    assert (_ids(listed), listed.total_size) == (["o1", "o5"], 2)


@pytest.mark.usefixtures("offerings")
async def test_optional_flag_filter(stub: CatalogServiceAsyncStub) -> None:
    bundles = await stub.ListOfferings(
        cs.ListOfferingsRequest(filter=offering_pb2.OfferingFilter(is_bundle=True))
    )
    singles = await stub.ListOfferings(
        cs.ListOfferingsRequest(filter=offering_pb2.OfferingFilter(is_bundle=False))
    )
    assert (bundles.total_size, singles.total_size) == (0, 5)


async def test_category_root_filter(stub: CatalogServiceAsyncStub) -> None:
    await stub.CreateCategory(cs.CreateCategoryRequest(category=builders.category("r")))
    await stub.CreateCategory(cs.CreateCategoryRequest(category=builders.category("k", "r")))
    roots = await stub.ListCategories(
        cs.ListCategoriesRequest(filter=catalog_pb2.CategoryFilter(is_root=True))
    )
    children = await stub.ListCategories(
        cs.ListCategoriesRequest(filter=catalog_pb2.CategoryFilter(parent_ids=["r"]))
    )
    assert [c.id for c in roots.categories] == ["r"]
    assert [c.id for c in children.categories] == ["k"]


async def test_price_kind_filter(stub: CatalogServiceAsyncStub) -> None:
    await stub.CreateOfferingPrice(
        cs.CreateOfferingPriceRequest(offering_price=builders.price("p1"))
    )
    one_time = builders.price("p2")
    one_time.kind = price_pb2.PRICE_KIND_ONE_TIME
    await stub.CreateOfferingPrice(cs.CreateOfferingPriceRequest(offering_price=one_time))
    listed = await stub.ListOfferingPrices(
        cs.ListOfferingPricesRequest(
            filter=price_pb2.OfferingPriceFilter(
                kinds=[price_pb2.PRICE_KIND_ONE_TIME], currency_codes=["EUR"]
            )
        )
    )
    assert [p.id for p in listed.offering_prices] == ["p2"]
