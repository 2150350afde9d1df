"""Transactions: commit, rollback on leaving, and constraint violations as domain errors."""

from __future__ import annotations

import dataclasses

import pytest

from domain.catalog.errors import (
    EntityAlreadyExists,
    EntityStillReferenced,
    ReferencedEntityMissing,
)
from domain.catalog.model import BundleComponent
from domain.catalog.ports import UnitOfWorkFactory
from domain.catalog.queries import OfferingFilter, PageRequest
from domain.shared.errors import DomainError
from servers.persistence.unit_of_work import SqlAlchemyCatalogUnitOfWork
from tests.integration.persistence import entities as e


class BoomError(Exception):
    pass


async def test_leaving_without_commit_rolls_back(catalog_uow: UnitOfWorkFactory) -> None:
    async with catalog_uow() as uow:
        await uow.categories.add(e.category("c1"))
        assert await uow.categories.get("c1") is not None  # visible inside
    async with catalog_uow() as uow:
        assert await uow.categories.get("c1") is None


async def test_an_exception_rolls_back_and_propagates(catalog_uow: UnitOfWorkFactory) -> None:
    await e.store(catalog_uow, e.category("c1"))

    async def fail_midway() -> None:
        async with catalog_uow() as uow:
            await uow.categories.remove("c1")
            await uow.categories.add(e.category("c2"))
            raise BoomError

    with pytest.raises(BoomError):
        await fail_midway()
    async with catalog_uow() as uow:
        assert await uow.categories.existing_ids(["c1", "c2"]) == {"c1"}


async def test_only_what_was_committed_stays(catalog_uow: UnitOfWorkFactory) -> None:
    async with catalog_uow() as uow:
        await uow.categories.add(e.category("c1"))
        await uow.commit()
        await uow.categories.add(e.category("c2"))
        await uow.categories.remove("c1")
    async with catalog_uow() as uow:
        assert await uow.categories.existing_ids(["c1", "c2"]) == {"c1"}


async def test_uncommitted_writes_are_invisible_to_others(catalog_uow: UnitOfWorkFactory) -> None:
    async with catalog_uow() as writer:
        await writer.offerings.add(e.offering("o1"))
        assert (await writer.offerings.list(OfferingFilter(), PageRequest())).total == 1
        async with catalog_uow() as reader:
            assert await reader.offerings.get("o1") is None


async def test_duplicate_id_across_units_of_work_is_entity_already_exists(
    catalog_uow: UnitOfWorkFactory, migrated_url: str
) -> None:
    await e.store(catalog_uow, e.offering("o1"))
    async with catalog_uow() as uow:
        await uow.offerings.add(e.offering("o1", name="again"))
        with pytest.raises(EntityAlreadyExists) as raised:
            await uow.commit()
    if migrated_url.startswith("postgresql"):
        assert raised.value.metadata == {"id": "o1"}  # SQLite does not say which id
    async with catalog_uow() as uow:
        stored = await uow.offerings.get("o1")
        assert stored is not None
        assert stored.name != "again"


async def test_duplicate_id_surfaces_on_the_next_read_too(catalog_uow: UnitOfWorkFactory) -> None:
    await e.store(catalog_uow, e.price("p1"))
    async with catalog_uow() as uow:
        await uow.prices.add(e.price("p1"))
        with pytest.raises(EntityAlreadyExists):
            await uow.prices.existing_ids(["p1"])  # autoflush inserts first


async def test_adding_an_id_read_in_this_unit_of_work_fails(
    catalog_uow: UnitOfWorkFactory,
) -> None:
    await e.store(catalog_uow, e.category("c1"))
    async with catalog_uow() as uow:
        assert await uow.categories.get("c1") is not None
        await uow.categories.add(e.category("c1"))
        with pytest.raises(EntityAlreadyExists):
            await uow.commit()


async def test_adding_an_id_changed_in_this_unit_of_work_fails_at_once(
    catalog_uow: UnitOfWorkFactory,
) -> None:
    # The session holds the changed row: refused up front rather than at flush (where the ORM
    # would first warn about two rows with one identity).
    await e.store(catalog_uow, e.category("c1"))
    async with catalog_uow() as uow:
        await uow.categories.replace(e.category("c1", name="changed"))
        with pytest.raises(EntityAlreadyExists):
            await uow.categories.add(e.category("c1"))


async def test_adding_the_same_id_twice_in_one_unit_of_work_fails(
    catalog_uow: UnitOfWorkFactory,
) -> None:
    async with catalog_uow() as uow:
        await uow.import_jobs.add(e.import_job("j1"))
        await uow.import_jobs.add(e.import_job("j1"))
        with pytest.raises(EntityAlreadyExists):
            await uow.commit()


async def test_remove_then_add_the_same_id_in_one_unit_of_work(
    catalog_uow: UnitOfWorkFactory,
) -> None:
    await e.store(catalog_uow, e.category("c1"), e.category("c2"))
    await e.store(catalog_uow, e.offering("o1", category_ids=("c1", "c2")))
    again = e.offering("o1", name="again", category_ids=("c2",))
    async with catalog_uow() as uow:
        await uow.offerings.remove("o1")
        await uow.offerings.add(again)
        await uow.commit()
    async with catalog_uow() as uow:
        assert await uow.offerings.get("o1") == again


async def test_related_entities_may_be_written_in_any_order(
    catalog_uow: UnitOfWorkFactory,
) -> None:
    # References are checked at commit, so an import can write them as its file lists them.
    bundle = e.offering(
        "b1",
        is_bundle=True,
        specification_id="s1",
        category_ids=("c2",),
        price_ids=("p1",),
        bundle_components=(BundleComponent(offering_id="o1"),),
    )
    async with catalog_uow() as uow:
        await e.add(
            uow,
            e.catalog("k1", category_ids=("c2",)),
            bundle,
            e.category("c2", parent_id="c1"),
            e.offering("o1"),
            e.price("p1"),
            e.specification("s1"),
            e.category("c1"),
        )
        await uow.commit()
    async with catalog_uow() as uow:
        assert await uow.offerings.get("b1") == bundle


async def test_missing_reference_is_referenced_entity_missing(
    catalog_uow: UnitOfWorkFactory,
) -> None:
    async with catalog_uow() as uow:
        await uow.offerings.add(e.offering("o1", category_ids=("ghost",)))
        with pytest.raises(ReferencedEntityMissing):
            await uow.commit()
    async with catalog_uow() as uow:
        assert await uow.offerings.get("o1") is None


async def test_removing_a_referenced_entity_is_refused_at_commit(
    catalog_uow: UnitOfWorkFactory, migrated_url: str
) -> None:
    await e.store(catalog_uow, e.category("c1"))
    await e.store(catalog_uow, e.offering("o1", category_ids=("c1",)))
    async with catalog_uow() as uow:
        await uow.categories.remove("c1")
        with pytest.raises(DomainError) as raised:
            await uow.commit()
    # PostgreSQL says which side broke; SQLite only that a foreign key did.
    if migrated_url.startswith("postgresql"):
        assert isinstance(raised.value, EntityStillReferenced)
        assert raised.value.metadata == {"id": "c1"}
    else:
        assert isinstance(raised.value, ReferencedEntityMissing)
    async with catalog_uow() as uow:
        assert await uow.categories.get("c1") is not None


async def test_removing_an_owner_removes_its_lists(catalog_uow: UnitOfWorkFactory) -> None:
    await e.store(catalog_uow, e.category("c1"), e.price("p1"), e.offering("o1"))
    await e.store(
        catalog_uow,
        e.offering(
            "b1",
            is_bundle=True,
            category_ids=("c1",),
            price_ids=("p1",),
            bundle_components=(BundleComponent(offering_id="o1"),),
        ),
    )
    async with catalog_uow() as uow:
        await uow.offerings.remove("b1")
        # Nothing refers to these any more, so they can go in the same transaction.
        await uow.categories.remove("c1")
        await uow.prices.remove("p1")
        await uow.offerings.remove("o1")
        await uow.commit()
    async with catalog_uow() as uow:
        assert await uow.offerings.existing_ids(["b1", "o1"]) == set()


async def test_a_unit_of_work_can_commit_several_times(catalog_uow: UnitOfWorkFactory) -> None:
    async with catalog_uow() as uow:
        await uow.categories.add(e.category("c1"))
        await uow.commit()
        category = await uow.categories.get("c1")
        assert category is not None
        await uow.categories.replace(dataclasses.replace(category, name="second"))
        await uow.commit()
    async with catalog_uow() as uow:
        stored = await uow.categories.get("c1")
        assert stored is not None
        assert stored.name == "second"


async def test_commit_outside_the_block_is_a_programming_error(
    catalog_uow: UnitOfWorkFactory,
) -> None:
    uow = catalog_uow()
    assert isinstance(uow, SqlAlchemyCatalogUnitOfWork)
    with pytest.raises(RuntimeError, match="outside"):
        await uow.commit()
