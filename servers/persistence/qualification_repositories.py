"""The qualification repositories over SQLAlchemy. Each call is one short transaction of its own
(the qualification ports are atomic per call): reads open a session, writes commit before
returning. Lists filter, order, page and count in the database.

Stored checks and queries report each change to the shared event outbox (source
QUALIFICATION) in the transaction of the change, as the `Published` description handed in by
the wiring says (servers/qualification/events.py); without one they record no events (a
read-only use, as ordering's). Their rows carry a search document (the resource as its gRPC
message, search_documents.py), against which the lists' attribute conditions run in SQL.
Rules and profiles are reference data: no events."""

from __future__ import annotations

import builtins
from collections.abc import AsyncIterator, Callable, Iterable, Iterator, Sequence
from contextlib import asynccontextmanager
from typing import Any, Generic, TypeVar

from google.protobuf.descriptor import Descriptor
from google.protobuf.message import Message
from sqlalchemy import ColumnElement, delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.qualification.checks import EligibilityCheck
from domain.qualification.model import CustomerProfile
from domain.qualification.offering_queries import EligibilityQuery
from domain.qualification.paging import Page, PageRequest
from domain.qualification.ports import CheckFilter
from domain.qualification.rules import Rule
from ordercapture.notification.v1 import event_pb2
from ordercapture.qualification.v1 import check_pb2, query_pb2
from servers.persistence import qualification_mapping as mapping
from servers.persistence.attribute_conditions import conditions_sql
from servers.persistence.base import Base, SearchedRow
from servers.persistence.outbox import Published, SqlEventOutbox
from servers.persistence.qualification_rows import (
    CustomerProfileRow,
    EligibilityCheckRow,
    EligibilityQueryRow,
    EligibilityRuleRow,
)
from servers.persistence.search_documents import search_document

R = TypeVar("R", bound=Base)
T = TypeVar("T", bound=SearchedRow)
E = TypeVar("E")

# Keys per IN list: far below every backend's bound-parameter limit.
_IN_BATCH = 500


class _Sessions:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    @asynccontextmanager
    async def _reading(self) -> AsyncIterator[AsyncSession]:
        async with self._sessions() as session:
            yield session

    @asynccontextmanager
    async def _writing(self) -> AsyncIterator[AsyncSession]:
        """Commits when the block ends normally, rolls back otherwise."""
        async with self._sessions() as session, session.begin():
            yield session

    async def _upsert(self, rows: Sequence[R], key: Any) -> None:
        """Inserts new rows and replaces existing ones, in one transaction."""
        async with self._writing() as session:
            # Loading the existing rows in batches first saves merge() one SELECT per row.
            for batch in _batches([getattr(r, key.key) for r in rows]):
                await session.scalars(select(type(rows[0])).where(key.in_(batch)))
            for row in rows:
                await session.merge(row)

    async def _delete(self, key: Any, value: str) -> bool:
        async with self._writing() as session:
            result = await session.execute(delete(key.class_).where(key == value))
            return bool(getattr(result, "rowcount", 0))

    async def _page(
        self,
        row_type: type[R],
        conditions: Sequence[ColumnElement[bool]],
        ordering: Sequence[Any],
        page: PageRequest,
        to_domain: Callable[[R], E],
    ) -> Page[E]:
        async with self._reading() as session:
            statement = select(row_type).where(*conditions).order_by(*ordering)
            rows = (await session.scalars(statement.offset(page.skip).limit(page.size))).all()
            count = select(func.count()).select_from(row_type).where(*conditions)
            total = (await session.scalars(count)).one()
        return Page(items=tuple(to_domain(r) for r in rows), total=total)


class SqlEligibilityRules(_Sessions):
    async def for_offerings(self, offering_ids: Iterable[str]) -> builtins.list[Rule]:
        found: list[Rule] = []
        async with self._reading() as session:
            for batch in _batches(offering_ids):
                statement = (
                    select(EligibilityRuleRow)
                    .where(EligibilityRuleRow.offering_id.in_(batch))
                    .order_by(EligibilityRuleRow.id)
                )
                found.extend(mapping.rule_from_row(r) for r in await session.scalars(statement))
        return found

    async def upsert(self, rules: Sequence[Rule]) -> None:
        if rules:
            await self._upsert([mapping.rule_row(r) for r in rules], EligibilityRuleRow.id)

    async def list(self, offering_ids: tuple[str, ...], page: PageRequest) -> Page[Rule]:
        conditions = [EligibilityRuleRow.offering_id.in_(offering_ids)] if offering_ids else []
        return await self._page(
            EligibilityRuleRow, conditions, [EligibilityRuleRow.id], page, mapping.rule_from_row
        )

    async def delete(self, rule_id: str) -> bool:
        return await self._delete(EligibilityRuleRow.id, rule_id)


class SqlCustomerProfiles(_Sessions):
    async def get(self, party_id: str) -> CustomerProfile | None:
        async with self._reading() as session:
            row = await session.get(CustomerProfileRow, party_id)
            return None if row is None else mapping.profile_from_row(row)

    async def upsert(self, profiles: Sequence[CustomerProfile]) -> None:
        if profiles:
            rows = [mapping.profile_row(p) for p in profiles]
            await self._upsert(rows, CustomerProfileRow.party_id)

    async def list(self, segments: tuple[str, ...], page: PageRequest) -> Page[CustomerProfile]:
        conditions = [CustomerProfileRow.segment.in_(segments)] if segments else []
        ordering = [CustomerProfileRow.party_id]
        return await self._page(
            CustomerProfileRow, conditions, ordering, page, mapping.profile_from_row
        )

    async def delete(self, party_id: str) -> bool:
        return await self._delete(CustomerProfileRow.party_id, party_id)


class _Recorded(_Sessions, Generic[E, T]):
    """Stored tasks (checks, queries) of one row type: add, replace and delete each write the
    row and its event in one transaction. Every row written carries its search document (the
    resource as EligibilityService returns it: `published.message`, or `searched` for a
    repository that records no events), which the lists' attribute conditions read."""

    _row_type: type[T]
    _message_type: Descriptor  # the listed message, for attribute conditions

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        published: Published[E] | None = None,
        *,
        searched: Callable[[E], Message] | None = None,
    ) -> None:
        super().__init__(sessions)
        self._published = published
        self._searched = searched or (published.message if published is not None else None)
        self._dialect: str = sessions.kw["bind"].dialect.name

    def _to_row(self, entity: E) -> T:
        raise NotImplementedError

    def _from_row(self, row: T) -> E:
        raise NotImplementedError

    def _outbox(self, session: AsyncSession) -> SqlEventOutbox:
        return SqlEventOutbox(session, event_pb2.EVENT_SOURCE_QUALIFICATION)

    def _stored_row(self, entity: E) -> T:
        """The row with its search document (without a way to make one, a read-only use,
        it stays empty until the start-up fill)."""
        row = self._to_row(entity)
        if self._searched is not None:
            row.search = search_document(self._searched(entity))
        return row

    def _matching(self, query: CheckFilter) -> list[ColumnElement[bool]]:
        return conditions_sql(
            query.conditions, self._message_type, self._row_type.search, self._dialect
        )

    async def _add(self, entity: E) -> None:
        async with self._writing() as session:
            session.add(self._stored_row(entity))
            if self._published is not None:
                await session.flush()  # the row before its event
                await self._outbox(session).created(self._published, entity)

    async def _replace(self, entity: E, entity_id: str) -> None:
        """Changes a stored row; a row deleted meanwhile stays deleted (and no event)."""
        row = self._stored_row(entity)
        key = self._row_type.id
        values = {c.key: getattr(row, c.key) for c in self._row_type.__mapper__.column_attrs}
        if self._searched is None:
            del values["search"]  # left as stored (SQL NULL stays for the start-up fill)
        async with self._writing() as session:
            before = await self._current(session, entity_id)
            result = await session.execute(
                update(self._row_type).where(key == entity_id).values(**values)
            )
            changed = bool(getattr(result, "rowcount", 0))
            if changed and before is not None and self._published is not None:
                await self._outbox(session).changed(self._published, before, entity)

    async def _remove(self, entity_id: str) -> bool:
        key = self._row_type.id
        async with self._writing() as session:
            before = await self._current(session, entity_id)
            result = await session.execute(delete(self._row_type).where(key == entity_id))
            removed = bool(getattr(result, "rowcount", 0))
            if removed and before is not None and self._published is not None:
                await self._outbox(session).deleted(self._published, before)
            return removed

    async def _current(self, session: AsyncSession, entity_id: str) -> E | None:
        """As stored now (read only when events are recorded)."""
        if self._published is None:
            return None
        row = await session.get(self._row_type, entity_id, populate_existing=True)
        return None if row is None else self._from_row(row)


class SqlEligibilityChecks(_Recorded[EligibilityCheck, EligibilityCheckRow]):
    _row_type = EligibilityCheckRow
    _message_type = check_pb2.EligibilityCheck.DESCRIPTOR

    def _to_row(self, entity: EligibilityCheck) -> EligibilityCheckRow:
        return mapping.check_row(entity)

    def _from_row(self, row: EligibilityCheckRow) -> EligibilityCheck:
        return mapping.check_from_row(row)

    async def add(self, check: EligibilityCheck) -> None:
        await self._add(check)

    async def get(self, check_id: str) -> EligibilityCheck | None:
        async with self._reading() as session:
            row = await session.get(EligibilityCheckRow, check_id)
            return None if row is None else mapping.check_from_row(row)

    async def replace(self, check: EligibilityCheck) -> None:
        """Changes a stored check; a check deleted meanwhile stays deleted."""
        await self._replace(check, check.id)

    async def list(self, query: CheckFilter, page: PageRequest) -> Page[EligibilityCheck]:
        conditions = self._matching(query)
        if query.party_id:
            conditions.append(EligibilityCheckRow.party_id == query.party_id)
        if query.states:
            conditions.append(EligibilityCheckRow.state.in_([s.value for s in query.states]))
        # Newest first; the id breaks ties so pages never overlap.
        ordering = [EligibilityCheckRow.create_time.desc(), EligibilityCheckRow.id.desc()]
        return await self._page(
            EligibilityCheckRow, conditions, ordering, page, mapping.check_from_row
        )

    async def delete(self, check_id: str) -> bool:
        return await self._remove(check_id)


class SqlEligibilityQueries(_Recorded[EligibilityQuery, EligibilityQueryRow]):
    _row_type = EligibilityQueryRow
    _message_type = query_pb2.EligibilityQuery.DESCRIPTOR

    def _to_row(self, entity: EligibilityQuery) -> EligibilityQueryRow:
        return mapping.query_row(entity)

    def _from_row(self, row: EligibilityQueryRow) -> EligibilityQuery:
        return mapping.query_from_row(row)

    async def add(self, query: EligibilityQuery) -> None:
        await self._add(query)

    async def get(self, query_id: str) -> EligibilityQuery | None:
        async with self._reading() as session:
            row = await session.get(EligibilityQueryRow, query_id)
            return None if row is None else mapping.query_from_row(row)

    async def replace(self, query: EligibilityQuery) -> None:
        """Changes a stored query; a query deleted meanwhile stays deleted."""
        await self._replace(query, query.id)

    async def list(self, query: CheckFilter, page: PageRequest) -> Page[EligibilityQuery]:
        conditions = self._matching(query)
        if query.party_id:
            conditions.append(EligibilityQueryRow.party_id == query.party_id)
        if query.states:
            conditions.append(EligibilityQueryRow.state.in_([s.value for s in query.states]))
        ordering = [EligibilityQueryRow.create_time.desc(), EligibilityQueryRow.id.desc()]
        return await self._page(
            EligibilityQueryRow, conditions, ordering, page, mapping.query_from_row
        )

    async def delete(self, query_id: str) -> bool:
        return await self._remove(query_id)


def _batches(keys: Iterable[str]) -> Iterator[builtins.list[str]]:
    unique = list(dict.fromkeys(keys))
    for start in range(0, len(unique), _IN_BATCH):
        yield unique[start : start + _IN_BATCH]
