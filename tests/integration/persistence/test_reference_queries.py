"""The reverse lookups the use cases make before deleting or re-pointing entities."""

from __future__ import annotations

import dataclasses

import pytest

from domain.catalog.model import BundleComponent
from domain.catalog.ports import UnitOfWorkFactory
from tests.integration.persistence import entities as e


@pytest.fixture
async def new_uow(catalog_uow: UnitOfWorkFactory) -> UnitOfWorkFactory:
    await e.store(
        catalog_uow,
        e.category("c1"),
        e.category("c2", parent_id="c1"),
        e.category("c3", parent_id="c1"),
        e.category("c4", parent_id="c2"),
        e.specification("s1"),
        e.specification("s2"),
        e.price("p1"),
        e.price("p2"),
        e.catalog("k1", category_ids=("c1", "c2")),
        e.catalog("k2", category_ids=("c2",)),
        e.offering("o1", specification_id="s1", category_ids=("c2",), price_ids=("p1",)),
        e.offering("o2", specification_id="s1", category_ids=("c2", "c1"), price_ids=("p1",)),
        e.offering("o3", specification_id="s2", price_ids=("p2", "p1")),
        e.offering(
            "b1",
            is_bundle=True,
            bundle_components=(
                BundleComponent(offering_id="o1"),
                BundleComponent(offering_id="o2"),
            ),
        ),
        e.offering("b2", is_bundle=True, bundle_components=(BundleComponent(offering_id="o1"),)),
    )
    return catalog_uow


async def test_reference_queries_find_every_referrer(new_uow: UnitOfWorkFactory) -> None:
    async with new_uow() as uow:
        assert await uow.catalogs.ids_publishing_category("c2") == ["k1", "k2"]
        assert await uow.catalogs.ids_publishing_category("c1") == ["k1"]
        assert await uow.catalogs.ids_publishing_category("c4") == []
        assert await uow.categories.child_ids("c1") == ["c2", "c3"]
        assert await uow.categories.child_ids("c4") == []
        assert await uow.offerings.ids_referencing_specification("s1") == ["o1", "o2"]
        assert await uow.offerings.ids_referencing_specification("nope") == []
        assert await uow.offerings.ids_referencing_price("p1") == ["o1", "o2", "o3"]
        assert await uow.offerings.ids_referencing_price("p2") == ["o3"]
        assert await uow.offerings.ids_in_category("c2") == ["o1", "o2"]
        assert await uow.offerings.ids_in_category("c3") == []
        assert await uow.offerings.ids_bundling("o1") == ["b1", "b2"]
        assert await uow.offerings.ids_bundling("o3") == []


async def test_a_duplicate_reference_in_a_list_is_reported_once(
    new_uow: UnitOfWorkFactory,
) -> None:
    async with new_uow() as uow:
        await uow.offerings.add(e.offering("o9", category_ids=("c3", "c3")))
        assert await uow.offerings.ids_in_category("c3") == ["o9"]


async def test_reference_queries_follow_replace_and_remove(new_uow: UnitOfWorkFactory) -> None:
    async with new_uow() as uow:
        o1 = await uow.offerings.get("o1")
        assert o1 is not None
        await uow.offerings.replace(
            dataclasses.replace(o1, category_ids=(), price_ids=("p2",), specification_id="s2")
        )
        await uow.offerings.remove("b1")
        k1 = await uow.catalogs.get("k1")
        assert k1 is not None
        await uow.catalogs.replace(dataclasses.replace(k1, category_ids=("c1",)))
        c4 = await uow.categories.get("c4")
        assert c4 is not None
        await uow.categories.replace(dataclasses.replace(c4, parent_id="c3"))
        await uow.commit()

    async with new_uow() as uow:
        assert await uow.offerings.ids_in_category("c2") == ["o2"]
        assert await uow.offerings.ids_referencing_price("p2") == ["o1", "o3"]
        assert await uow.offerings.ids_referencing_specification("s2") == ["o1", "o3"]
        assert await uow.offerings.ids_bundling("o1") == ["b2"]
        assert await uow.offerings.ids_bundling("o2") == []
        assert await uow.catalogs.ids_publishing_category("c2") == ["k2"]
        assert await uow.categories.child_ids("c2") == []
        assert await uow.categories.child_ids("c3") == ["c4"]


async def test_reference_queries_see_uncommitted_changes_of_the_unit_of_work(
    new_uow: UnitOfWorkFactory,
) -> None:
    async with new_uow() as uow:
        await uow.offerings.add(e.offering("o9", specification_id="s2", price_ids=("p2",)))
        await uow.categories.add(e.category("c9", parent_id="c4"))
        assert await uow.offerings.ids_referencing_specification("s2") == ["o3", "o9"]
        assert await uow.offerings.ids_referencing_price("p2") == ["o3", "o9"]
        assert await uow.categories.child_ids("c4") == ["c9"]
    async with new_uow() as uow:
        assert await uow.categories.child_ids("c4") == []
