"""Stored eligibility queries: search the offerings a customer may have (Qualification's
find_eligible_offerings), store criteria and answer with an expiry, answer acknowledged ones in
the background, list, describe and remove them."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

from domain.qualification.checks import CheckState
from domain.qualification.errors import EligibilityQueryNotFound
from domain.qualification.offering_queries import EligibilityQuery, SearchCriteria
from domain.qualification.paging import Page, PageRequest
from domain.qualification.ports import CheckFilter, Clock, EligibilityQueries, IdGenerator
from domain.qualification.services import (
    DEFAULT_CHECK_LIFETIME,
    UNEXPECTED_JUDGING_FAILURE,
    Qualification,
    changes,
    require_updatable,
)
from domain.shared.errors import DomainError


class EligibilitySearches:
    def __init__(
        self,
        *,
        qualification: Qualification,
        queries: EligibilityQueries,
        clock: Clock,
        ids: IdGenerator,
        lifetime: timedelta = DEFAULT_CHECK_LIFETIME,
    ) -> None:
        self._qualification = qualification
        self._queries = queries
        self._clock = clock
        self._ids = ids
        self._lifetime = lifetime

    async def search(
        self, criteria: SearchCriteria, description: str = "", extension: str = "{}"
    ) -> EligibilityQuery:
        """Answers now and stores the query (done)."""
        query = await self._answered(self._acknowledged(criteria, description, extension))
        await self._queries.add(query)
        return query

    async def acknowledge(
        self, criteria: SearchCriteria, description: str = "", extension: str = "{}"
    ) -> EligibilityQuery:
        """Stores the query acknowledged, for answer_stored to answer later."""
        query = self._acknowledged(criteria, description, extension)
        await self._queries.add(query)
        return query

    async def answer_stored(self, query_id: str) -> EligibilityQuery | None:
        """Answers an acknowledged query: done, or terminated with error. None when the query
        is gone or no longer acknowledged."""
        query = await self._queries.get(query_id)
        if query is None or query.state is not CheckState.ACKNOWLEDGED:
            return None
        query = dataclasses.replace(query, state=CheckState.IN_PROGRESS)
        await self._queries.replace(query)
        try:
            final = await self._answered(query)
        except DomainError as problem:
            final = self._failed(query, problem.message)
        except Exception:
            await self._queries.replace(self._failed(query, UNEXPECTED_JUDGING_FAILURE))
            raise
        await self._queries.replace(final)
        return final

    async def get(self, query_id: str) -> EligibilityQuery:
        query = await self._queries.get(query_id)
        if query is None:
            raise EligibilityQueryNotFound(query_id)
        return query

    async def list(self, query: CheckFilter, page: PageRequest) -> Page[EligibilityQuery]:
        return await self._queries.list(query, page)

    async def update(
        self, query_id: str, fields: frozenset[str], description: str, extension: str = "{}"
    ) -> EligibilityQuery:
        require_updatable(fields, "query")
        found = await self.get(query_id)
        query = dataclasses.replace(
            found,
            description=description if changes(fields, "description") else found.description,
            extension=extension if changes(fields, "extension") else found.extension,
        )
        await self._queries.replace(query)
        return query

    async def delete(self, query_id: str) -> None:
        if not await self._queries.delete(query_id):
            raise EligibilityQueryNotFound(query_id)

    def _acknowledged(
        self, criteria: SearchCriteria, description: str, extension: str
    ) -> EligibilityQuery:
        now = self._clock.now()
        return EligibilityQuery(
            id=self._ids.new_id(),
            criteria=criteria,
            description=description,
            extension=extension,
            state=CheckState.ACKNOWLEDGED,
            create_time=now,
            expire_time=now + self._lifetime,
        )

    async def _answered(self, query: EligibilityQuery) -> EligibilityQuery:
        criteria = query.criteria
        found = await self._qualification.find_eligible_offerings(
            party_id=criteria.party_id,
            channel=criteria.channel,
            place=criteria.place,
            category_id=criteria.category_id,
            offering_ids=criteria.offering_ids,
            page_size=criteria.page_size,
        )
        now = self._clock.now()
        return dataclasses.replace(
            query,
            state=CheckState.DONE,
            offerings=found.offerings,
            customer_is_prospect=found.customer_is_prospect,
            judge_time=now,
            expire_time=now + self._lifetime,
        )

    def _failed(self, query: EligibilityQuery, error: str) -> EligibilityQuery:
        return dataclasses.replace(
            query,
            state=CheckState.TERMINATED_WITH_ERROR,
            error=error,
            judge_time=self._clock.now(),
        )
