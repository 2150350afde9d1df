"""Importing catalog records: checked against the file and storage, stored all or nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest

from domain.catalog import errors
from domain.catalog.model import CatalogEntity, CatalogRecord
from domain.catalog.services import CatalogManagement, ImportSummary
from tests.fakes.catalog import FakeCatalogStore, FakeCatalogUnitOfWorkFactory, FixedClock
from tests.fakes.catalog_builders import (
    a_bundle,
    a_catalog,
    a_category,
    a_component,
    a_price,
    a_specification,
    an_offering,
)
from tests.unit.catalog.conftest import T0
from tests.unit.catalog.helpers import fields


def records(*entities: CatalogEntity) -> list[CatalogRecord]:
    """One record per entity, on lines 1, 2, 3..."""
    return [CatalogRecord(line, entity) for line, entity in enumerate(entities, start=1)]


# Every record points at records further down the file.
LINKED = records(
    a_catalog("cat", category_ids=("cg-tv",)),
    a_bundle(
        "off-pack",
        a_component("off-tv"),
        specification_id="spec-tv",
        category_ids=("cg-tv",),
        price_ids=("p-month",),
    ),
    an_offering("off-tv", specification_id="spec-tv", price_ids=("p-month",)),
    a_category("cg-tv", parent_id="cg-root"),
    a_category("cg-root"),
    a_specification("spec-tv"),
    a_price("p-month"),
)


class TestImport:
    async def test_records_in_any_order_may_reference_each_other(
        self, service: CatalogManagement, store: FakeCatalogStore
    ) -> None:
        summary = await service.import_records(LINKED)

        assert summary == ImportSummary(records_imported=7, created=7, replaced=0)
        assert list(store.catalogs) == ["cat"]
        assert sorted(store.categories) == ["cg-root", "cg-tv"]
        assert sorted(store.offerings) == ["off-pack", "off-tv"]
        assert list(store.specifications) == ["spec-tv"]
        assert list(store.prices) == ["p-month"]
        assert store.offerings["off-pack"].bundle_components == (a_component("off-tv"),)

    async def test_stored_entities_get_the_clock_time(
        self, service: CatalogManagement, store: FakeCatalogStore
    ) -> None:
        await service.import_records(LINKED)

        stamps = {(e.create_time, e.update_time) for e in store.categories.values()}
        assert stamps == {(T0, T0)}
        assert store.offerings["off-tv"].create_time == T0

    async def test_records_may_reference_stored_entities(
        self, service: CatalogManagement, store: FakeCatalogStore
    ) -> None:
        store.seed(a_price("p-stored"), a_category("cg-stored"))

        summary = await service.import_records(
            records(
                an_offering("o", price_ids=("p-stored",), category_ids=("cg-stored",)),
                a_category("cg-new", parent_id="cg-stored"),
            )
        )

        assert summary.created == 2
        assert store.offerings["o"].price_ids == ("p-stored",)
        assert store.categories["cg-new"].parent_id == "cg-stored"

    async def test_records_without_id_get_generated_ids(
        self, service: CatalogManagement, store: FakeCatalogStore
    ) -> None:
        summary = await service.import_records(records(a_price(""), a_category("")))

        assert summary.created == 2
        assert list(store.prices) == ["gen-1"]
        assert list(store.categories) == ["gen-2"]

    async def test_importing_again_replaces_and_keeps_the_creation_time(
        self, service: CatalogManagement, store: FakeCatalogStore, clock: FixedClock
    ) -> None:
        await service.import_records(LINKED)
        later = clock.advance(timedelta(days=1))

        summary = await service.import_records(LINKED)

        assert summary == ImportSummary(records_imported=7, created=0, replaced=7)
        everything = [e for table in store.snapshot().values() for e in table.values()]
        assert len(everything) == 7
        assert {(e.create_time, e.update_time) for e in everything} == {(T0, later)}

    async def test_a_replaced_record_takes_the_file_content(
        self, service: CatalogManagement, store: FakeCatalogStore, clock: FixedClock
    ) -> None:
        store.seed(a_price("p", description="old", create_time=T0 - timedelta(days=5)))

        summary = await service.import_records(
            records(a_price("p", description="new"), a_price("q"))
        )

        assert summary == ImportSummary(records_imported=2, created=1, replaced=1)
        assert store.prices["p"] == a_price(
            "p", description="new", create_time=T0 - timedelta(days=5), update_time=T0
        )

    async def test_an_empty_file_imports_nothing(
        self, service: CatalogManagement, store: FakeCatalogStore
    ) -> None:
        assert await service.import_records([]) == ImportSummary(0, 0, 0)
        assert store.snapshot() == FakeCatalogStore().snapshot()


class TestRefusedFiles:
    async def test_missing_references_name_the_line_and_field(
        self, service: CatalogManagement, store: FakeCatalogStore
    ) -> None:
        store.seed(a_price("p-stored"))

        with pytest.raises(errors.CatalogFileInvalid) as raised:
            await service.import_records(
                records(
                    a_price("p-file"),
                    an_offering(
                        "o",
                        specification_id="spec-gone",
                        price_ids=("p-stored", "p-file", "p-gone"),
                    ),
                    a_category("cg", parent_id="cg-gone"),
                )
            )

        assert raised.value.reason == "CATALOG_FILE_INVALID"
        assert fields(raised.value) == [
            "line 2: specification_id",
            "line 2: price_ids[2]",
            "line 3: parent_id",
        ]
        assert raised.value.violations[1].description == "offering price 'p-gone' does not exist"
        assert store.snapshot() == {
            **FakeCatalogStore().snapshot(),
            "prices": {"p-stored": a_price("p-stored")},
        }

    async def test_a_reference_to_another_kind_with_that_id_does_not_resolve(
        self, service: CatalogManagement
    ) -> None:
        with pytest.raises(errors.CatalogFileInvalid) as raised:
            await service.import_records(
                records(a_category("x"), an_offering("o", price_ids=("x",)))
            )

        assert fields(raised.value) == ["line 2: price_ids[0]"]

    async def test_an_id_defined_twice(
        self, service: CatalogManagement, store: FakeCatalogStore
    ) -> None:
        with pytest.raises(errors.CatalogFileInvalid) as raised:
            await service.import_records(records(a_price("p"), a_category("p"), a_price("p")))

        assert fields(raised.value) == ["line 3"]
        assert raised.value.violations[0].description == (
            "offering price 'p' is already defined on line 1"
        )
        assert store.prices == {}

    async def test_invariant_violations_name_the_line(
        self, service: CatalogManagement, store: FakeCatalogStore
    ) -> None:
        with pytest.raises(errors.CatalogFileInvalid) as raised:
            await service.import_records(
                records(
                    a_category("ok"),
                    an_offering("o", name="", is_bundle=True),
                    a_price("p", amount=None),
                )
            )

        assert fields(raised.value) == [
            "line 2: name",
            "line 2: bundle_components",
            "line 3: amount",
        ]
        assert store.categories == {}

    async def test_a_loop_among_the_files_categories(
        self, service: CatalogManagement, store: FakeCatalogStore
    ) -> None:
        with pytest.raises(errors.CatalogFileInvalid) as raised:
            await service.import_records(
                records(a_category("a", parent_id="b"), a_category("b", parent_id="a"))
            )

        assert fields(raised.value) == ["line 1", "line 2"]
        assert store.categories == {}

    async def test_a_loop_through_a_stored_category(
        self, service: CatalogManagement, store: FakeCatalogStore
    ) -> None:
        store.seed(a_category("a"), a_category("b", parent_id="a"))

        with pytest.raises(errors.CatalogFileInvalid) as raised:
            await service.import_records(records(a_category("a", parent_id="b")))

        assert fields(raised.value) == ["line 1"]
        assert store.categories["a"].parent_id == ""

    async def test_one_bad_record_stores_nothing_of_the_file(
        self, service: CatalogManagement, store: FakeCatalogStore, uow: FakeCatalogUnitOfWorkFactory
    ) -> None:
        store.seed(a_price("p-stored", description="old"))
        before = store.snapshot()
        bad = an_offering("o-bad", price_ids=("p-gone",))

        with pytest.raises(errors.CatalogFileInvalid):
            await service.import_records(
                [*LINKED, CatalogRecord(8, a_price("p-stored")), CatalogRecord(9, bad)]
            )

        assert store.snapshot() == before
        assert [unit.committed for unit in uow.units] == [False]

    async def test_every_problem_is_reported_at_once_in_line_order(
        self, service: CatalogManagement
    ) -> None:
        with pytest.raises(errors.CatalogFileInvalid) as raised:
            await service.import_records(
                [
                    CatalogRecord(3, an_offering("o", name=" ", price_ids=("p-gone",))),
                    CatalogRecord(10, an_offering("o")),
                    CatalogRecord(9, a_category("c", parent_id="c")),
                ]
            )

        # Per line: invariants, then references, then loops, as each check found them.
        assert fields(raised.value) == [
            "line 3: name",
            "line 3: price_ids[0]",
            "line 9: parent_id",
            "line 9",
            "line 10",
        ]
        assert raised.value.message == "the catalog file has 5 problem(s); nothing was imported"
