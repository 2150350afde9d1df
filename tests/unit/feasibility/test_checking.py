"""The check use case with in-memory fakes: places, needs from the catalog, capacity, planned
rollouts, technology fallback, alternatives, options and the overall answer."""

from __future__ import annotations

from datetime import timedelta

import pytest

from domain.feasibility.addresses import Address
from domain.feasibility.checks import CheckOptions, CheckState, Place, ServiceItem
from domain.feasibility.coverage import Feasibility
from domain.feasibility.errors import InvalidFeasibilityRequest
from domain.feasibility.services import DEFAULT_CHECK_LIFETIME, CheckRequest, FeasibilityChecking
from tests.unit.feasibility.fakes import Ids, UnitOfWork
from tests.unit.feasibility.world import EVERYTHING, ROLLOUT, World, at, build_world, wanting


@pytest.fixture
async def world() -> World:
    return await build_world()


async def judge(world: World, item: ServiceItem, options: CheckOptions = EVERYTHING):  # type: ignore[no-untyped-def]
    check = await world.checking.check(CheckRequest(items=(item,), options=options))
    return check.results[0]


async def test_fibre_at_a_fibre_address_is_qualified(world: World) -> None:
    result = await judge(world, at("a-fibre", "spec-fibre-1000"))
    assert result.outcome is Feasibility.QUALIFIED
    assert result.technology == "FTTH"
    assert result.address_id == "a-fibre"
    assert (result.need.technologies, result.need.down_mbps, result.need.up_mbps) == (
        ("FTTH",),
        1000,
        500,
    )


async def test_address_coverage_replaces_the_postcode_area(world: World) -> None:
    # a-full has fibre of its own (full); the area's VDSL is not its coverage.
    result = await judge(world, at("a-full", "spec-broadband-80"))
    assert result.outcome is Feasibility.UNQUALIFIED
    assert [r.code for r in result.reasons] == ["NO_CAPACITY"]


async def test_capacity_exhausted_names_the_reason(world: World) -> None:
    result = await judge(world, at("a-full", "spec-fibre-500"))
    assert result.outcome is Feasibility.UNQUALIFIED
    assert [r.code for r in result.reasons] == ["NO_CAPACITY"]
    assert result.alternatives == ()


async def test_planned_rollout_is_an_alternative_with_its_date(world: World) -> None:
    result = await judge(world, at("a-planned", "spec-fibre-500"))
    assert result.outcome is Feasibility.ALTERNATE
    assert [r.code for r in result.reasons] == ["NOT_YET_AVAILABLE"]
    assert [(a.technology, a.available_from) for a in result.alternatives] == [("FTTH", ROLLOUT)]


async def test_planned_rollout_is_qualified_once_its_day_has_come(world: World) -> None:
    world.clock.current = world.clock.current.replace(year=2027, month=3, day=1)
    result = await judge(world, at("a-planned", "spec-fibre-500"))
    # Built, but the new OLT has no free port in the data.
    assert [r.code for r in result.reasons] == ["NO_CAPACITY"]


async def test_technology_fallback_takes_the_next_acceptable_technology(world: World) -> None:
    result = await judge(world, at("a-copper", "spec-broadband-80"))
    assert result.outcome is Feasibility.QUALIFIED
    assert result.technology == "VDSL"  # the specification's "VDSL2" is of the VDSL family


async def test_the_first_acceptable_technology_wins_when_both_deliver(world: World) -> None:
    result = await judge(world, at("a-fibre", "spec-broadband-80"))
    assert result.technology == "FTTH"


async def test_another_technology_meeting_the_need_is_proposed(world: World) -> None:
    item = ServiceItem(
        id="i1",
        place=Place(address_id="a-copper"),
        characteristics=wanting(("accessTechnology", ("FTTH",)), ("downloadSpeed", ("200",))),
    )
    result = await judge(world, item)
    assert result.outcome is Feasibility.ALTERNATE
    assert [r.code for r in result.reasons] == ["TECHNOLOGY_NOT_AVAILABLE"]
    assert [(a.technology, a.max_down_mbps) for a in result.alternatives] == [("5G-FWA", 300)]


async def test_lower_speed_is_proposed(world: World) -> None:
    item = ServiceItem(
        id="i1",
        place=Place(address_id="a-copper"),
        characteristics=wanting(("accessTechnology", ("VDSL",)), ("downloadSpeed", ("250",))),
    )
    result = await judge(world, item)
    assert result.outcome is Feasibility.ALTERNATE
    assert [r.code for r in result.reasons] == ["SPEED_NOT_AVAILABLE"]
    assert [(a.technology, a.max_down_mbps, a.max_up_mbps) for a in result.alternatives] == [
        ("VDSL", 100, 40),
        ("5G-FWA", 300, 50),
    ]


async def test_requested_characteristics_override_the_specification(world: World) -> None:
    item = ServiceItem(
        id="i1",
        place=Place(address_id="a-copper"),
        product_specification_id="spec-fibre-500",
        characteristics=wanting(("accessTechnology", ("5G-FWA",)), ("downloadSpeed", ("300",))),
    )
    partly = await judge(world, item)
    # The upload speed still comes from the specification, and 5G-FWA does not reach it.
    assert (partly.need.technologies, partly.need.down_mbps, partly.need.up_mbps) == (
        ("5G-FWA",),
        300,
        200,
    )
    assert partly.outcome is Feasibility.ALTERNATE
    overridden = ServiceItem(
        id="i1",
        place=Place(address_id="a-copper"),
        product_specification_id="spec-fibre-500",
        characteristics=(*item.characteristics, *wanting(("uploadSpeed", ("50",)))),
    )
    result = await judge(world, overridden)
    assert (result.outcome, result.technology) == (Feasibility.QUALIFIED, "5G-FWA")


async def test_offering_is_judged_by_its_specification(world: World) -> None:
    item = ServiceItem(id="i1", place=Place(address_id="a-fibre"), offering_id="off-fibre-500")
    result = await judge(world, item)
    assert result.outcome is Feasibility.QUALIFIED
    assert result.need.down_mbps == 500


async def test_unknown_specification_or_offering_is_an_unqualified_item(world: World) -> None:
    spec = await judge(world, at("a-fibre", "spec-nope"))
    offering = await judge(
        world, ServiceItem(id="i1", place=Place(address_id="a-fibre"), offering_id="off-nope")
    )
    assert spec.outcome is offering.outcome is Feasibility.UNQUALIFIED
    assert [r.code for r in spec.reasons] == ["PRODUCT_SPECIFICATION_NOT_FOUND"]
    assert [r.code for r in offering.reasons] == ["OFFERING_NOT_FOUND"]


async def test_no_coverage_is_unqualified(world: World) -> None:
    result = await judge(world, at("a-none", "spec-fibre-500"))
    assert result.outcome is Feasibility.UNQUALIFIED
    assert [r.code for r in result.reasons] == ["NO_COVERAGE"]


async def test_unknown_postal_address_gets_reason_and_suggestions(world: World) -> None:
    typed = Address(street="High St", number="2", postcode="nw1 1aa", city="")
    item = ServiceItem(id="i1", place=Place(address=typed), product_specification_id="spec-tv")
    result = await judge(world, item)
    assert result.outcome is Feasibility.UNQUALIFIED
    assert [r.code for r in result.reasons] == ["ADDRESS_NOT_FOUND"]
    assert {a.id for a in result.suggested_addresses} == {"a-fibre", "a-full"}
    assert result.address_id == ""


async def test_typed_address_matching_the_register_is_judged_there(world: World) -> None:
    typed = Address(street="high st.", number="1", postcode="NW11AA", city="")
    item = ServiceItem(
        id="i1", place=Place(address=typed), product_specification_id="spec-fibre-1000"
    )
    result = await judge(world, item)
    assert (result.outcome, result.address_id) == (Feasibility.QUALIFIED, "a-fibre")
    # Candidates were read by postcode key, not by scanning the register.
    assert world.store.candidate_lookups == [("NW11AA", "")]


async def test_reasons_and_alternatives_only_when_asked(world: World) -> None:
    plain = await judge(world, at("a-planned", "spec-fibre-500"), CheckOptions())
    assert plain.outcome is Feasibility.UNQUALIFIED  # nothing proposed: simply not as asked
    assert (plain.reasons, plain.alternatives) == ((), ())
    reasons_only = await judge(
        world, at("a-planned", "spec-fibre-500"), CheckOptions(provide_reasons=True)
    )
    assert [r.code for r in reasons_only.reasons] == ["NOT_YET_AVAILABLE"]
    assert reasons_only.alternatives == ()
    unknown = await judge(world, at("a-nope", "spec-fibre-500"), CheckOptions())
    assert unknown.reasons == ()


@pytest.mark.parametrize(
    ("addresses", "overall"),
    [
        (("a-fibre", "a-copper"), Feasibility.QUALIFIED),
        (("a-fibre", "a-planned"), Feasibility.ALTERNATE),
        (("a-fibre", "a-planned", "a-none"), Feasibility.UNQUALIFIED),
    ],
)
async def test_overall_answer_follows_the_tmf645_rule(
    world: World, addresses: tuple[str, ...], overall: Feasibility
) -> None:
    items = tuple(
        ServiceItem(
            id=f"i{n}", place=Place(address_id=a), product_specification_id="spec-broadband-80"
        )
        for n, a in enumerate(addresses)
    )
    check = await world.checking.check(CheckRequest(items=items, options=EVERYTHING))
    assert check.outcome is overall
    assert [r.item_id for r in check.results] == [i.id for i in items]


async def test_a_synchronous_check_is_stored_done_with_its_expiry(world: World) -> None:
    check = await world.checking.check(CheckRequest(items=(at("a-fibre", "spec-tv"),)))
    assert check.state is CheckState.DONE
    assert check.judge_time == world.clock.now()
    assert check.expire_time == world.clock.now() + DEFAULT_CHECK_LIFETIME
    assert await world.checking.get_check(check.id) == check


async def test_malformed_requests_list_every_problem(world: World) -> None:
    items = (
        ServiceItem(id="", place=Place(), product_specification_id="spec-tv"),
        ServiceItem(id="x", place=Place(address_id="a-fibre")),
        ServiceItem(
            id="x",
            place=Place(address=Address(street="", number="1", postcode="", city="")),
            characteristics=wanting(("downloadSpeed", ("fast",)), ("uploadSpeed", ("-1",))),
        ),
    )
    with pytest.raises(InvalidFeasibilityRequest) as raised:
        await world.checking.check(CheckRequest(items=items))
    assert {v.field for v in raised.value.violations} == {
        "items[0].id",
        "items[0].place",
        "items[1].service",
        "items[2].id",
        "items[2].place.address",
        "items[2].characteristics[0]",
        "items[2].characteristics[1]",
    }
    with pytest.raises(InvalidFeasibilityRequest):
        await world.checking.check(CheckRequest(items=()))
    assert world.store.state.checks == {}


async def test_lifetime_is_configurable(world: World) -> None:
    checking = FeasibilityChecking(
        uow=lambda: UnitOfWork(world.store),
        catalog=world.catalog,
        clock=world.clock,
        ids=Ids(),
        check_lifetime=timedelta(hours=1),
    )
    check = await checking.check(CheckRequest(items=(at("a-fibre", "spec-tv"),)))
    assert check.expire_time == world.clock.now() + timedelta(hours=1)
