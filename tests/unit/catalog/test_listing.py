"""Listing: the page checks of the use cases, and filters, order and paging end to end."""

from __future__ import annotations

from datetime import timedelta

import pytest

from domain.catalog import errors
from domain.catalog.model import ImportJob, ImportJobState
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
from domain.catalog.services import CatalogManagement
from tests.fakes.catalog import FakeCatalogStore
from tests.fakes.catalog_builders import an_offering
from tests.unit.catalog.conftest import T0
from tests.unit.catalog.helpers import fields, method

LISTS = [
    pytest.param("list_catalogs", CatalogFilter(), "catalogs", id="catalogs"),
    pytest.param("list_categories", CategoryFilter(), "categories", id="categories"),
    pytest.param(
        "list_product_specifications",
        ProductSpecificationFilter(),
        "specifications",
        id="specifications",
    ),
    pytest.param("list_offering_prices", OfferingPriceFilter(), "prices", id="prices"),
    pytest.param("list_offerings", OfferingFilter(), "offerings", id="offerings"),
    pytest.param("list_import_jobs", ImportJobFilter(), "import_jobs", id="import_jobs"),
]


@pytest.mark.parametrize(("use_case", "query", "repository"), LISTS)
async def test_page_size_zero_asks_the_repository_for_the_default(
    service: CatalogManagement,
    store: FakeCatalogStore,
    use_case: str,
    query: object,
    repository: str,
) -> None:
    order = (SortKey(SortField.NAME, descending=True),)

    await method(service, use_case)(query, PageRequest(size=0, skip=3, order_by=order))

    assert store.page_requests[repository] == [
        PageRequest(size=DEFAULT_PAGE_SIZE, skip=3, order_by=order)
    ]
    assert DEFAULT_PAGE_SIZE == 20


@pytest.mark.parametrize(("use_case", "query", "repository"), LISTS)
@pytest.mark.parametrize(
    "page",
    [
        pytest.param(PageRequest(size=-1), id="negative size"),
        pytest.param(PageRequest(size=MAX_PAGE_SIZE + 1), id="size above 1000"),
        pytest.param(PageRequest(size=10, skip=-1), id="negative skip"),
    ],
)
async def test_a_page_out_of_range_is_refused(
    service: CatalogManagement,
    store: FakeCatalogStore,
    use_case: str,
    query: object,
    repository: str,
    page: PageRequest,
) -> None:
    with pytest.raises(errors.InvalidEntity) as raised:
        await method(service, use_case)(query, page)

    assert raised.value.reason == "INVALID_ENTITY"
    assert fields(raised.value) == ["page"]
    assert store.page_requests[repository] == []


@pytest.mark.parametrize("size", [1, MAX_PAGE_SIZE])
async def test_sizes_in_range_reach_the_repository_unchanged(
    service: CatalogManagement, store: FakeCatalogStore, size: int
) -> None:
    await service.list_offerings(OfferingFilter(), PageRequest(size=size))

    assert store.page_requests["offerings"] == [PageRequest(size=size)]


async def test_filters_order_and_paging_of_offerings(
    service: CatalogManagement, store: FakeCatalogStore
) -> None:
    store.seed(
        an_offering("o-1", name="Beta", category_ids=("tv",)),
        an_offering("o-2", name="Alpha", category_ids=("net", "tv")),
        an_offering("o-3", name="Gamma", category_ids=("net",), is_sellable=False),
        an_offering("o-4", name="Delta", category_ids=("phone",)),
    )
    query = OfferingFilter(category_ids=("tv", "net"), is_sellable=True)
    by_name = (SortKey(SortField.NAME),)

    first = await service.list_offerings(query, PageRequest(size=1, order_by=by_name))
    second = await service.list_offerings(query, PageRequest(size=1, skip=1, order_by=by_name))

    assert [o.id for o in first.items] == ["o-2"]
    assert [o.id for o in second.items] == ["o-1"]
    assert first.total == second.total == 2


async def test_import_jobs_filter_by_state_and_sort_by_creation(
    service: CatalogManagement, store: FakeCatalogStore
) -> None:
    store.seed(
        ImportJob(id="j-1", source_url="a", create_time=T0),
        ImportJob(
            id="j-2", source_url="b", create_time=T0 + timedelta(1), state=ImportJobState.FAILED
        ),
        ImportJob(id="j-3", source_url="c", create_time=T0 + timedelta(2)),
    )
    newest_first = (SortKey(SortField.CREATE_TIME, descending=True),)

    page = await service.list_import_jobs(
        ImportJobFilter(states=(ImportJobState.NOT_STARTED,)), PageRequest(order_by=newest_first)
    )

    assert [j.id for j in page.items] == ["j-3", "j-1"]
    assert page.total == 2
