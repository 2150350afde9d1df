"""Every filter field, alone and combined; tuples OR-ed, fields AND-ed; totals count matches."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from domain.catalog.model import BundleComponent, ImportJobState, PriceKind
from domain.catalog.ports import CatalogUnitOfWork, UnitOfWorkFactory
from domain.catalog.queries import (
    CatalogFilter,
    CategoryFilter,
    ImportJobFilter,
    OfferingFilter,
    OfferingPriceFilter,
    PageRequest,
    ProductSpecificationFilter,
)
from domain.shared.money import Money
from tests.integration.persistence import entities as e

ALL = PageRequest(size=100)


async def matching_ids(
    new_uow: UnitOfWorkFactory, repository: Any, query: object
) -> tuple[list[str], int]:
    async with new_uow() as uow:
        page = await repository(uow).list(query, ALL)
    return [item.id for item in page.items], page.total


def offerings(uow: CatalogUnitOfWork) -> Any:
    return uow.offerings


@pytest.fixture
async def offering_data(catalog_uow: UnitOfWorkFactory) -> UnitOfWorkFactory:
    await e.store(
        catalog_uow,
        e.category("c1"),
        e.category("c2"),
        e.category("c3"),
        e.specification("s1"),
        e.specification("s2"),
        e.price("p1"),
        e.price("p2"),
        e.offering(
            "o1",
            name="alpha",
            version="1",
            update_time=e.at(10),
            specification_id="s1",
            category_ids=("c1",),
            price_ids=("p1",),
        ),
        e.offering(
            "o2",
            name="bravo",
            lifecycle_status="Retired",
            version="2",
            update_time=e.at(20),
            is_bundle=True,
            is_sellable=False,
            specification_id="s2",
            category_ids=("c2", "c1"),
            price_ids=("p2",),
            bundle_components=(BundleComponent(offering_id="o1"),),
        ),
        e.offering(
            "o3",
            name="charlie",
            version="2",
            update_time=e.at(30),
            is_sellable=False,
            price_ids=("p1", "p2"),
        ),
        e.offering(
            "o4",
            name="alpha",
            lifecycle_status="In design",
            version="1",
            update_time=None,
            specification_id="s1",
            category_ids=("c3",),
        ),
    )
    return catalog_uow


OFFERING_CASES = [
    pytest.param(OfferingFilter(), ["o1", "o2", "o3", "o4"], id="no-filter"),
    pytest.param(OfferingFilter(ids=("o3", "o1", "nope")), ["o1", "o3"], id="ids"),
    pytest.param(OfferingFilter(names=("alpha",)), ["o1", "o4"], id="names"),
    pytest.param(OfferingFilter(names=("alpha", "charlie")), ["o1", "o3", "o4"], id="names-or"),
    pytest.param(
        OfferingFilter(lifecycle_statuses=("Active", "Retired")),
        ["o1", "o2", "o3"],
        id="lifecycle-statuses",
    ),
    pytest.param(OfferingFilter(versions=("2",)), ["o2", "o3"], id="versions"),
    pytest.param(OfferingFilter(updated_after=e.at(20)), ["o2", "o3"], id="updated-after-incl"),
    pytest.param(OfferingFilter(updated_before=e.at(20)), ["o1", "o2"], id="updated-before-incl"),
    pytest.param(
        OfferingFilter(updated_after=e.at(15), updated_before=e.at(25)), ["o2"], id="updated-range"
    ),
    pytest.param(
        OfferingFilter(updated_after=e.at(20).astimezone(e.PARIS_SUMMER)),
        ["o2", "o3"],
        id="updated-after-other-zone",
    ),
    pytest.param(OfferingFilter(category_ids=("c1",)), ["o1", "o2"], id="category"),
    pytest.param(
        OfferingFilter(category_ids=("c1", "c2", "c3")), ["o1", "o2", "o4"], id="categories-or"
    ),
    pytest.param(OfferingFilter(specification_ids=("s1",)), ["o1", "o4"], id="specification"),
    pytest.param(OfferingFilter(specification_ids=("",)), ["o3"], id="no-specification"),
    pytest.param(
        OfferingFilter(specification_ids=("s2", "")), ["o2", "o3"], id="specification-or-none"
    ),
    pytest.param(OfferingFilter(price_ids=("p2",)), ["o2", "o3"], id="price"),
    pytest.param(OfferingFilter(is_bundle=True), ["o2"], id="bundle"),
    pytest.param(OfferingFilter(is_bundle=False), ["o1", "o3", "o4"], id="not-bundle"),
    pytest.param(OfferingFilter(is_sellable=False), ["o2", "o3"], id="not-sellable"),
    pytest.param(OfferingFilter(is_sellable=True), ["o1", "o4"], id="sellable"),
    pytest.param(
        OfferingFilter(names=("alpha",), lifecycle_statuses=("Active",)), ["o1"], id="and-names"
    ),
    pytest.param(
        OfferingFilter(category_ids=("c1",), price_ids=("p1",)), ["o1"], id="and-associations"
    ),
    pytest.param(
        OfferingFilter(category_ids=("c1", "c3"), is_sellable=True, versions=("1",)),
        ["o1", "o4"],
        id="and-mixed",
    ),
    pytest.param(OfferingFilter(names=("alpha",), versions=("2",)), [], id="and-no-match"),
    pytest.param(OfferingFilter(names=("zulu",)), [], id="no-match"),
]


@pytest.mark.parametrize(("query", "expected"), OFFERING_CASES)
async def test_offering_filters(
    offering_data: UnitOfWorkFactory, query: OfferingFilter, expected: list[str]
) -> None:
    ids, total = await matching_ids(offering_data, offerings, query)
    assert ids == expected
    assert total == len(expected)


async def test_a_match_through_several_associations_counts_once(
    offering_data: UnitOfWorkFactory,
) -> None:
    # o2 is in c1 and c2: EXISTS, not a join, so it is listed and counted once.
    async with offering_data() as uow:
        page = await uow.offerings.list(
            OfferingFilter(category_ids=("c1", "c2")), PageRequest(size=1)
        )
    assert [o.id for o in page.items] == ["o1"]
    assert page.total == 2


async def test_catalog_filters(catalog_uow: UnitOfWorkFactory) -> None:
    await e.store(
        catalog_uow,
        e.category("c1"),
        e.category("c2"),
        e.catalog("k1", catalog_type="ProductCatalog", category_ids=("c1",)),
        e.catalog("k2", catalog_type="PartnerCatalog", category_ids=("c1", "c2")),
        e.catalog("k3", catalog_type="ProductCatalog", name="special"),
    )

    def catalogs(uow: CatalogUnitOfWork) -> Any:
        return uow.catalogs

    assert await matching_ids(catalog_uow, catalogs, CatalogFilter()) == (["k1", "k2", "k3"], 3)
    assert await matching_ids(
        catalog_uow, catalogs, CatalogFilter(catalog_types=("ProductCatalog",))
    ) == (["k1", "k3"], 2)
    assert await matching_ids(catalog_uow, catalogs, CatalogFilter(category_ids=("c2",))) == (
        ["k2"],
        1,
    )
    assert await matching_ids(
        catalog_uow,
        catalogs,
        CatalogFilter(catalog_types=("ProductCatalog",), category_ids=("c1", "c2")),
    ) == (["k1"], 1)
    assert await matching_ids(catalog_uow, catalogs, CatalogFilter(names=("special",))) == (
        ["k3"],
        1,
    )


async def test_category_filters(catalog_uow: UnitOfWorkFactory) -> None:
    await e.store(
        catalog_uow,
        e.category("root1"),
        e.category("root2", lifecycle_status="Retired"),
        e.category("kid1", parent_id="root1"),
        e.category("kid2", parent_id="root2"),
        e.category("grandkid", parent_id="kid1", lifecycle_status="Retired"),
    )

    def categories(uow: CatalogUnitOfWork) -> Any:
        return uow.categories

    async def ids(query: CategoryFilter) -> list[str]:
        found, total = await matching_ids(catalog_uow, categories, query)
        assert total == len(found)
        return found

    assert await ids(CategoryFilter(is_root=True)) == ["root1", "root2"]
    assert await ids(CategoryFilter(is_root=False)) == ["grandkid", "kid1", "kid2"]
    assert await ids(CategoryFilter(parent_ids=("root1",))) == ["kid1"]
    assert await ids(CategoryFilter(parent_ids=("root1", "kid1"))) == ["grandkid", "kid1"]
    assert await ids(CategoryFilter(parent_ids=("",))) == ["root1", "root2"]
    assert await ids(CategoryFilter(is_root=True, lifecycle_statuses=("Retired",))) == ["root2"]
    assert await ids(CategoryFilter(is_root=False, lifecycle_statuses=("Retired",))) == ["grandkid"]
    assert await ids(CategoryFilter(is_root=True, parent_ids=("root1",))) == []


async def test_specification_filters(catalog_uow: UnitOfWorkFactory) -> None:
    await e.store(
        catalog_uow,
        e.specification("s1", brand="Acme"),
        e.specification("s2", brand="Globex", version="2"),
        e.specification("s3", brand="Initech"),
    )

    def specifications(uow: CatalogUnitOfWork) -> Any:
        return uow.specifications

    async def ids(query: ProductSpecificationFilter) -> list[str]:
        return (await matching_ids(catalog_uow, specifications, query))[0]

    assert await ids(ProductSpecificationFilter(brands=("Acme", "Initech"))) == ["s1", "s3"]
    assert await ids(ProductSpecificationFilter(brands=("Globex",), versions=("2",))) == ["s2"]
    assert await ids(ProductSpecificationFilter(brands=("Globex",), versions=("3",))) == []


async def test_price_filters(catalog_uow: UnitOfWorkFactory) -> None:
    await e.store(
        catalog_uow,
        e.price("p1", kind=PriceKind.RECURRING),
        e.price("p2", kind=PriceKind.ONE_TIME, amount=Money("USD", Decimal("9"))),
        e.price("p3", kind=PriceKind.DISCOUNT, amount=None),
        e.price("p4", kind=PriceKind.USAGE, amount=Money("USD", Decimal("0.01"))),
    )

    def prices(uow: CatalogUnitOfWork) -> Any:
        return uow.prices

    async def ids(query: OfferingPriceFilter) -> list[str]:
        return (await matching_ids(catalog_uow, prices, query))[0]

    assert await ids(OfferingPriceFilter(kinds=(PriceKind.RECURRING,))) == ["p1"]
    kinds = (PriceKind.ONE_TIME, PriceKind.DISCOUNT)
    assert await ids(OfferingPriceFilter(kinds=kinds)) == ["p2", "p3"]
    assert await ids(OfferingPriceFilter(currency_codes=("USD",))) == ["p2", "p4"]
    assert await ids(OfferingPriceFilter(currency_codes=("EUR", "USD"))) == ["p1", "p2", "p4"]
    assert await ids(
        OfferingPriceFilter(kinds=(PriceKind.USAGE, PriceKind.RECURRING), currency_codes=("USD",))
    ) == ["p4"]


async def test_import_job_filters(catalog_uow: UnitOfWorkFactory) -> None:
    await e.store(
        catalog_uow,
        e.import_job("j1", state=ImportJobState.RUNNING),
        e.import_job("j2", state=ImportJobState.FAILED),
        e.import_job("j3", state=ImportJobState.SUCCEEDED),
    )

    def jobs(uow: CatalogUnitOfWork) -> Any:
        return uow.import_jobs

    async def ids(query: ImportJobFilter) -> list[str]:
        return (await matching_ids(catalog_uow, jobs, query))[0]

    assert await ids(ImportJobFilter()) == ["j1", "j2", "j3"]
    states = (ImportJobState.FAILED, ImportJobState.SUCCEEDED)
    assert await ids(ImportJobFilter(states=states)) == ["j2", "j3"]
    assert await ids(ImportJobFilter(states=(ImportJobState.NOT_STARTED,))) == []
