"""Stored checks: the asynchronous state machine, listing, the descriptive update and delete."""

from __future__ import annotations

from datetime import timedelta

import pytest

from domain.feasibility.checks import CheckState
from domain.feasibility.coverage import Feasibility
from domain.feasibility.errors import FeasibilityCheckNotFound, FieldNotUpdatable, InvalidPage
from domain.feasibility.paging import PageRequest
from domain.feasibility.services import DEFAULT_CHECK_LIFETIME, JUDGING_FAILED, CheckRequest
from tests.unit.feasibility.world import World, at, build_world


@pytest.fixture
async def world() -> World:
    return await build_world()


def request(spec: str = "spec-fibre-1000", *, asynchronous: bool = False) -> CheckRequest:
    return CheckRequest(items=(at("a-fibre", spec),), asynchronous=asynchronous)


async def test_asynchronous_check_is_accepted_then_judged(world: World) -> None:
    accepted = await world.checking.check(request(asynchronous=True))
    assert accepted.state is CheckState.ACCEPTED
    assert (accepted.outcome, accepted.results, accepted.expire_time) == (None, (), None)
    assert (await world.checking.get_check(accepted.id)).state is CheckState.ACCEPTED
    world.clock.advance(timedelta(seconds=5))
    judged = await world.checking.judge_accepted(accepted.id)
    assert judged.state is CheckState.DONE
    assert judged.outcome is Feasibility.QUALIFIED
    assert judged.judge_time == world.clock.now()
    assert judged.expire_time == world.clock.now() + DEFAULT_CHECK_LIFETIME
    assert await world.checking.get_check(accepted.id) == judged


async def test_the_check_is_in_progress_while_being_judged(world: World) -> None:
    accepted = await world.checking.check(request(asynchronous=True))
    seen: list[CheckState] = []

    async def look() -> None:
        seen.append((await world.checking.get_check(accepted.id)).state)

    world.catalog.before_read = look
    await world.checking.judge_accepted(accepted.id)
    assert seen == [CheckState.IN_PROGRESS]


async def test_a_judged_check_is_not_judged_again(world: World) -> None:
    accepted = await world.checking.check(request(asynchronous=True))
    await world.checking.judge_accepted(accepted.id)
    with pytest.raises(FeasibilityCheckNotFound):
        await world.checking.judge_accepted(accepted.id)


async def test_judging_failure_ends_terminated_with_error(world: World) -> None:
    accepted = await world.checking.check(request(asynchronous=True))
    world.catalog.broken = True
    with pytest.raises(RuntimeError):
        await world.checking.judge_accepted(accepted.id)
    failed = await world.checking.get_check(accepted.id)
    assert failed.state is CheckState.TERMINATED_WITH_ERROR
    assert failed.error == JUDGING_FAILED
    assert failed.results == ()


async def test_a_check_deleted_before_judging_stays_deleted(world: World) -> None:
    accepted = await world.checking.check(request(asynchronous=True))
    await world.checking.delete_check(accepted.id)
    with pytest.raises(FeasibilityCheckNotFound):
        await world.checking.judge_accepted(accepted.id)
    assert world.store.state.checks == {}


async def test_list_is_newest_first_filtered_by_state_and_counted(world: World) -> None:
    made = []
    for n in range(5):
        world.clock.advance(timedelta(minutes=1))
        made.append(await world.checking.check(request(asynchronous=n % 2 == 0)))
    everything = await world.checking.list_checks((), PageRequest(size=2, skip=1))
    assert [c.id for c in everything.items] == [made[3].id, made[2].id]
    assert everything.total == 5
    accepted = await world.checking.list_checks((CheckState.ACCEPTED,), PageRequest())
    assert [c.id for c in accepted.items] == [made[4].id, made[2].id, made[0].id]
    assert accepted.total == 3


def test_page_bounds_are_checked() -> None:
    assert PageRequest.checked(0, 0) == PageRequest(20, 0)
    with pytest.raises(InvalidPage):
        PageRequest.checked(1001, 0)
    with pytest.raises(InvalidPage):
        PageRequest.checked(10, -1)


async def test_update_changes_only_the_fields_named(world: World) -> None:
    check = await world.checking.check(request())
    updated = await world.checking.update_check(check.id, "new text", "ext-9", ["external_id"])
    assert (updated.description, updated.external_id) == ("", "ext-9")
    assert updated.results == check.results
    both = await world.checking.update_check(check.id, "text", "", [])
    assert (both.description, both.external_id) == ("text", "")
    assert await world.checking.get_check(check.id) == both


async def test_update_refuses_other_fields(world: World) -> None:
    check = await world.checking.check(request())
    with pytest.raises(FieldNotUpdatable) as raised:
        await world.checking.update_check(check.id, "x", "", ["description", "state"])
    assert [v.field for v in raised.value.violations] == ["update_mask.paths[1]"]
    assert await world.checking.get_check(check.id) == check


async def test_unknown_checks_are_not_found(world: World) -> None:
    for action in (
        world.checking.get_check("nope"),
        world.checking.delete_check("nope"),
        world.checking.update_check("nope", "", "", ["description"]),
    ):
        with pytest.raises(FeasibilityCheckNotFound):
            await action


async def test_delete_removes_the_check(world: World) -> None:
    check = await world.checking.check(request())
    await world.checking.delete_check(check.id)
    with pytest.raises(FeasibilityCheckNotFound):
        await world.checking.get_check(check.id)
