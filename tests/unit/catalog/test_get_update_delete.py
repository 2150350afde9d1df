"""Reading, updating with field sets and deleting catalog entities."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest

from domain.catalog import errors
from domain.catalog.model import CatalogEntity
from domain.catalog.rules import updatable_fields
from domain.catalog.services import CatalogManagement
from domain.shared.errors import DomainError
from tests.fakes.catalog import FakeCatalogStore, FakeCatalogUnitOfWorkFactory, FixedClock
from tests.fakes.catalog_builders import (
    a_bundle,
    a_catalog,
    a_category,
    a_component,
    a_price,
    a_specification,
    an_offering,
    money,
)
from tests.unit.catalog.conftest import T0
from tests.unit.catalog.helpers import create, fields, method, update

KINDS = [
    pytest.param("catalog", errors.CatalogNotFound, "CATALOG_NOT_FOUND", id="catalog"),
    pytest.param("category", errors.CategoryNotFound, "CATEGORY_NOT_FOUND", id="category"),
    pytest.param(
        "product_specification",
        errors.ProductSpecificationNotFound,
        "PRODUCT_SPECIFICATION_NOT_FOUND",
        id="specification",
    ),
    pytest.param(
        "offering_price", errors.OfferingPriceNotFound, "OFFERING_PRICE_NOT_FOUND", id="price"
    ),
    pytest.param("offering", errors.OfferingNotFound, "OFFERING_NOT_FOUND", id="offering"),
]


class TestGet:
    @pytest.mark.parametrize(("kind", "error", "reason"), KINDS)
    async def test_an_unknown_id_is_the_kinds_not_found(
        self, service: CatalogManagement, kind: str, error: type[DomainError], reason: str
    ) -> None:
        with pytest.raises(error) as raised:
            await method(service, f"get_{kind}")("nope")

        assert type(raised.value) is error
        assert raised.value.reason == reason
        assert raised.value.metadata == {"id": "nope"}

    async def test_a_stored_entity_is_returned(
        self, service: CatalogManagement, store: FakeCatalogStore
    ) -> None:
        price = a_price("p-1")
        store.seed(price)

        assert await service.get_offering_price("p-1") == price

    async def test_reading_commits_nothing(
        self, service: CatalogManagement, store: FakeCatalogStore, uow: FakeCatalogUnitOfWorkFactory
    ) -> None:
        store.seed(an_offering("o"))

        await service.get_offering("o")

        assert [(u.entered, u.exited, u.committed) for u in uow.units] == [(True, True, False)]


class TestUpdate:
    async def test_only_the_named_fields_change(
        self, service: CatalogManagement, store: FakeCatalogStore, clock: FixedClock
    ) -> None:
        stored = await service.create_offering(
            an_offering("o", name="Old", description="old text", version="1")
        )
        later = clock.advance(timedelta(hours=2))
        change = an_offering(
            "o",
            name="New",
            description="new text",
            version="2",
            create_time=T0 - timedelta(days=1),
            update_time=T0 - timedelta(days=1),
        )

        updated = await service.update_offering(change, frozenset({"name", "version"}))

        assert updated == dataclasses.replace(stored, name="New", version="2", update_time=later)
        assert updated.description == "old text"
        assert updated.create_time == T0
        assert store.offerings["o"] == updated

    async def test_an_empty_field_set_changes_every_updatable_field(
        self, service: CatalogManagement, store: FakeCatalogStore, clock: FixedClock
    ) -> None:
        store.seed(a_price("p-2"))
        stored = await service.create_offering_price(
            a_price("p-1", name="Old", description="old", amount=money("5"))
        )
        later = clock.advance(timedelta(minutes=5))
        change = a_price(
            "p-1",
            name="New",
            description="",
            amount=money("7", "USD"),
            create_time=later,
        )

        updated = await service.update_offering_price(change, frozenset())

        assert updated == dataclasses.replace(
            change, create_time=stored.create_time, update_time=later
        )
        assert store.prices["p-1"] == updated
        assert store.prices["p-2"] == a_price("p-2")

    @pytest.mark.parametrize(
        ("changed", "expected"),
        [
            pytest.param(frozenset({"nonsense"}), ["nonsense"], id="unknown"),
            pytest.param(frozenset({"id", "name"}), ["id"], id="id"),
            pytest.param(
                frozenset({"update_time", "create_time"}),
                ["create_time", "update_time"],
                id="timestamps",
            ),
            pytest.param(frozenset({"parent_id"}), ["parent_id"], id="field of another kind"),
        ],
    )
    async def test_a_field_that_cannot_be_changed_is_refused(
        self,
        service: CatalogManagement,
        store: FakeCatalogStore,
        changed: frozenset[str],
        expected: list[str],
    ) -> None:
        store.seed(an_offering("o"))
        before = store.snapshot()

        with pytest.raises(errors.InvalidEntity) as raised:
            await service.update_offering(an_offering("o", name="New"), changed)

        assert raised.value.reason == "INVALID_ENTITY"
        assert fields(raised.value) == expected
        assert {v.description for v in raised.value.violations} == {"not updatable"}
        assert store.snapshot() == before

    def test_the_updatable_fields_exclude_what_the_server_manages(self) -> None:
        assert updatable_fields(a_category("c")) == {
            "name",
            "description",
            "version",
            "lifecycle_status",
            "validity",
            "parent_id",
            "extension",
        }

    async def test_an_update_is_validated_again(
        self, service: CatalogManagement, store: FakeCatalogStore
    ) -> None:
        store.seed(a_specification("s"))

        with pytest.raises(errors.InvalidEntity) as raised:
            await service.update_product_specification(
                a_specification("s", name=" ", lifecycle_status=""),
                frozenset({"name", "lifecycle_status"}),
            )

        assert fields(raised.value) == ["name", "lifecycle_status"]
        assert store.specifications["s"] == a_specification("s")

    async def test_the_merged_entity_is_validated_not_the_request(
        self, service: CatalogManagement, store: FakeCatalogStore
    ) -> None:
        store.seed(an_offering("o", price_ids=("p-1",)))

        with pytest.raises(errors.InvalidEntity) as raised:
            await service.update_offering(
                an_offering("o", name="", is_bundle=True), frozenset({"is_bundle"})
            )

        # The empty name is not named, so not applied; the stored offering turned into a
        # bundle without components is what is refused.
        assert fields(raised.value) == ["bundle_components"]

    async def test_references_are_checked_on_update(
        self, service: CatalogManagement, store: FakeCatalogStore
    ) -> None:
        store.seed(a_price("p-1"), an_offering("o", price_ids=("p-1",)))

        with pytest.raises(errors.ReferencedEntityMissing) as raised:
            await service.update_offering(
                an_offering("o", price_ids=("p-1", "p-gone")), frozenset({"price_ids"})
            )

        assert fields(raised.value) == ["price_ids[1]"]
        assert store.offerings["o"].price_ids == ("p-1",)

    @pytest.mark.parametrize(
        ("entity", "error"),
        [
            pytest.param(a_catalog("nope"), errors.CatalogNotFound, id="catalog"),
            pytest.param(a_category("nope"), errors.CategoryNotFound, id="category"),
            pytest.param(
                a_specification("nope"), errors.ProductSpecificationNotFound, id="specification"
            ),
            pytest.param(a_price("nope"), errors.OfferingPriceNotFound, id="price"),
            pytest.param(an_offering("nope"), errors.OfferingNotFound, id="offering"),
        ],
    )
    async def test_an_unknown_entity_is_not_found(
        self,
        service: CatalogManagement,
        store: FakeCatalogStore,
        entity: CatalogEntity,
        error: type[DomainError],
    ) -> None:
        with pytest.raises(error) as raised:
            await update(service, entity, frozenset({"name"}))

        assert type(raised.value) is error
        assert raised.value.metadata == {"id": "nope"}
        assert store.snapshot() == FakeCatalogStore().snapshot()


class TestDelete:
    async def test_a_specification_used_by_offerings_is_kept(
        self, service: CatalogManagement, store: FakeCatalogStore
    ) -> None:
        store.seed(
            a_specification("s"),
            an_offering("o-2", specification_id="s"),
            an_offering("o-1", specification_id="s"),
            an_offering("o-3"),
        )

        with pytest.raises(errors.EntityStillReferenced) as raised:
            await service.delete_product_specification("s")

        assert raised.value.reason == "ENTITY_STILL_REFERENCED"
        assert fields(raised.value) == ["offering[o-1]", "offering[o-2]"]
        assert "s" in store.specifications

    async def test_a_price_used_by_an_offering_is_kept(
        self, service: CatalogManagement, store: FakeCatalogStore
    ) -> None:
        store.seed(a_price("p"), a_price("q"), an_offering("o", price_ids=("q", "p")))

        with pytest.raises(errors.EntityStillReferenced) as raised:
            await service.delete_offering_price("p")

        assert fields(raised.value) == ["offering[o]"]
        assert raised.value.violations[0].description == "offering 'o' still references it"
        assert "p" in store.prices

    async def test_a_category_lists_every_kind_of_referencer(
        self, service: CatalogManagement, store: FakeCatalogStore
    ) -> None:
        store.seed(
            a_category("cg"),
            a_category("cg-child", parent_id="cg"),
            a_catalog("cat", category_ids=("cg",)),
            an_offering("o", category_ids=("cg",)),
        )

        with pytest.raises(errors.EntityStillReferenced) as raised:
            await service.delete_category("cg")

        assert fields(raised.value) == ["offering[o]", "catalog[cat]", "category[cg-child]"]
        assert "cg" in store.categories

    @pytest.mark.parametrize(
        ("referencer", "expected"),
        [
            pytest.param(an_offering("o", category_ids=("cg",)), "offering[o]", id="offering"),
            pytest.param(a_catalog("cat", category_ids=("cg",)), "catalog[cat]", id="catalog"),
            pytest.param(a_category("sub", parent_id="cg"), "category[sub]", id="child"),
        ],
    )
    async def test_a_category_with_one_referencer_is_kept(
        self,
        service: CatalogManagement,
        store: FakeCatalogStore,
        referencer: CatalogEntity,
        expected: str,
    ) -> None:
        store.seed(a_category("cg"), referencer)

        with pytest.raises(errors.EntityStillReferenced) as raised:
            await service.delete_category("cg")

        assert fields(raised.value) == [expected]

    async def test_a_bundle_component_is_kept(
        self, service: CatalogManagement, store: FakeCatalogStore
    ) -> None:
        store.seed(an_offering("off-tv"), a_bundle("off-pack", a_component("off-tv")))

        with pytest.raises(errors.EntityStillReferenced) as raised:
            await service.delete_offering("off-tv")

        assert fields(raised.value) == ["bundle offering[off-pack]"]
        assert "off-tv" in store.offerings

    @pytest.mark.parametrize(
        ("entity", "kind"),
        [
            pytest.param(a_catalog("x", category_ids=("cg",)), "catalog", id="catalog"),
            pytest.param(a_category("x", parent_id="cg"), "category", id="category"),
            pytest.param(a_specification("x"), "product_specification", id="specification"),
            pytest.param(a_price("x"), "offering_price", id="price"),
            pytest.param(a_bundle("x", a_component("o")), "offering", id="offering"),
        ],
    )
    async def test_an_unreferenced_entity_is_deleted(
        self,
        service: CatalogManagement,
        store: FakeCatalogStore,
        uow: FakeCatalogUnitOfWorkFactory,
        entity: CatalogEntity,
        kind: str,
    ) -> None:
        store.seed(a_category("cg"), an_offering("o"))
        await create(service, entity)
        before = store.snapshot()

        await method(service, f"delete_{kind}")("x")

        after = store.snapshot()
        changed = [name for name in before if before[name] != after[name]]
        assert len(changed) == 1
        assert "x" in before[changed[0]]
        assert "x" not in after[changed[0]]
        assert uow.units[-1].committed

    async def test_the_component_can_go_once_its_bundle_is_gone(
        self, service: CatalogManagement, store: FakeCatalogStore
    ) -> None:
        store.seed(an_offering("off-tv"), a_bundle("off-pack", a_component("off-tv")))

        await service.delete_offering("off-pack")
        await service.delete_offering("off-tv")

        assert store.offerings == {}

    @pytest.mark.parametrize(("kind", "error", "reason"), KINDS)
    async def test_an_unknown_id_is_not_found(
        self, service: CatalogManagement, kind: str, error: type[DomainError], reason: str
    ) -> None:
        with pytest.raises(error) as raised:
            await method(service, f"delete_{kind}")("nope")

        assert raised.value.reason == reason
