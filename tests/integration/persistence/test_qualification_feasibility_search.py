"""Search documents of stored eligibility checks and queries and of feasibility checks and
availability queries, on SQLite and PostgreSQL: every write (add, replace) stores the resource
as its gRPC message, the lists apply attribute conditions in SQL (page and count), a bad
condition is refused naming it, and rows stored without a document (before migration 0007)
get theirs from the start-up fill and are then found."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import null, select, update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from domain.feasibility.addresses import Address
from domain.feasibility.checks import CheckState as FeasibilityState
from domain.feasibility.checks import FeasibilityCheck, Place, ServiceItem
from domain.feasibility.paging import PageRequest as FeasibilityPage
from domain.feasibility.queries import AvailabilityQuery
from domain.qualification.checks import CheckState, EligibilityCheck
from domain.qualification.model import RequestedItem
from domain.qualification.offering_queries import EligibilityQuery, SearchCriteria
from domain.qualification.paging import PageRequest
from domain.qualification.ports import CheckFilter
from domain.shared.conditions import AttributeCondition, Comparison
from domain.shared.errors import InvalidCondition
from servers.feasibility.events import FEASIBILITY_EVENTS
from servers.feasibility.wiring import fill_search_documents_of_feasibility
from servers.persistence.database import create_session_factory
from servers.persistence.feasibility_rows import (
    FeasibilityAvailabilityQueryRow,
    FeasibilityCheckRow,
)
from servers.persistence.feasibility_unit_of_work import feasibility_uow_factory
from servers.persistence.qualification_repositories import (
    SqlEligibilityChecks,
    SqlEligibilityQueries,
)
from servers.persistence.qualification_rows import EligibilityCheckRow, EligibilityQueryRow
from servers.qualification.events import ELIGIBILITY_CHECKS, ELIGIBILITY_QUERIES
from servers.qualification.wiring import fill_search_documents_of_eligibility

NOW = datetime(2026, 11, 28, 12, 30, tzinfo=UTC)


def when(path: str, comparison: Comparison, *values: str) -> AttributeCondition:
    return AttributeCondition(path, comparison, values)


@pytest.fixture
def sessions(db_engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return create_session_factory(db_engine)


def eligibility_check(check_id: str, minutes: int, description: str) -> EligibilityCheck:
    return EligibilityCheck(
        id=check_id,
        party_id="p1",
        channel="web",
        place_id="",
        place=None,
        items=(RequestedItem(item_id="1", offering_id=f"o-{check_id}"),),
        description=description,
        state=CheckState.ACKNOWLEDGED,
        verdicts=(),
        create_time=NOW + timedelta(minutes=minutes),
        expire_time=NOW + timedelta(hours=24),
    )


async def test_eligibility_checks_are_searched_in_sql(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    checks = SqlEligibilityChecks(sessions, ELIGIBILITY_CHECKS)
    for n in range(3):
        await checks.add(eligibility_check(f"c{n}", n, f"check {n}"))
    await checks.replace(
        dataclasses.replace(eligibility_check("c1", 1, "renamed"), state=CheckState.DONE)
    )
    page = await checks.list(
        CheckFilter(conditions=(when("description", Comparison.MATCHES, "^check"),)),
        PageRequest(size=1),
    )
    assert (page.total, [c.id for c in page.items]) == (2, ["c2"])
    renamed = CheckFilter(
        party_id="p1",
        conditions=(
            when("description", Comparison.EQUAL, "renamed"),
            when("state", Comparison.EQUAL, "CHECK_STATE_DONE"),
            when("items.offering_id", Comparison.EQUAL, "o-c1", "o-c9"),
            when("create_time", Comparison.GREATER_OR_EQUAL, "2026-11-28T13:31:00+01:00"),
        ),
    )
    assert [c.id for c in (await checks.list(renamed, PageRequest())).items] == ["c1"]
    with pytest.raises(InvalidCondition) as refused:
        await checks.list(
            CheckFilter(conditions=(when("state", Comparison.GREATER, "CHECK_STATE_DONE"),)),
            PageRequest(),
        )
    assert refused.value.violations[0].field == "conditions[0]"


async def test_a_repository_without_events_still_writes_search_documents(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    checks = SqlEligibilityChecks(sessions, searched=ELIGIBILITY_CHECKS.message)
    await checks.add(eligibility_check("c1", 0, "quiet"))
    found = await checks.list(
        CheckFilter(conditions=(when("description", Comparison.EQUAL, "quiet"),)), PageRequest()
    )
    assert [c.id for c in found.items] == ["c1"]


async def test_eligibility_rows_without_documents_are_filled_at_start(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    # Written as before migration 0007: no search document.
    await SqlEligibilityChecks(sessions).add(eligibility_check("old", 0, "from before"))
    await SqlEligibilityQueries(sessions).add(
        EligibilityQuery(
            id="q-old",
            criteria=SearchCriteria(party_id="p1", channel="web", category_id="cat-1"),
            description="old query",
            state=CheckState.ACKNOWLEDGED,
            create_time=NOW,
            expire_time=NOW + timedelta(hours=24),
        )
    )
    async with sessions() as session:
        assert (await session.scalar(select(EligibilityCheckRow.search))) is None
        assert (await session.scalar(select(EligibilityQueryRow.search))) is None
    description = CheckFilter(conditions=(when("description", Comparison.EQUAL, "from before"),))
    checks = SqlEligibilityChecks(sessions, ELIGIBILITY_CHECKS)
    assert (await checks.list(description, PageRequest())).total == 0

    await fill_search_documents_of_eligibility(sessions)

    assert [c.id for c in (await checks.list(description, PageRequest())).items] == ["old"]
    queries = SqlEligibilityQueries(sessions, ELIGIBILITY_QUERIES)
    category = CheckFilter(conditions=(when("category_id", Comparison.EQUAL, "cat-1"),))
    assert [q.id for q in (await queries.list(category, PageRequest())).items] == ["q-old"]


def feasibility_check(check_id: str, minutes: int) -> FeasibilityCheck:
    created = NOW + timedelta(minutes=minutes)
    return FeasibilityCheck(
        id=check_id,
        party_id="p-1",
        description=f"look {check_id}",
        external_id=f"ext-{check_id}",
        items=(ServiceItem(id="i1", place=Place(address_id=f"a-{check_id}")),),
        state=FeasibilityState.ACCEPTED,
        create_time=created,
        expire_time=created + timedelta(hours=72),
    )


async def test_feasibility_checks_are_searched_in_sql(db_engine: AsyncEngine) -> None:
    uow = feasibility_uow_factory(create_session_factory(db_engine), FEASIBILITY_EVENTS)
    async with uow() as unit:
        for n in range(3):
            await unit.checks.add(feasibility_check(f"c{n}", n))
        await unit.commit()
    async with uow() as unit:
        changed = dataclasses.replace(feasibility_check("c1", 1), state=FeasibilityState.DONE)
        await unit.checks.replace(changed)
        await unit.commit()
    async with uow() as unit:
        places = (when("items.place.address_id", Comparison.NOT_EQUAL, "a-c0"),)
        page = await unit.checks.list((), FeasibilityPage(size=1), places)
        assert (page.total, [c.id for c in page.items]) == (2, ["c2"])
        done = (when("state", Comparison.EQUAL, "CHECK_STATE_DONE"),)
        found = await unit.checks.list((FeasibilityState.DONE,), FeasibilityPage(), done)
        assert [c.id for c in found.items] == ["c1"]
        with pytest.raises(InvalidCondition):
            await unit.checks.list((), FeasibilityPage(), (when("colour", Comparison.EQUAL, "x"),))


async def test_feasibility_rows_without_documents_are_filled_at_start(
    db_engine: AsyncEngine,
) -> None:
    sessions = create_session_factory(db_engine)
    async with feasibility_uow_factory(sessions)() as unit:  # no events: no documents
        await unit.checks.add(feasibility_check("old", 0))
        await unit.queries.add(
            AvailabilityQuery(
                id="q-old",
                place=Place(
                    address=Address(street="High St", number="2", postcode="NW1 1AA", city="")
                ),
                party_id="p",
                external_id="e-old",
                state=FeasibilityState.ACCEPTED,
                create_time=NOW,
            )
        )
        await unit.commit()
    async with sessions() as session, session.begin():
        assert (await session.scalar(select(FeasibilityCheckRow.search))) is None
        # As stored before 0007 whatever the unit of work does today.
        await session.execute(update(FeasibilityAvailabilityQueryRow).values(search=null()))
    uow = feasibility_uow_factory(sessions, FEASIBILITY_EVENTS)
    external = (when("external_id", Comparison.EQUAL, "ext-old"),)
    async with uow() as unit:
        assert (await unit.checks.list((), FeasibilityPage(), external)).total == 0

    await fill_search_documents_of_feasibility(sessions)

    async with uow() as unit:
        found = await unit.checks.list((), FeasibilityPage(), external)
        assert [c.id for c in found.items] == ["old"]
        street = (when("place.address.street", Comparison.MATCHES, "^High"),)
        queries = await unit.queries.list((), FeasibilityPage(), street)
        assert [q.id for q in queries.items] == ["q-old"]
