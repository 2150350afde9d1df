"""Address validation through the register port, and what the network offers at a place."""

from __future__ import annotations

import pytest

from domain.feasibility.addresses import Address
from domain.feasibility.checks import Place
from domain.feasibility.errors import InvalidAddress
from tests.unit.feasibility.world import ROLLOUT, World, build_world


@pytest.fixture
async def world() -> World:
    return await build_world()


async def test_validation_normalises_and_matches(world: World) -> None:
    typed = Address(street="MILL RD.", number=" 7 ", postcode="nw12ab", city="northwick")
    found = await world.checking.validate_address(typed)
    assert found.address is not None
    assert found.address.id == "a-copper"


async def test_unknown_address_gets_at_most_five_near_ones(world: World) -> None:
    typed = Address(street="Mill Road", number="6", postcode="", city="Northwick")
    found = await world.checking.validate_address(typed)
    assert found.address is None
    assert [a.id for a in found.suggestions][:2] in (
        ["a-planned", "a-copper"],
        ["a-copper", "a-planned"],
    )
    assert len(found.suggestions) <= 5
    # Narrowed by town when no postcode was typed.
    assert world.store.candidate_lookups == [("", "northwick")]


async def test_an_address_that_cannot_be_looked_up_is_invalid(world: World) -> None:
    with pytest.raises(InvalidAddress) as raised:
        await world.checking.validate_address(Address(street=" ", number="", postcode="", city=""))
    assert {v.field for v in raised.value.violations} == {"address.street", "address.postcode"}


async def test_available_services_fastest_first_with_deliverable_specifications(
    world: World,
) -> None:
    found = await world.checking.find_available_services(Place(address_id="a-fibre"))
    assert found.address is not None
    assert [(s.technology, s.max_down_mbps, s.has_capacity) for s in found.services] == [
        ("FTTH", 1000, True),
        ("VDSL", 100, True),
    ]
    fibre, copper = found.services
    assert set(fibre.product_specification_ids) == {
        "spec-fibre-500",
        "spec-fibre-1000",
        "spec-broadband-80",
    }
    assert set(copper.product_specification_ids) == {"spec-vdsl-100", "spec-broadband-80"}


async def test_full_node_and_planned_rollout_deliver_nothing_now(world: World) -> None:
    full = await world.checking.find_available_services(Place(address_id="a-full"))
    assert [(s.has_capacity, s.product_specification_ids) for s in full.services] == [(False, ())]
    planned = await world.checking.find_available_services(Place(address_id="a-planned"))
    (service,) = planned.services
    assert service.available_from == ROLLOUT
    assert service.product_specification_ids == ()


async def test_postcode_coverage_serves_addresses_without_their_own(world: World) -> None:
    found = await world.checking.find_available_services(Place(address_id="a-copper"))
    assert [s.technology for s in found.services] == ["5G-FWA", "VDSL"]


async def test_unknown_place_has_no_services_but_suggestions(world: World) -> None:
    typed = Address(street="Moor Lane", number="11", postcode="WM4 9ZZ", city="Westmere")
    found = await world.checking.find_available_services(Place(address=typed))
    assert found.address is None
    assert found.services == ()
    assert [a.id for a in found.suggestions] == ["a-none"]
    by_id = await world.checking.find_available_services(Place(address_id="nope"))
    assert (by_id.address, by_id.suggestions) == (None, ())


async def test_a_past_rollout_date_is_live(world: World) -> None:
    world.clock.current = world.clock.current.replace(year=2027, month=6)
    found = await world.checking.find_available_services(Place(address_id="a-planned"))
    assert found.services[0].available_from is None
