"""Stored eligibility queries with in-memory fakes: answered now or in the background, the
offering filter, expiry, listing, description changes and deletion."""

from __future__ import annotations

import builtins
from datetime import timedelta

import pytest

from domain.qualification.checks import CheckState
from domain.qualification.errors import (
    CategoryNotFound,
    EligibilityQueryNotFound,
    FieldNotUpdatable,
)
from domain.qualification.offering_queries import EligibilityQuery, SearchCriteria
from domain.qualification.paging import Page, PageRequest
from domain.qualification.ports import CheckFilter
from domain.qualification.rules import MinimumCreditClassRule
from domain.qualification.searches import EligibilitySearches
from domain.qualification.services import Qualification
from tests.unit.qualification.builders import NOW, customer
from tests.unit.qualification.fakes import Catalog, Checks, Clock, Ids, Profiles, Rules


class Queries:
    def __init__(self) -> None:
        self.stored: dict[str, EligibilityQuery] = {}
        self.states: builtins.list[CheckState] = []

    async def add(self, query: EligibilityQuery) -> None:
        self.stored[query.id] = query
        self.states.append(query.state)

    async def get(self, query_id: str) -> EligibilityQuery | None:
        return self.stored.get(query_id)

    async def replace(self, query: EligibilityQuery) -> None:
        if query.id in self.stored:
            self.stored[query.id] = query
            self.states.append(query.state)

    async def list(self, query: CheckFilter, page: PageRequest) -> Page[EligibilityQuery]:
        found = sorted(
            (q for q in self.stored.values() if not query.party_id or q.party_id == query.party_id),
            key=lambda q: (q.create_time, q.id),
            reverse=True,
        )
        return Page(tuple(found[page.skip : page.skip + page.size]), len(found))

    async def delete(self, query_id: str) -> bool:
        return self.stored.pop(query_id, None) is not None


def searches(queries: Queries, clock: Clock | None = None) -> EligibilitySearches:
    clock = clock or Clock()
    catalog = Catalog(
        {"off-a": (True, ("cat-x",)), "off-b": (True, ("cat-x",)), "off-c": (True, ("cat-y",))},
        parents={"cat-x": "", "cat-y": ""},
    )
    qualification = Qualification(
        profiles=Profiles(customer(credit_class="B")),
        rules=Rules(MinimumCreditClassRule(id="c", offering_id="off-b", minimum="A")),
        checks=Checks(),
        catalog=catalog,
        clock=clock,
        ids=Ids(),
    )
    return EligibilitySearches(
        qualification=qualification,
        queries=queries,
        clock=clock,
        ids=Ids("query"),
        lifetime=timedelta(hours=3),
    )


CRITERIA = SearchCriteria(party_id="cust-1", channel="web")


async def test_a_query_is_answered_stored_and_expires() -> None:
    queries = Queries()
    query = await searches(queries).search(CRITERIA, "browsing")
    assert query.state is CheckState.DONE
    assert [o.offering_id for o in query.offerings] == ["off-a", "off-c"]
    assert query.expire_time == NOW + timedelta(hours=3)
    assert query.description == "browsing"
    assert queries.stored == {query.id: query}


async def test_the_offering_filter_and_the_category_narrow_the_answer() -> None:
    use_case = searches(Queries())
    only = await use_case.search(
        SearchCriteria(party_id="cust-1", channel="web", offering_ids=("off-b", "off-c", "x"))
    )
    assert [o.offering_id for o in only.offerings] == ["off-c"]
    within = await use_case.search(
        SearchCriteria(party_id="cust-1", channel="web", category_id="cat-x")
    )
    assert [o.offering_id for o in within.offerings] == ["off-a"]
    with pytest.raises(CategoryNotFound):
        await use_case.search(SearchCriteria(party_id="c", channel="web", category_id="nope"))


async def test_an_asynchronous_query_is_acknowledged_then_answered_once() -> None:
    queries = Queries()
    use_case = searches(queries)
    acknowledged = await use_case.acknowledge(CRITERIA)
    assert acknowledged.state is CheckState.ACKNOWLEDGED
    assert acknowledged.offerings == ()
    done = await use_case.answer_stored(acknowledged.id)
    assert done is not None
    assert done.state is CheckState.DONE
    assert queries.states == [CheckState.ACKNOWLEDGED, CheckState.IN_PROGRESS, CheckState.DONE]
    assert await use_case.answer_stored(acknowledged.id) is None


async def test_a_query_that_cannot_be_answered_terminates_with_the_reason() -> None:
    queries = Queries()
    use_case = searches(queries)
    broken = SearchCriteria(party_id="c", channel="web", category_id="nope")
    acknowledged = await use_case.acknowledge(broken)
    failed = await use_case.answer_stored(acknowledged.id)
    assert failed is not None
    assert failed.state is CheckState.TERMINATED_WITH_ERROR
    assert "nope" in failed.error


async def test_queries_are_listed_described_and_deleted() -> None:
    clock = Clock()
    use_case = searches(Queries(), clock)
    first = await use_case.search(CRITERIA)
    clock.advance(timedelta(minutes=1))
    second = await use_case.search(SearchCriteria(party_id="cust-2", channel="web"))
    page = await use_case.list(CheckFilter(), PageRequest())
    assert [q.id for q in page.items] == [second.id, first.id]
    assert (await use_case.list(CheckFilter(party_id="cust-1"), PageRequest())).total == 1
    updated = await use_case.update(first.id, frozenset({"description"}), "kept")
    assert updated.description == "kept"
    assert updated.offerings == first.offerings
    with pytest.raises(FieldNotUpdatable):
        await use_case.update(first.id, frozenset({"offerings"}), "x")
    await use_case.delete(first.id)
    with pytest.raises(EligibilityQueryNotFound) as missing:
        await use_case.get(first.id)
    assert missing.value.reason == "ELIGIBILITY_QUERY_NOT_FOUND"
    with pytest.raises(EligibilityQueryNotFound):
        await use_case.delete(first.id)
