"""The feasibility repositories on SQLite and PostgreSQL: addresses with their indexed keys,
candidate lookups narrowed by postcode or town, coverage replaced per scope, access nodes,
stored checks round-tripping with their JSON documents, listing newest first, rollback."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import inspect
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.feasibility.addresses import Address, city_key, postcode_key
from domain.feasibility.availability import AvailableService, PlaceServices
from domain.feasibility.checks import (
    CheckOptions,
    CheckState,
    FeasibilityCheck,
    Place,
    Reason,
    RequestedCharacteristic,
    ServiceItem,
    ServiceResult,
    ValueKind,
)
from domain.feasibility.coverage import Alternative, Feasibility, ServiceNeed
from domain.feasibility.network import AccessNode, CoverageEntry
from domain.feasibility.paging import PageRequest
from domain.feasibility.ports import UnitOfWorkFactory
from domain.feasibility.queries import AvailabilityQuery
from servers.persistence.database import create_session_factory
from servers.persistence.feasibility_unit_of_work import feasibility_uow_factory

T0 = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)


@pytest.fixture
def uow(db_engine: AsyncEngine) -> UnitOfWorkFactory:
    return feasibility_uow_factory(create_session_factory(db_engine))


def address(id_: str, street: str, postcode: str, city: str = "Northwick") -> Address:
    return Address(id=id_, street=street, number="1", postcode=postcode, city=city, region="north")


def entry(technology: str, node: str = "n1", **scope: str) -> CoverageEntry:
    return CoverageEntry(
        address_id=scope.get("address_id", ""),
        postcode=scope.get("postcode", ""),
        technology=technology,
        max_down_mbps=100,
        max_up_mbps=20,
        access_node_id=node,
        available_from=date(2027, 1, 1) if technology == "FTTH" else None,
    )


async def test_address_table_has_the_columns_other_contexts_read(db_engine: AsyncEngine) -> None:
    async with db_engine.connect() as connection:
        columns = await connection.run_sync(
            lambda c: {col["name"] for col in inspect(c).get_columns("feasibility_addresses")}
        )
    assert {"id", "street", "number", "postcode", "city", "country", "region"} <= columns


async def test_addresses_round_trip_and_candidates_are_narrowed(uow: UnitOfWorkFactory) -> None:
    register = [
        address("a1", "High Street", "NW1 1AA"),
        address("a2", "Mill Road", "NW1 2AA"),
        address("a3", "Quay Street", "SO3 1AA", city="Southby"),
    ]
    async with uow() as work:
        await work.addresses.upsert(register)
        await work.commit()
    async with uow() as work:
        assert await work.addresses.get("a1") == register[0]
        assert await work.addresses.get("nope") is None
        by_postcode = await work.addresses.candidates(postcode_key("nw1 1aa"), "", 10)
        by_town = await work.addresses.candidates("", city_key("NORTHWICK"), 10)
        either = await work.addresses.candidates(postcode_key("SO3 1AA"), city_key("Northwick"), 10)
        limited = await work.addresses.candidates("", city_key("Northwick"), 1)
        nothing = await work.addresses.candidates("", "", 10)
        assert await work.addresses.existing_ids(["a1", "a9", ""]) == {"a1"}
    assert [a.id for a in by_postcode] == ["a1"]
    assert [a.id for a in by_town] == ["a1", "a2"]
    assert [a.id for a in either] == ["a1", "a2", "a3"]
    assert [a.id for a in limited] == ["a1"]
    assert nothing == []


async def test_upsert_replaces_an_address_and_its_keys(uow: UnitOfWorkFactory) -> None:
    async with uow() as work:
        await work.addresses.upsert([address("a1", "High Street", "NW1 1AA")])
        await work.commit()
    async with uow() as work:
        await work.addresses.upsert([address("a1", "High Street", "ZZ9 9ZZ")])
        await work.commit()
    async with uow() as work:
        assert await work.addresses.candidates(postcode_key("NW1 1AA"), "", 5) == []
        listed = await work.addresses.list([], PageRequest())
    assert [a.postcode for a in listed.items] == ["ZZ9 9ZZ"]


async def test_addresses_list_by_postcode_key_paged_and_counted(uow: UnitOfWorkFactory) -> None:
    async with uow() as work:
        await work.addresses.upsert(
            [address(f"a{n}", "High Street", "NW1 1AA") for n in range(5)]
            + [address("b1", "Mill Road", "NW1 2AA")]
        )
        await work.commit()
    async with uow() as work:
        page = await work.addresses.list([postcode_key("NW1 1AA")], PageRequest(size=2, skip=2))
        everything = await work.addresses.list([], PageRequest(size=10))
    assert ([a.id for a in page.items], page.total) == (["a2", "a3"], 5)
    assert everything.total == 6


async def test_coverage_is_replaced_per_address_and_postcode(uow: UnitOfWorkFactory) -> None:
    async with uow() as work:
        await work.coverage.replace(
            [
                entry("FTTH", address_id="a1"),
                entry("VDSL", address_id="a1"),
                entry("VDSL", postcode="NW1 1AA"),
                entry("5G-FWA", postcode="NW1 2AA"),
            ]
        )
        await work.commit()
    async with uow() as work:
        own, area = await work.coverage.at("a1", postcode_key("nw1 1aa"))
        assert [o.technology for o in own] == ["FTTH", "VDSL"]
        assert own[0].available_from == date(2027, 1, 1)
        assert [o.technology for o in area] == ["VDSL"]
        assert await work.coverage.replace([entry("5G-FWA", address_id="a1")]) == 1
        await work.coverage.replace([entry("FTTH", postcode="nw1 1aa")])
        await work.commit()
    async with uow() as work:
        own, area = await work.coverage.at("a1", postcode_key("NW1 1AA"))
        _, other = await work.coverage.at("zz", postcode_key("NW1 2AA"))
    assert [o.technology for o in own] == ["5G-FWA"]
    assert [o.technology for o in area] == ["FTTH"]
    assert [o.technology for o in other] == ["5G-FWA"]  # not named, untouched


async def test_access_nodes(uow: UnitOfWorkFactory) -> None:
    async with uow() as work:
        await work.nodes.upsert([AccessNode(id="n1", total_ports=8, free_ports=2)])
        await work.nodes.upsert([AccessNode(id="n2", total_ports=8, free_ports=0)])
        await work.commit()
    async with uow() as work:
        await work.nodes.upsert([AccessNode(id="n1", total_ports=8, free_ports=7)])
        await work.commit()
    async with uow() as work:
        assert await work.nodes.free_ports(["n1", "n2", "n3"]) == {"n1": 7, "n2": 0}
        assert await work.nodes.existing_ids(["n2", "n3"]) == {"n2"}


def check(
    check_id: str, created: datetime, state: CheckState = CheckState.DONE
) -> FeasibilityCheck:
    typed = Address(street="Mill Rd", number="5", postcode="NW1 2AA", city="N", region="")
    done = state is CheckState.DONE
    return FeasibilityCheck(
        id=check_id,
        party_id="p-1",
        description="first look",
        external_id="ext",
        items=(
            ServiceItem(
                id="i1",
                place=Place(address=typed),
                offering_id="off-1",
                characteristics=(  # each value's kind survives the JSON column
                    RequestedCharacteristic("downloadSpeed", ("300",), (ValueKind.NUMBER,)),
                    RequestedCharacteristic("staticIp", ("true",), (ValueKind.FLAG,)),
                    RequestedCharacteristic("accessTechnology", ("FTTH", "VDSL")),
                ),
            ),
            ServiceItem(id="i2", place=Place(address_id="a1"), product_specification_id="s1"),
        ),
        options=CheckOptions(provide_alternatives=True),
        state=state,
        outcome=Feasibility.ALTERNATE if done else None,
        results=(
            ServiceResult(
                item_id="i1",
                outcome=Feasibility.UNQUALIFIED,
                need=ServiceNeed(technologies=("FTTH", "VDSL"), down_mbps=300),
                reasons=(Reason("ADDRESS_NOT_FOUND", "not registered"),),
                suggested_addresses=(address("a2", "Mill Road", "NW1 2AA"),),
            ),
            ServiceResult(
                item_id="i2",
                outcome=Feasibility.ALTERNATE,
                address_id="a1",
                alternatives=(
                    Alternative(
                        technology="FTTH",
                        max_down_mbps=1000,
                        max_up_mbps=500,
                        available_from=date(2027, 3, 1),
                    ),
                    Alternative(technology="VDSL", max_down_mbps=50, max_up_mbps=10),
                ),
            ),
        )
        if done
        else (),
        create_time=created,
        judge_time=created if done else None,
        expire_time=created + timedelta(hours=72) if done else None,
    )


async def test_checks_round_trip_with_items_and_results(uow: UnitOfWorkFactory) -> None:
    stored = check("c1", T0)
    async with uow() as work:
        await work.checks.add(stored)
        await work.commit()
    async with uow() as work:
        assert await work.checks.get("c1") == stored
        assert await work.checks.get("nope") is None


async def test_checks_replace_remove_and_rollback(uow: UnitOfWorkFactory) -> None:
    accepted = check("c1", T0, CheckState.ACCEPTED)
    async with uow() as work:
        await work.checks.add(accepted)
        await work.commit()
    judged = check("c1", T0)
    async with uow() as work:
        await work.checks.replace(judged)
        await work.commit()
    async with uow() as work:
        assert await work.checks.get("c1") == judged
        assert await work.checks.remove("c1") is True
        # Not committed: the check stays.
    async with uow() as work:
        assert await work.checks.get("c1") == judged
        assert await work.checks.remove("c1") is True
        assert await work.checks.remove("c1") is False
        await work.commit()
    async with uow() as work:
        assert await work.checks.get("c1") is None


async def test_checks_list_newest_first_by_state_with_total(uow: UnitOfWorkFactory) -> None:
    async with uow() as work:
        for n in range(5):
            state = CheckState.ACCEPTED if n % 2 else CheckState.DONE
            await work.checks.add(check(f"c{n}", T0 + timedelta(minutes=n), state))
        await work.commit()
    async with uow() as work:
        first = await work.checks.list([], PageRequest(size=2))
        second = await work.checks.list([], PageRequest(size=2, skip=4))
        done = await work.checks.list([CheckState.DONE], PageRequest(size=10))
        none = await work.checks.list([CheckState.TERMINATED_WITH_ERROR], PageRequest())
    assert ([c.id for c in first.items], first.total) == (["c4", "c3"], 5)
    assert ([c.id for c in second.items], second.total) == (["c0"], 5)
    assert ([c.id for c in done.items], done.total) == (["c4", "c2", "c0"], 3)
    assert (none.items, none.total) == ((), 0)


async def test_availability_queries_round_trip_list_and_remove(uow: UnitOfWorkFactory) -> None:
    answer = PlaceServices(
        address=address("a1", "High Street", "NW1 1AA"),
        services=(
            AvailableService(
                technology="FTTH",
                max_down_mbps=1000,
                max_up_mbps=500,
                has_capacity=True,
                product_specification_ids=("s1", "s2"),
            ),
            AvailableService(
                technology="FTTH",
                max_down_mbps=2000,
                max_up_mbps=1000,
                available_from=date(2027, 3, 1),
                has_capacity=False,
            ),
        ),
    )
    typed = Address(street="High St", number="2", postcode="NW1 1AA", city="")
    done = AvailabilityQuery(
        id="q1",
        place=Place(address_id="a1"),
        party_id="p",
        description="d",
        external_id="e",
        state=CheckState.DONE,
        answer=answer,
        create_time=T0,
        judge_time=T0,
        expire_time=T0 + timedelta(hours=1),
    )
    unknown = AvailabilityQuery(
        id="q2",
        place=Place(address=typed),
        state=CheckState.DONE,
        answer=PlaceServices(address=None, suggestions=(address("a1", "High Street", "NW1 1AA"),)),
        create_time=T0 + timedelta(minutes=1),
    )
    accepted = AvailabilityQuery(
        id="q3", place=Place(address_id="a9"), create_time=T0 + timedelta(minutes=2)
    )
    async with uow() as work:
        for query in (done, unknown, accepted):
            await work.queries.add(query)
        await work.commit()
    async with uow() as work:
        assert await work.queries.get("q1") == done
        assert await work.queries.get("q2") == unknown
        page = await work.queries.list([], PageRequest(size=2))
        only_done = await work.queries.list([CheckState.DONE], PageRequest())
        await work.queries.replace(dataclasses.replace(accepted, description="x"))
        assert await work.queries.remove("q2") is True
        await work.commit()
    assert ([q.id for q in page.items], page.total) == (["q3", "q2"], 3)
    assert [q.id for q in only_done.items] == ["q2", "q1"]
    async with uow() as work:
        assert await work.queries.get("q2") is None
        assert await work.queries.remove("q2") is False
        stored = await work.queries.get("q3")
    assert stored is not None
    assert stored.description == "x"
