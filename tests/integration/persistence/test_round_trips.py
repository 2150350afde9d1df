"""add/get/replace/remove and the batch lookups, for every kind, field by field."""

from __future__ import annotations

from decimal import Decimal

import pytest

from domain.catalog.model import OfferingPrice, ProductSpecification
from domain.catalog.ports import UnitOfWorkFactory
from domain.shared.errors import DomainError, ErrorCategory
from domain.shared.time import TimePeriod
from tests.integration.persistence import entities as e
from tests.integration.persistence.assertions import assert_times_are_utc
from tests.integration.persistence.kinds import KIND_PARAMS, REFERENCES, Kind


@pytest.fixture
async def new_uow(catalog_uow: UnitOfWorkFactory) -> UnitOfWorkFactory:
    await e.store(catalog_uow, *REFERENCES)
    return catalog_uow


@pytest.mark.parametrize("kind", KIND_PARAMS)
async def test_added_entity_reads_back_equal_with_utc_times(
    new_uow: UnitOfWorkFactory, kind: Kind
) -> None:
    entity = kind.full("x1")
    await e.store(new_uow, entity)

    async with new_uow() as uow:
        loaded = await kind.repository(uow).get("x1")

    assert loaded == entity
    assert_times_are_utc(loaded)


@pytest.mark.parametrize("kind", KIND_PARAMS)
async def test_replace_overwrites_every_field(new_uow: UnitOfWorkFactory, kind: Kind) -> None:
    original = kind.full("x1")
    changed = kind.changed(original)
    assert changed != original
    await e.store(new_uow, original)

    async with new_uow() as uow:
        await kind.repository(uow).replace(changed)
        await uow.commit()
    async with new_uow() as uow:
        loaded = await kind.repository(uow).get("x1")

    assert loaded == changed
    assert_times_are_utc(loaded)


@pytest.mark.parametrize("kind", KIND_PARAMS)
async def test_replace_twice_in_one_unit_of_work_keeps_the_last(
    new_uow: UnitOfWorkFactory, kind: Kind
) -> None:
    original = kind.full("x1")
    await e.store(new_uow, original)

    async with new_uow() as uow:
        await kind.repository(uow).replace(kind.changed(original))
        await kind.repository(uow).replace(original)
        await uow.commit()
    async with new_uow() as uow:
        assert await kind.repository(uow).get("x1") == original


@pytest.mark.parametrize("kind", KIND_PARAMS)
async def test_remove_deletes_the_entity(new_uow: UnitOfWorkFactory, kind: Kind) -> None:
    await e.store(new_uow, kind.full("x1"), kind.full("x2"))

    async with new_uow() as uow:
        await kind.repository(uow).remove("x1")
        await uow.commit()
    async with new_uow() as uow:
        repository = kind.repository(uow)
        assert await repository.get("x1") is None
        assert await repository.existing_ids(["x1", "x2"]) == {"x2"}


@pytest.mark.parametrize("kind", KIND_PARAMS)
async def test_unknown_ids(new_uow: UnitOfWorkFactory, kind: Kind) -> None:
    """get finds nothing, replace is the kind's NOT_FOUND error, remove does nothing."""
    async with new_uow() as uow:
        repository = kind.repository(uow)
        assert await repository.get("nope") is None
        with pytest.raises(DomainError) as raised:
            await repository.replace(kind.full("nope"))
        assert raised.value.reason == kind.not_found_reason
        assert raised.value.category is ErrorCategory.NOT_FOUND
    async with new_uow() as uow:
        await kind.repository(uow).remove("nope")
        await uow.commit()


@pytest.mark.parametrize("kind", KIND_PARAMS)
async def test_get_many_and_existing_ids_return_only_stored_ids(
    new_uow: UnitOfWorkFactory, kind: Kind
) -> None:
    first, second = kind.full("x1"), kind.full("x2")
    await e.store(new_uow, first, second)

    async with new_uow() as uow:
        repository = kind.repository(uow)
        many = await repository.get_many(["x2", "nope", "x1", "x2"])
        existing = await repository.existing_ids(iter(["x1", "nope"]))
        none = await repository.get_many([])

    assert many == {"x1": first, "x2": second}
    assert existing == {"x1"}
    assert none == {}


async def test_batch_lookups_cross_the_in_list_batch_size(catalog_uow: UnitOfWorkFactory) -> None:
    ids = [f"c{n:04d}" for n in range(1203)]
    await e.store(catalog_uow, *(e.category(i) for i in ids))

    async with catalog_uow() as uow:
        many = await uow.categories.get_many([*ids, "nope"])
        existing = await uow.categories.existing_ids(reversed(ids))

    assert sorted(many) == ids
    assert existing == set(ids)


async def test_decimals_keep_their_exact_digits(catalog_uow: UnitOfWorkFactory) -> None:
    await e.store(catalog_uow, e.price("p1"), e.specification("s1"))

    async with catalog_uow() as uow:
        price = await uow.prices.get("p1")
        specification = await uow.specifications.get("s1")

    assert isinstance(price, OfferingPrice)
    assert price.amount is not None
    assert str(price.amount.amount) == "39.90"
    assert str(price.discount_percentage) == "12.50"
    assert isinstance(specification, ProductSpecification)
    speed = specification.characteristic("speed")
    assert speed is not None
    values = [a.value for a in speed.allowed_values]
    assert [str(v) for v in values[:2]] == ["100.50", "1E+3"]
    assert all(isinstance(v, Decimal) for v in values[:2])
    colour = specification.characteristic("colour")
    assert colour is not None
    assert [a.value for a in colour.allowed_values] == ["black", "1.0"]  # text stays text


async def test_price_without_amount_round_trips(catalog_uow: UnitOfWorkFactory) -> None:
    bare = e.price("p1", amount=None, discount_percentage=None, validity=TimePeriod())
    await e.store(catalog_uow, bare)

    async with catalog_uow() as uow:
        assert await uow.prices.get("p1") == bare
