"""The qualification repositories on SQLite and PostgreSQL: every rule kind, profiles, full
checks and queries round-trip; rules are read per offering; upserts replace; lists filter, order,
page and count in SQL; a check deleted meanwhile is not brought back."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import inspect
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from domain.qualification.checks import CheckState, EligibilityCheck
from domain.qualification.model import (
    CheckOptions,
    CustomerProfile,
    ItemAction,
    ItemVerdict,
    OfferingSummary,
    Outcome,
    PartyType,
    PlaceFacts,
    Reason,
    RequestedConfiguration,
    RequestedItem,
)
from domain.qualification.offering_queries import EligibilityQuery, SearchCriteria
from domain.qualification.paging import PageRequest
from domain.qualification.ports import CheckFilter
from domain.qualification.rules import (
    AgeBandRule,
    ChannelRule,
    ExclusionRule,
    GeographyRule,
    MaxQuantityRule,
    MinimumCreditClassRule,
    PrerequisiteRule,
    Rule,
    SegmentRule,
    TimeWindow,
    ValidityWindowRule,
)
from servers.persistence.database import create_session_factory
from servers.persistence.qualification_repositories import (
    SqlCustomerProfiles,
    SqlEligibilityChecks,
    SqlEligibilityQueries,
    SqlEligibilityRules,
)
from servers.qualification.places import AddressRegisterPlaces

NOW = datetime(2026, 11, 28, 12, 30, tzinfo=UTC)

EVERY_KIND: list[Rule] = [
    SegmentRule(
        id="r-seg",
        offering_id="o1",
        segments=("smb", "enterprise"),
        party_types=(PartyType.ORGANIZATION,),
        alternative_offering_ids=("o2", "o3"),
    ),
    ChannelRule(id="r-ch", offering_id="o1", channels=("web", "shop")),
    GeographyRule(id="r-geo", offering_id="o2", regions=("north",), postcode_prefixes=("NW1",)),
    PrerequisiteRule(id="r-pre", offering_id="o2", any_of=("o9",)),
    ExclusionRule(id="r-ex", offering_id="o3", excluded=("o4", "o5")),
    MaxQuantityRule(id="r-max", offering_id="o3", maximum=2),
    MinimumCreditClassRule(id="r-cc", offering_id="o4", minimum="B"),
    AgeBandRule(id="r-age", offering_id="o4", minimum_age=18),
    ValidityWindowRule(
        id="r-win", offering_id="o5", window=TimeWindow(NOW, NOW + timedelta(days=30))
    ),
    ValidityWindowRule(id="r-open", offering_id="o5", window=TimeWindow(end=NOW)),
]


@pytest.fixture
def sessions(db_engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return create_session_factory(db_engine)


async def test_rules_of_every_kind_round_trip_and_are_read_per_offering(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    rules = SqlEligibilityRules(sessions)
    await rules.upsert(EVERY_KIND)
    assert sorted(
        await rules.for_offerings(["o1", "o2", "o3", "o4", "o5"]), key=lambda r: r.id
    ) == sorted(EVERY_KIND, key=lambda r: r.id)
    assert {r.id for r in await rules.for_offerings(["o3"])} == {"r-ex", "r-max"}
    assert await rules.for_offerings(["o-none"]) == []
    assert await rules.for_offerings([]) == []


async def test_a_rule_upsert_replaces_by_id_even_across_kinds(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    rules = SqlEligibilityRules(sessions)
    await rules.upsert(EVERY_KIND)
    changed = MaxQuantityRule(id="r-ch", offering_id="o6", maximum=9)
    await rules.upsert([changed])
    assert await rules.for_offerings(["o6"]) == [changed]
    assert "r-ch" not in {r.id for r in await rules.for_offerings(["o1"])}
    page = await rules.list(("o1", "o6"), PageRequest(size=1, skip=1))
    assert page.total == 2
    assert [r.id for r in page.items] == ["r-seg"]
    assert (await rules.list((), PageRequest())).total == len(EVERY_KIND)
    assert await rules.delete("r-ch")
    assert not await rules.delete("r-ch")


async def test_profiles_round_trip_filter_and_replace(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    profiles = SqlCustomerProfiles(sessions)
    person = CustomerProfile(
        party_id="p1",
        segment="youth",
        credit_class="C",
        region="north",
        date_of_birth=date(2008, 2, 29),
        owned_offering_ids=("o1", "o1", "o2"),
        update_time=NOW,
    )
    company = CustomerProfile(
        party_id="p2", party_type=PartyType.ORGANIZATION, segment="smb", credit_class="A"
    )
    await profiles.upsert([person, company])
    assert await profiles.get("p1") == person
    assert await profiles.get("p2") == company
    assert await profiles.get("p3") is None
    moved = dataclasses.replace(person, region="south", owned_offering_ids=())
    await profiles.upsert([moved])
    assert await profiles.get("p1") == moved
    smb = await profiles.list(("smb",), PageRequest())
    assert (smb.total, [p.party_id for p in smb.items]) == (1, ["p2"])
    assert (await profiles.list((), PageRequest(size=1))).total == 2
    assert await profiles.delete("p2")
    assert not await profiles.delete("p2")


def a_check(check_id: str, party_id: str, minutes: int, **fields: object) -> EligibilityCheck:
    values: dict[str, object] = {
        "id": check_id,
        "party_id": party_id,
        "channel": "web",
        "place_id": "addr-1",
        "place": PlaceFacts("addr-1", "north", "NW1 1AA"),
        "items": (
            RequestedItem(
                item_id="1",
                offering_id="o1",
                action=ItemAction.MODIFY,
                quantity=2,
                configuration=RequestedConfiguration('{"characteristics":[]}'),
            ),
            RequestedItem(item_id="2", category_id="cat-1"),
        ),
        "options": CheckOptions(provide_alternatives=True, only_available=True),
        "description": "ä description",
        "verdicts": (
            ItemVerdict(
                item_id="1",
                offering_id="o1",
                outcome=Outcome.ALTERNATE,
                reasons=(Reason("CREDIT_CLASS_TOO_LOW", "needs B"),),
                alternative_offering_ids=("o2",),
            ),
            ItemVerdict(
                item_id="2",
                offering_id="",
                outcome=Outcome.QUALIFIED,
                eligible_offering_ids=("o3", "o4"),
            ),
        ),
        "customer_is_prospect": True,
        "create_time": NOW + timedelta(minutes=minutes),
        "judge_time": NOW + timedelta(minutes=minutes),
        "expire_time": NOW + timedelta(hours=24, minutes=minutes),
        **fields,
    }
    return EligibilityCheck(**values)  # type: ignore[arg-type]


async def test_checks_round_trip_and_list_newest_first(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    checks = SqlEligibilityChecks(sessions)
    first = a_check("c1", "p1", 0)
    second = a_check("c2", "p2", 1, place=None, place_id="")
    third = a_check("c3", "p1", 2, state=CheckState.ACKNOWLEDGED, verdicts=(), judge_time=None)
    for check in (first, second, third):
        await checks.add(check)
    assert await checks.get("c1") == first
    assert await checks.get("c2") == second
    assert await checks.get("c3") == third
    mine = await checks.list(CheckFilter(party_id="p1"), PageRequest(size=1))
    assert (mine.total, [c.id for c in mine.items]) == (2, ["c3"])
    done = await checks.list(CheckFilter(states=(CheckState.DONE,)), PageRequest(skip=1))
    assert (done.total, [c.id for c in done.items]) == (2, ["c1"])
    everything = await checks.list(CheckFilter(), PageRequest())
    assert [c.id for c in everything.items] == ["c3", "c2", "c1"]


async def test_a_check_replaced_after_deletion_stays_deleted(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    checks = SqlEligibilityChecks(sessions)
    check = a_check("c1", "p1", 0, state=CheckState.ACKNOWLEDGED)
    await checks.add(check)
    judged = dataclasses.replace(check, state=CheckState.DONE, description="judged")
    await checks.replace(judged)
    assert await checks.get("c1") == judged
    assert await checks.delete("c1")
    await checks.replace(judged)
    assert await checks.get("c1") is None
    assert not await checks.delete("c1")


async def test_places_are_read_from_the_address_register(
    sessions: async_sessionmaker[AsyncSession], db_engine: AsyncEngine
) -> None:
    async with db_engine.begin() as connection:
        await connection.exec_driver_sql(
            "INSERT INTO feasibility_addresses "
            "(id, street, number, postcode, city, country, region, postcode_key, city_key) "
            "VALUES ('a1', 'High Street', '1', 'NW1 1AA', 'Northwick', 'GB', 'north', "
            "'NW11AA', 'northwick')"
        )
    places = AddressRegisterPlaces(sessions)
    assert await places.locate("a1") == PlaceFacts("a1", "north", "NW1 1AA")
    assert await places.locate("a2") is None


async def test_rules_are_indexed_by_offering(db_engine: AsyncEngine) -> None:
    async with db_engine.connect() as connection:
        indexes = await connection.run_sync(
            lambda sync: inspect(sync).get_indexes("eligibility_rules")
        )
    assert ["offering_id"] in [index["column_names"] for index in indexes]


async def test_queries_round_trip_list_and_stay_deleted(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    queries = SqlEligibilityQueries(sessions)
    answered = EligibilityQuery(
        id="q1",
        criteria=SearchCriteria(
            party_id="p1",
            channel="web",
            place=PlaceFacts("addr-1", "north", "NW1 1AA"),
            category_id="cat-1",
            offering_ids=("o1", "o2"),
            page_size=5,
        ),
        description="browsing",
        offerings=(OfferingSummary("o1", "Offer one", ("cat-1", "cat-2")),),
        customer_is_prospect=True,
        create_time=NOW,
        judge_time=NOW,
        expire_time=NOW + timedelta(hours=24),
    )
    waiting = EligibilityQuery(
        id="q2",
        criteria=SearchCriteria(party_id="p2", channel="shop"),
        state=CheckState.ACKNOWLEDGED,
        create_time=NOW + timedelta(minutes=1),
        expire_time=NOW + timedelta(hours=24),
    )
    await queries.add(answered)
    await queries.add(waiting)
    assert await queries.get("q1") == answered
    assert await queries.get("q2") == waiting
    newest = await queries.list(CheckFilter(), PageRequest(size=1))
    assert (newest.total, [q.id for q in newest.items]) == (2, ["q2"])
    done = await queries.list(CheckFilter(states=(CheckState.DONE,)), PageRequest())
    assert [q.id for q in done.items] == ["q1"]
    failed = dataclasses.replace(waiting, state=CheckState.TERMINATED_WITH_ERROR, error="gone")
    await queries.replace(failed)
    assert await queries.get("q2") == failed
    assert await queries.delete("q2")
    await queries.replace(failed)
    assert await queries.get("q2") is None
