"""Administration: addresses, coverage and access nodes are validated as a whole and written
all or nothing; coverage replaces the entries of the addresses and postcodes it names."""

from __future__ import annotations

import pytest

from domain.feasibility.addresses import Address
from domain.feasibility.errors import InvalidAccessNode, InvalidAddress, InvalidCoverage
from domain.feasibility.network import AccessNode, CoverageEntry
from domain.feasibility.paging import PageRequest
from tests.unit.feasibility.world import World, build_world


@pytest.fixture
async def world() -> World:
    return await build_world()


def fibre(address_id: str = "", postcode: str = "") -> CoverageEntry:
    return CoverageEntry(
        address_id=address_id,
        postcode=postcode,
        technology="FTTH",
        max_down_mbps=500,
        max_up_mbps=100,
        access_node_id="olt-1",
    )


async def test_new_addresses_get_ids_and_tidy_fields(world: World) -> None:
    (stored,) = await world.administration.upsert_addresses(
        [Address(street=" Quay Street ", number="2b", postcode="so3  1ab", city="Southby")]
    )
    assert stored.id == "id-1"
    assert (stored.street, stored.postcode, stored.country) == ("Quay Street", "SO3 1AB", "GB")
    assert world.store.state.addresses["id-1"] == stored


async def test_an_address_is_replaced_by_id(world: World) -> None:
    moved = Address(
        id="a-none", street="Moor Lane", number="9", postcode="WM4 9ZZ", city="W", region="west"
    )
    await world.administration.upsert_addresses([moved])
    assert world.store.state.addresses["a-none"].region == "west"


async def test_bad_addresses_store_nothing_and_say_where(world: World) -> None:
    before = dict(world.store.state.addresses)
    batch = [
        Address(id="n1", street="A Street", number="1", postcode="AB1 1AA", city="X"),
        Address(id="n1", street="", number="", postcode="AB1 1AA", city="X", country="Gb1"),
        Address(street="a st", number="1", postcode="ab11aa", city="X"),
    ]
    with pytest.raises(InvalidAddress) as raised:
        await world.administration.upsert_addresses(batch)
    assert {v.field for v in raised.value.violations} == {
        "addresses[1].street",
        "addresses[1].number",
        "addresses[1].country",
        "addresses[1].id",
        "addresses[2]",  # the same address as addresses[0], spelt differently
    }
    assert world.store.state.addresses == before


async def test_addresses_list_by_postcode_in_id_order(world: World) -> None:
    page = await world.administration.list_addresses(["nw1 1aa"], PageRequest(size=1))
    assert [a.id for a in page.items] == ["a-fibre"]
    assert page.total == 2


async def test_coverage_replaces_the_entries_of_what_it_names(world: World) -> None:
    stored = await world.administration.upsert_coverage(
        [fibre(address_id="a-fibre"), fibre(postcode="nw1 2ab")]
    )
    assert stored == 2
    kept = world.store.state.coverage
    assert [e.technology for e in kept if e.address_id == "a-fibre"] == ["FTTH"]
    assert [e.max_down_mbps for e in kept if e.address_id == "a-fibre"] == [500]
    assert [e.technology for e in kept if e.postcode.upper() == "NW1 2AB"] == ["FTTH"]
    # Others untouched.
    assert [e.technology for e in kept if e.address_id == "a-full"] == ["FTTH"]
    assert any(e.postcode == "NW1 2AA" for e in kept)


async def test_bad_coverage_stores_nothing(world: World) -> None:
    before = list(world.store.state.coverage)
    batch = [
        CoverageEntry(technology=" ", max_down_mbps=0, max_up_mbps=-1, access_node_id=""),
        fibre(address_id="a-fibre", postcode="NW1 1AA"),
    ]
    with pytest.raises(InvalidCoverage) as raised:
        await world.administration.upsert_coverage(batch)
    assert {v.field for v in raised.value.violations} == {
        "entries[0].scope",
        "entries[0].technology",
        "entries[0].max_download_mbps",
        "entries[0].max_upload_mbps",
        "entries[0].access_node_id",
        "entries[1].scope",
    }
    with pytest.raises(InvalidCoverage) as unknown:
        await world.administration.upsert_coverage(
            [
                fibre(address_id="a-nope"),
                CoverageEntry(
                    postcode="X1",
                    technology="VDSL",
                    max_down_mbps=1,
                    max_up_mbps=1,
                    access_node_id="cab-nope",
                ),
            ]
        )
    assert {v.field for v in unknown.value.violations} == {
        "entries[0].address_id",
        "entries[1].access_node_id",
    }
    assert world.store.state.coverage == before


async def test_access_nodes_need_free_ports_within_total(world: World) -> None:
    stored = await world.administration.upsert_access_nodes(
        [AccessNode(id="olt-full", total_ports=64, free_ports=64)]
    )
    assert world.store.state.nodes["olt-full"] == stored[0]
    with pytest.raises(InvalidAccessNode) as raised:
        await world.administration.upsert_access_nodes(
            [
                AccessNode(id="n1", total_ports=4, free_ports=5),
                AccessNode(id="n1", total_ports=-1, free_ports=-1),
                AccessNode(id="", total_ports=1, free_ports=0),
            ]
        )
    assert {v.field for v in raised.value.violations} == {
        "nodes[0].free_ports",
        "nodes[1].id",
        "nodes[1].total_ports",
        "nodes[1].free_ports",
        "nodes[2].id",
    }


async def test_empty_batches_are_refused(world: World) -> None:
    with pytest.raises(InvalidAddress):
        await world.administration.upsert_addresses([])
    with pytest.raises(InvalidCoverage):
        await world.administration.upsert_coverage([])
    with pytest.raises(InvalidAccessNode):
        await world.administration.upsert_access_nodes([])
