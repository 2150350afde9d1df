"""The fakes the catalog tests stand on behave like the real adapters they replace."""

from __future__ import annotations

from datetime import timedelta

import pytest

from domain.catalog import errors
from domain.catalog.model import CatalogRecord, ImportJob, PriceKind
from domain.catalog.ports import (
    CatalogFileLoader,
    CatalogUnitOfWork,
    Clock,
    IdGenerator,
    UnitOfWorkFactory,
)
from domain.catalog.queries import (
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
from tests.fakes.catalog import (
    FakeCatalogFileLoader,
    FakeCatalogStore,
    FakeCatalogUnitOfWorkFactory,
    FixedClock,
    SequentialIds,
)
from tests.fakes.catalog_builders import (
    a_bundle,
    a_catalog,
    a_category,
    a_component,
    a_discount,
    a_price,
    a_specification,
    an_offering,
    money,
)
from tests.unit.catalog.conftest import T0


def test_the_fakes_implement_the_ports() -> None:
    factory: UnitOfWorkFactory = FakeCatalogUnitOfWorkFactory()
    unit: CatalogUnitOfWork = factory()
    clock: Clock = FixedClock(T0)
    ids: IdGenerator = SequentialIds()
    loader: CatalogFileLoader = FakeCatalogFileLoader()

    assert unit is not None
    assert (clock.now(), ids.new_id(), ids.new_id()) == (T0, "id-1", "id-2")
    assert loader is not None


class TestUnitOfWork:
    async def test_changes_apply_on_commit(self, uow: FakeCatalogUnitOfWorkFactory) -> None:
        async with uow() as unit:
            await unit.prices.add(a_price("p"))
            assert uow.store.prices == {}
            assert await unit.prices.get("p") == a_price("p")
            await unit.commit()

        assert uow.store.prices == {"p": a_price("p")}
        assert uow.units[0].committed

    async def test_leaving_without_commit_discards_changes(
        self, uow: FakeCatalogUnitOfWorkFactory
    ) -> None:
        uow.store.seed(a_price("p"), a_price("q"))

        async with uow() as unit:
            await unit.prices.add(a_price("r"))
            await unit.prices.replace(a_price("p", name="changed"))
            await unit.prices.remove("q")

        assert uow.store.prices == {"p": a_price("p"), "q": a_price("q")}
        assert not uow.units[0].committed
        assert uow.units[0].discarded_changes
        async with uow() as again:
            assert await again.prices.existing_ids(["p", "q", "r"]) == {"p", "q"}

    async def test_an_error_inside_discards_changes(
        self, uow: FakeCatalogUnitOfWorkFactory
    ) -> None:
        async def add_then_fail() -> None:
            async with uow() as unit:
                await unit.categories.add(a_category("c"))
                raise RuntimeError("boom")

        with pytest.raises(RuntimeError):
            await add_then_fail()

        assert uow.store.categories == {}

    async def test_writes_are_visible_inside_before_commit(
        self, uow: FakeCatalogUnitOfWorkFactory
    ) -> None:
        uow.store.seed(an_offering("o", price_ids=("p",)))

        async with uow() as unit:
            await unit.offerings.remove("o")
            await unit.offerings.add(an_offering("o2", price_ids=("p",)))
            assert await unit.offerings.ids_referencing_price("p") == ["o2"]
            assert await unit.offerings.get_many(["o", "o2"]) == {
                "o2": an_offering("o2", price_ids=("p",))
            }
            page = await unit.offerings.list(OfferingFilter(), PageRequest())
            assert [o.id for o in page.items] == ["o2"]

    async def test_add_of_a_taken_id_and_replace_of_a_missing_one(
        self, uow: FakeCatalogUnitOfWorkFactory
    ) -> None:
        uow.store.seed(a_price("p"))

        async with uow() as unit:
            with pytest.raises(errors.EntityAlreadyExists):
                await unit.prices.add(a_price("p"))
            with pytest.raises(errors.OfferingPriceNotFound):
                await unit.prices.replace(a_price("q"))
            await unit.prices.remove("never-there")
            await unit.commit()

        assert uow.store.prices == {"p": a_price("p")}

    async def test_units_share_the_store(self, uow: FakeCatalogUnitOfWorkFactory) -> None:
        async with uow() as first:
            await first.import_jobs.add(ImportJob(id="j", source_url="u"))
            await first.commit()
        async with uow() as second:
            assert await second.import_jobs.get("j") == ImportJob(id="j", source_url="u")

        assert len(uow.units) == 2
        assert uow.units[0] is not uow.units[1]


class TestReferenceQueries:
    async def test_each_reverse_lookup(self, uow: FakeCatalogUnitOfWorkFactory) -> None:
        uow.store.seed(
            a_category("cg"),
            a_category("cg-b", parent_id="cg"),
            a_category("cg-a", parent_id="cg"),
            a_category("cg-other"),
            a_catalog("cat-2", category_ids=("cg-other", "cg")),
            a_catalog("cat-1", category_ids=("cg",)),
            an_offering("o-2", specification_id="s", price_ids=("p",), category_ids=("cg",)),
            an_offering("o-1", specification_id="s"),
            a_bundle("b-1", a_component("o-1"), a_component("o-2")),
            a_bundle("b-2", a_component("o-2")),
        )

        async with uow() as unit:
            assert await unit.categories.child_ids("cg") == ["cg-a", "cg-b"]
            assert await unit.catalogs.ids_publishing_category("cg") == ["cat-1", "cat-2"]
            assert await unit.offerings.ids_referencing_specification("s") == ["o-1", "o-2"]
            assert await unit.offerings.ids_referencing_price("p") == ["o-2"]
            assert await unit.offerings.ids_in_category("cg") == ["o-2"]
            assert await unit.offerings.ids_bundling("o-2") == ["b-1", "b-2"]
            assert await unit.offerings.ids_bundling("b-1") == []


class TestList:
    async def test_entity_filters_and_inclusive_time_bounds(
        self, uow: FakeCatalogUnitOfWorkFactory
    ) -> None:
        uow.store.seed(
            a_specification("s-1", brand="acme", version="1", update_time=T0),
            a_specification("s-2", brand="acme", version="2", update_time=T0 + timedelta(1)),
            a_specification("s-3", brand="other", version="1", update_time=T0 + timedelta(2)),
            a_specification("s-4", brand="acme", version="1"),
        )

        async def ids(query: ProductSpecificationFilter) -> list[str]:
            async with uow() as unit:
                page = await unit.specifications.list(query, PageRequest())
            return [s.id for s in page.items]

        assert await ids(ProductSpecificationFilter(brands=("acme",))) == ["s-1", "s-2", "s-4"]
        assert await ids(ProductSpecificationFilter(brands=("acme",), versions=("1",))) == [
            "s-1",
            "s-4",
        ]
        assert await ids(ProductSpecificationFilter(updated_after=T0 + timedelta(1))) == [
            "s-2",
            "s-3",
        ]
        assert await ids(ProductSpecificationFilter(updated_before=T0 + timedelta(1))) == [
            "s-1",
            "s-2",
        ]
        assert await ids(ProductSpecificationFilter(ids=("s-3", "s-9"), names=())) == ["s-3"]

    async def test_kind_specific_filters(self, uow: FakeCatalogUnitOfWorkFactory) -> None:
        uow.store.seed(
            a_category("root"),
            a_category("child", parent_id="root"),
            a_catalog("c-1", catalog_type="b2c", category_ids=("root",)),
            a_catalog("c-2", catalog_type="b2b", category_ids=("child",)),
            a_price("p-eur"),
            a_price("p-usd", amount=money("1", "USD")),
            a_discount("p-pct"),
            an_offering("o-1", specification_id="s", price_ids=("p-eur",)),
            an_offering("o-2", is_sellable=False),
            a_bundle("o-3", a_component("o-1")),
        )

        async with uow() as unit:
            categories = unit.categories
            catalogs = unit.catalogs
            prices = unit.prices
            offerings = unit.offerings
            page = PageRequest()

            assert [
                c.id for c in (await categories.list(CategoryFilter(is_root=True), page)).items
            ] == ["root"]
            assert [
                c.id
                for c in (await categories.list(CategoryFilter(parent_ids=("root",)), page)).items
            ] == ["child"]
            assert [
                c.id for c in (await categories.list(CategoryFilter(parent_ids=("",)), page)).items
            ] == ["root"]
            assert [
                c.id
                for c in (await catalogs.list(CatalogFilter(catalog_types=("b2b",)), page)).items
            ] == ["c-2"]
            assert [
                c.id
                for c in (await catalogs.list(CatalogFilter(category_ids=("root",)), page)).items
            ] == ["c-1"]
            assert [
                p.id
                for p in (
                    await prices.list(OfferingPriceFilter(currency_codes=("EUR",)), page)
                ).items
            ] == ["p-eur"]
            assert [
                p.id
                for p in (
                    await prices.list(OfferingPriceFilter(kinds=(PriceKind.DISCOUNT,)), page)
                ).items
            ] == ["p-pct"]
            assert [
                o.id
                for o in (
                    await offerings.list(OfferingFilter(is_bundle=False, is_sellable=True), page)
                ).items
            ] == ["o-1"]
            assert [
                o.id
                for o in (await offerings.list(OfferingFilter(specification_ids=("",)), page)).items
            ] == ["o-2", "o-3"]
            assert [
                o.id
                for o in (await offerings.list(OfferingFilter(price_ids=("p-eur",)), page)).items
            ] == ["o-1"]

    async def test_order_nulls_last_ascending_and_first_descending(
        self, uow: FakeCatalogUnitOfWorkFactory
    ) -> None:
        uow.store.seed(
            ImportJob(id="j-1", source_url="u", completion_time=T0 + timedelta(1)),
            ImportJob(id="j-2", source_url="u"),
            ImportJob(id="j-3", source_url="u", completion_time=T0),
        )

        async def ids(*keys: SortKey) -> list[str]:
            async with uow() as unit:
                page = await unit.import_jobs.list(ImportJobFilter(), PageRequest(order_by=keys))
            return [j.id for j in page.items]

        assert await ids(SortKey(SortField.UPDATE_TIME)) == ["j-3", "j-1", "j-2"]
        assert await ids(SortKey(SortField.UPDATE_TIME, descending=True)) == ["j-2", "j-1", "j-3"]
        assert await ids(SortKey(SortField.NAME, descending=True)) == ["j-1", "j-2", "j-3"]

    async def test_several_keys_then_id(self, uow: FakeCatalogUnitOfWorkFactory) -> None:
        uow.store.seed(
            an_offering("o-4", name="B", version="1"),
            an_offering("o-3", name="A", version="1"),
            an_offering("o-2", name="A", version="2"),
            an_offering("o-1", name="B", version="1"),
        )
        keys = (SortKey(SortField.VERSION, descending=True), SortKey(SortField.NAME))

        async with uow() as unit:
            page = await unit.offerings.list(OfferingFilter(), PageRequest(order_by=keys))

        assert [o.id for o in page.items] == ["o-2", "o-3", "o-1", "o-4"]

    async def test_paging_and_total(self, uow: FakeCatalogUnitOfWorkFactory) -> None:
        uow.store.seed(*(a_price(f"p-{i}") for i in range(5)))

        async with uow() as unit:
            page = await unit.prices.list(OfferingPriceFilter(), PageRequest(size=2, skip=3))
            beyond = await unit.prices.list(OfferingPriceFilter(), PageRequest(size=2, skip=9))

        assert [p.id for p in page.items] == ["p-3", "p-4"]
        assert page.total == beyond.total == 5
        assert beyond.items == ()


class TestSupportingFakes:
    def test_the_clock_is_settable(self) -> None:
        clock = FixedClock(T0)
        clock.set(T0 + timedelta(1))
        assert clock.advance(timedelta(hours=1)) == clock.now() == T0 + timedelta(days=1, hours=1)

    async def test_the_loader_returns_records_or_raises(self) -> None:
        records = [CatalogRecord(1, a_price("p"))]
        loader = FakeCatalogFileLoader(records)

        assert list(await loader.load("u", "t")) == records

        loader.error = errors.ImportSourceRefused("no")
        with pytest.raises(errors.ImportSourceRefused):
            await loader.load("v", "t")
        assert loader.calls == [("u", "t"), ("v", "t")]

    def test_a_fresh_store_is_empty(self) -> None:
        assert all(table == {} for table in FakeCatalogStore().snapshot().values())
