"""Stored availability queries: answered now or in the background, listed newest first,
described, deleted; unknown ones are not found."""

from __future__ import annotations

from datetime import timedelta

import pytest

from domain.feasibility.addresses import Address
from domain.feasibility.checks import CheckState, Place
from domain.feasibility.errors import (
    AvailabilityQueryNotFound,
    FieldNotUpdatable,
    InvalidAvailabilityQuery,
)
from domain.feasibility.paging import PageRequest
from domain.feasibility.queries import AvailabilityQuerying
from domain.feasibility.services import DEFAULT_CHECK_LIFETIME, JUDGING_FAILED
from tests.unit.feasibility.fakes import Ids, UnitOfWork
from tests.unit.feasibility.world import World, build_world


@pytest.fixture
async def world() -> World:
    return await build_world()


@pytest.fixture
def querying(world: World) -> AvailabilityQuerying:
    return AvailabilityQuerying(
        uow=lambda: UnitOfWork(world.store),
        checking=world.checking,
        clock=world.clock,
        ids=Ids(),
    )


async def test_a_query_is_answered_and_stored(world: World, querying: AvailabilityQuerying) -> None:
    query = await querying.create(Place(address_id="a-fibre"), party_id="p", external_id="e")
    assert query.state is CheckState.DONE
    assert query.answer.address is not None
    assert [s.technology for s in query.answer.services] == ["FTTH", "VDSL"]
    assert query.expire_time == world.clock.now() + DEFAULT_CHECK_LIFETIME
    assert await querying.get(query.id) == query


async def test_an_unknown_place_is_answered_with_suggestions(
    querying: AvailabilityQuerying,
) -> None:
    typed = Address(street="High Street", number="2", postcode="NW1 1AA", city="")
    query = await querying.create(Place(address=typed))
    assert query.state is CheckState.DONE
    assert query.answer.address is None
    assert {a.id for a in query.answer.suggestions} == {"a-fibre", "a-full"}


async def test_a_query_without_a_place_is_invalid(querying: AvailabilityQuerying) -> None:
    with pytest.raises(InvalidAvailabilityQuery):
        await querying.create(Place())


async def test_asynchronous_query_goes_accepted_in_progress_done(
    world: World, querying: AvailabilityQuerying
) -> None:
    accepted = await querying.create(Place(address_id="a-copper"), asynchronous=True)
    assert (accepted.state, accepted.answer.services) == (CheckState.ACCEPTED, ())
    answered = await querying.answer_accepted(accepted.id)
    assert answered.state is CheckState.DONE
    assert [s.technology for s in answered.answer.services] == ["5G-FWA", "VDSL"]
    assert await querying.get(accepted.id) == answered
    with pytest.raises(AvailabilityQueryNotFound):
        await querying.answer_accepted(accepted.id)


async def test_a_failing_answer_ends_terminated_with_error(
    world: World, querying: AvailabilityQuerying
) -> None:
    accepted = await querying.create(Place(address_id="a-copper"), asynchronous=True)

    async def broken() -> list[object]:
        raise RuntimeError("catalog down")

    world.catalog.network_specifications = broken  # type: ignore[method-assign,assignment]
    with pytest.raises(RuntimeError):
        await querying.answer_accepted(accepted.id)
    failed = await querying.get(accepted.id)
    assert (failed.state, failed.error) == (CheckState.TERMINATED_WITH_ERROR, JUDGING_FAILED)


async def test_list_update_delete(world: World, querying: AvailabilityQuerying) -> None:
    made = []
    for n in range(3):
        world.clock.advance(timedelta(minutes=1))
        made.append(await querying.create(Place(address_id="a-fibre"), asynchronous=n == 1))
    page = await querying.list((), PageRequest(size=2))
    assert ([q.id for q in page.items], page.total) == ([made[2].id, made[1].id], 3)
    accepted = await querying.list((CheckState.ACCEPTED,), PageRequest())
    assert [q.id for q in accepted.items] == [made[1].id]

    updated = await querying.update(made[0].id, "d", "x", ["description"])
    assert (updated.description, updated.external_id) == ("d", "")
    with pytest.raises(FieldNotUpdatable):
        await querying.update(made[0].id, "d", "x", ["place"])
    await querying.delete(made[0].id)
    for action in (
        querying.get(made[0].id),
        querying.delete(made[0].id),
        querying.update(made[0].id, "", "", []),
    ):
        with pytest.raises(AvailabilityQueryNotFound):
            await action
