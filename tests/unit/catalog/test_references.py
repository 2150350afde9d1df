"""References between entities must resolve; the category tree must not loop."""

from __future__ import annotations

import pytest

from domain.catalog import errors
from domain.catalog.services import CatalogManagement
from tests.fakes.catalog import FakeCatalogStore
from tests.fakes.catalog_builders import (
    a_bundle,
    a_catalog,
    a_category,
    a_component,
    a_price,
    a_specification,
    an_offering,
)
from tests.unit.catalog.helpers import fields


class TestOfferingReferences:
    async def test_every_missing_reference_is_one_violation(
        self, service: CatalogManagement, store: FakeCatalogStore
    ) -> None:
        store.seed(a_price("p-1"), a_category("cg-1"), an_offering("off-tv"))
        offering = a_bundle(
            "off-pack",
            a_component("off-tv"),
            a_component("off-gone"),
            specification_id="spec-gone",
            category_ids=("cg-1", "cg-gone"),
            price_ids=("p-1", "p-gone"),
        )

        with pytest.raises(errors.ReferencedEntityMissing) as raised:
            await service.create_offering(offering)

        assert raised.value.reason == "REFERENCED_ENTITY_NOT_FOUND"
        assert sorted(fields(raised.value)) == [
            "bundle_components[1].offering_id",
            "category_ids[1]",
            "price_ids[1]",
            "specification_id",
        ]
        descriptions = {v.field: v.description for v in raised.value.violations}
        assert descriptions["price_ids[1]"] == "offering price 'p-gone' does not exist"
        assert (
            descriptions["specification_id"] == "product specification 'spec-gone' does not exist"
        )
        assert "off-pack" not in store.offerings

    async def test_a_missing_price_alone(self, service: CatalogManagement) -> None:
        with pytest.raises(errors.ReferencedEntityMissing) as raised:
            await service.create_offering(an_offering("o", price_ids=("p-gone",)))

        assert fields(raised.value) == ["price_ids[0]"]

    async def test_resolved_references_are_accepted(
        self, service: CatalogManagement, store: FakeCatalogStore
    ) -> None:
        store.seed(
            a_price("p-1"), a_category("cg-1"), a_specification("spec-1"), an_offering("off-tv")
        )
        bundle = a_bundle(
            "off-pack",
            a_component("off-tv"),
            specification_id="spec-1",
            category_ids=("cg-1",),
            price_ids=("p-1",),
        )

        created = await service.create_offering(bundle)

        assert store.offerings["off-pack"] == created

    async def test_references_are_checked_against_committed_creations(
        self, service: CatalogManagement, store: FakeCatalogStore
    ) -> None:
        await service.create_product_specification(a_specification("spec-1"))

        await service.create_offering(an_offering("o", specification_id="spec-1"))

        assert store.offerings["o"].specification_id == "spec-1"


class TestCategoryAndCatalogReferences:
    async def test_a_category_with_a_missing_parent(
        self, service: CatalogManagement, store: FakeCatalogStore
    ) -> None:
        with pytest.raises(errors.ReferencedEntityMissing) as raised:
            await service.create_category(a_category("cg-child", parent_id="cg-gone"))

        assert fields(raised.value) == ["parent_id"]
        assert raised.value.violations[0].description == "category 'cg-gone' does not exist"
        assert store.categories == {}

    async def test_a_category_under_a_stored_parent(
        self, service: CatalogManagement, store: FakeCatalogStore
    ) -> None:
        store.seed(a_category("cg-root"))

        await service.create_category(a_category("cg-child", parent_id="cg-root"))

        assert store.categories["cg-child"].parent_id == "cg-root"

    async def test_a_catalog_with_missing_categories(
        self, service: CatalogManagement, store: FakeCatalogStore
    ) -> None:
        store.seed(a_category("cg-1"))

        with pytest.raises(errors.ReferencedEntityMissing) as raised:
            await service.create_catalog(
                a_catalog("cat-1", category_ids=("cg-1", "cg-gone", "cg-lost"))
            )

        assert fields(raised.value) == ["category_ids[1]", "category_ids[2]"]
        assert store.catalogs == {}


class TestCategoryCycles:
    async def test_an_update_closing_a_loop_of_two(
        self, service: CatalogManagement, store: FakeCatalogStore
    ) -> None:
        store.seed(a_category("a"), a_category("b", parent_id="a"))
        before = store.snapshot()

        with pytest.raises(errors.CategoryCycle) as raised:
            await service.update_category(a_category("a", parent_id="b"), frozenset({"parent_id"}))

        assert raised.value.reason == "CATEGORY_CYCLE"
        assert fields(raised.value) == ["parent_id"]
        assert store.snapshot() == before

    async def test_an_update_closing_a_longer_loop(
        self, service: CatalogManagement, store: FakeCatalogStore
    ) -> None:
        store.seed(a_category("a"), a_category("b", parent_id="a"), a_category("c", parent_id="b"))

        with pytest.raises(errors.CategoryCycle):
            await service.update_category(a_category("a", parent_id="c"), frozenset({"parent_id"}))

        assert store.categories["a"].parent_id == ""

    async def test_moving_a_category_elsewhere_is_no_loop(
        self, service: CatalogManagement, store: FakeCatalogStore
    ) -> None:
        store.seed(a_category("a"), a_category("b", parent_id="a"), a_category("c"))

        await service.update_category(a_category("b", parent_id="c"), frozenset({"parent_id"}))

        assert store.categories["b"].parent_id == "c"

    async def test_its_own_parent_is_an_invariant(
        self, service: CatalogManagement, store: FakeCatalogStore
    ) -> None:
        store.seed(a_category("a"))

        with pytest.raises(errors.InvalidEntity) as raised:
            await service.update_category(a_category("a", parent_id="a"), frozenset({"parent_id"}))

        assert fields(raised.value) == ["parent_id"]
        assert raised.value.violations[0].description == "a category cannot be its own parent"
        assert store.categories["a"].parent_id == ""
