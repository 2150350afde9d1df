"""Stored availability queries: what the network offers at a place, kept like checks (answered
now or in the background, listed, described, deleted, with an expiry)."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from domain.feasibility.availability import PlaceServices
from domain.feasibility.checks import CheckState, Place
from domain.feasibility.errors import (
    AvailabilityQueryNotFound,
    FieldNotUpdatable,
    InvalidAvailabilityQuery,
)
from domain.feasibility.paging import Page, PageRequest
from domain.feasibility.ports import Clock, IdGenerator, UnitOfWorkFactory
from domain.feasibility.services import (
    DEFAULT_CHECK_LIFETIME,
    JUDGING_FAILED,
    UPDATABLE_FIELDS,
    FeasibilityChecking,
)
from domain.shared.conditions import AttributeCondition
from domain.shared.errors import FieldViolation


@dataclass(frozen=True, slots=True, kw_only=True)
class AvailabilityQuery:
    id: str
    place: Place
    party_id: str = ""
    description: str = ""
    external_id: str = ""
    state: CheckState = CheckState.ACCEPTED
    answer: PlaceServices = dataclasses.field(default_factory=lambda: PlaceServices(address=None))
    error: str = ""
    create_time: datetime | None = None
    judge_time: datetime | None = None
    expire_time: datetime | None = None
    # Attributes a channel sent that the product keeps without interpreting them: a JSON object
    # (canonical text, sorted keys), never read by any rule.
    extension: str = "{}"


class AvailabilityQuerying:
    def __init__(
        self,
        *,
        uow: UnitOfWorkFactory,
        checking: FeasibilityChecking,
        clock: Clock,
        ids: IdGenerator,
        lifetime: timedelta = DEFAULT_CHECK_LIFETIME,
    ) -> None:
        self._uow = uow
        self._checking = checking
        self._clock = clock
        self._ids = ids
        self._lifetime = lifetime

    async def create(
        self,
        place: Place,
        *,
        party_id: str = "",
        description: str = "",
        external_id: str = "",
        asynchronous: bool = False,
        extension: str = "{}",
    ) -> AvailabilityQuery:
        """Answered and stored; with `asynchronous`, stored ACCEPTED for answer_accepted()."""
        if not place.address_id and place.address is None:
            raise InvalidAvailabilityQuery(
                "the query needs a place",
                violations=(FieldViolation("place", "an address id or an address"),),
            )
        query = AvailabilityQuery(
            id=self._ids.new_id(),
            place=place,
            party_id=party_id,
            description=description,
            external_id=external_id,
            extension=extension,
            create_time=self._clock.now(),
        )
        if asynchronous:
            async with self._uow() as uow:
                await uow.queries.add(query)
                await uow.commit()
            return query
        answered = await self._answered(query)
        async with self._uow() as uow:
            await uow.queries.add(answered)
            await uow.commit()
        return answered

    async def answer_accepted(self, query_id: str) -> AvailabilityQuery:
        """ACCEPTED -> IN_PROGRESS -> DONE; a failure is stored as TERMINATED_WITH_ERROR and
        re-raised for the task runner to log."""
        async with self._uow() as uow:
            accepted = await uow.queries.get(query_id)
            if accepted is None or accepted.state is not CheckState.ACCEPTED:
                raise AvailabilityQueryNotFound(query_id)
            query = dataclasses.replace(accepted, state=CheckState.IN_PROGRESS)
            await uow.queries.replace(query)
            await uow.commit()
        try:
            answered = await self._answered(query)
        except Exception:
            answered = dataclasses.replace(
                query,
                state=CheckState.TERMINATED_WITH_ERROR,
                error=JUDGING_FAILED,
                judge_time=self._clock.now(),
            )
            await self._store_if_present(answered)
            raise
        await self._store_if_present(answered)
        return answered

    async def get(self, query_id: str) -> AvailabilityQuery:
        async with self._uow() as uow:
            query = await uow.queries.get(query_id)
        if query is None:
            raise AvailabilityQueryNotFound(query_id)
        return query

    async def list(
        self,
        states: Sequence[CheckState],
        page: PageRequest,
        conditions: Sequence[AttributeCondition] = (),
    ) -> Page[AvailabilityQuery]:
        async with self._uow() as uow:
            return await uow.queries.list(states, page, conditions)

    async def update(
        self,
        query_id: str,
        description: str,
        external_id: str,
        fields: Sequence[str],
        extension: str = "{}",
    ) -> AvailabilityQuery:
        """`fields` as the update mask names them; empty means every updatable field."""
        refused = [
            FieldViolation(f"update_mask.paths[{i}]", f"{f!r} is fixed")
            for i, f in enumerate(fields)
            if f not in UPDATABLE_FIELDS
        ]
        if refused:
            raise FieldNotUpdatable(
                "only description, external_id and extension can be changed",
                violations=tuple(refused),
            )
        changing = set(fields) or UPDATABLE_FIELDS
        async with self._uow() as uow:
            query = await uow.queries.get(query_id)
            if query is None:
                raise AvailabilityQueryNotFound(query_id)
            updated = dataclasses.replace(
                query,
                description=description if "description" in changing else query.description,
                external_id=external_id if "external_id" in changing else query.external_id,
                extension=extension if "extension" in changing else query.extension,
            )
            await uow.queries.replace(updated)
            await uow.commit()
        return updated

    async def delete(self, query_id: str) -> None:
        async with self._uow() as uow:
            if not await uow.queries.remove(query_id):
                raise AvailabilityQueryNotFound(query_id)
            await uow.commit()

    async def _answered(self, query: AvailabilityQuery) -> AvailabilityQuery:
        answer = await self._checking.find_available_services(query.place)
        now = self._clock.now()
        return dataclasses.replace(
            query,
            state=CheckState.DONE,
            answer=answer,
            judge_time=now,
            expire_time=now + self._lifetime,
        )

    async def _store_if_present(self, query: AvailabilityQuery) -> None:
        async with self._uow() as uow:
            if await uow.queries.get(query.id) is not None:  # deleted meanwhile: stays deleted
                await uow.queries.replace(query)
                await uow.commit()
