"""What every SQL repository does the same way: load by id, batch by IN, add/replace/remove
through the session, and list with filtering, ordering, paging and counting in the database.
Given an outbox, add/replace/remove also record their events in the same transaction."""

from __future__ import annotations

import builtins
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import ClassVar, Generic, Protocol, TypeVar

from google.protobuf.descriptor import Descriptor
from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.util import identity_key

from domain.catalog.errors import EntityAlreadyExists
from domain.catalog.queries import MAX_PAGE_SIZE, Page, PageRequest
from domain.shared.conditions import AttributeCondition
from domain.shared.errors import DomainError
from servers.persistence.attribute_conditions import conditions_sql
from servers.persistence.base import SearchedRow
from servers.persistence.integrity_errors import translated_integrity_errors
from servers.persistence.outbox import Published, SqlEventOutbox
from servers.persistence.row_copy import copy_row
from servers.persistence.search_documents import search_document
from servers.persistence.sql_filters import Condition, SortColumns, order_by


class _Identified(Protocol):
    @property
    def id(self) -> str: ...


class _Conditioned(Protocol):
    """A list query: its typed filters, and conditions on any attribute of the listed message."""

    @property
    def conditions(self) -> tuple[AttributeCondition, ...]: ...


E = TypeVar("E", bound=_Identified)
F = TypeVar("F", bound=_Conditioned)
R = TypeVar("R", bound=SearchedRow)
T = TypeVar("T")

# Ids per IN list: far below every backend's bound-parameter limit.
_IN_BATCH = 500


@dataclass(frozen=True, slots=True)
class Recorded(Generic[T]):
    """Where a repository records the events of its changes, and how its entities appear in
    them. The outbox writes into the repository's session, so each event commits (or rolls
    back) with its change."""

    outbox: SqlEventOutbox
    published: Published[T]


class SqlRepository(ABC, Generic[E, F, R]):
    """Each row carries its entity's search document (the entity's gRPC message, written with
    every insert and update), which a list query's attribute conditions are evaluated against:
    `listed` is that message's descriptor."""

    listed: ClassVar[Descriptor]

    def __init__(
        self,
        session: AsyncSession,
        row_type: type[R],
        not_found: Callable[[str], DomainError],
        recorded: Recorded[E] | None = None,
    ) -> None:
        """Without `recorded`, changes record no events."""
        self._session = session
        self._row_type = row_type
        self._not_found = not_found
        self._recorded = recorded

    @abstractmethod
    def _to_row(self, entity: E) -> R: ...

    @abstractmethod
    def _to_domain(self, row: R) -> E: ...

    @abstractmethod
    def _conditions(self, query: F) -> Sequence[Condition]: ...

    @abstractmethod
    def _sort_columns(self) -> SortColumns: ...

    async def get(self, entity_id: str) -> E | None:
        row = await self._row(entity_id)
        return None if row is None else self._to_domain(row)

    async def get_many(self, entity_ids: Iterable[str]) -> dict[str, E]:
        found: dict[str, E] = {}
        for batch in _batches(entity_ids):
            rows = await self._all(select(self._row_type).where(self._row_type.id.in_(batch)))
            found.update((row.id, self._to_domain(row)) for row in rows)
        return found

    async def existing_ids(self, entity_ids: Iterable[str]) -> set[str]:
        found: set[str] = set()
        for batch in _batches(entity_ids):
            row_id = self._row_type.id
            found.update(await self._all(select(row_id).where(row_id.in_(batch))))
        return found

    async def add(self, entity: E) -> None:
        # A row this session holds (changed, say) would make the flush warn about conflicting
        # identities before the insert fails: refuse it now. Other duplicates fail on the
        # primary key when the insert is flushed.
        loaded = self._session.identity_map.get(identity_key(self._row_type, entity.id))
        if loaded is not None and loaded not in self._session.deleted:
            raise EntityAlreadyExists(
                f"entity {entity.id!r} already exists", metadata={"id": entity.id}
            )
        self._session.add(self._searched_row(entity))
        if self._recorded is not None:
            await self._recorded.outbox.created(self._recorded.published, entity)

    async def replace(self, entity: E) -> None:
        row = await self._row(entity.id)
        if row is None:
            raise self._not_found(entity.id)
        recorded = self._recorded
        before = None if recorded is None else self._to_domain(row)
        copy_row(row, self._searched_row(entity))
        if recorded is not None and before is not None:
            await recorded.outbox.changed(recorded.published, before, entity)

    async def remove(self, entity_id: str) -> None:
        """Removing an id that does not exist does nothing (and records nothing). The event
        carries the entity as it was before."""
        row = await self._row(entity_id)
        if row is None:
            return
        recorded = self._recorded
        before = None if recorded is None else self._to_domain(row)
        await self._session.delete(row)
        if recorded is not None and before is not None:
            await recorded.outbox.deleted(recorded.published, before)

    async def list(self, query: F, page: PageRequest) -> Page[E]:
        dialect = self._session.get_bind().dialect.name
        searched = conditions_sql(query.conditions, self.listed, self._row_type.search, dialect)
        conditions = [*self._conditions(query), *searched]
        size = max(0, min(page.size, MAX_PAGE_SIZE))
        skip = max(0, page.skip)
        ordering = order_by(page.order_by, self._sort_columns(), self._row_type.id)
        statement = select(self._row_type).where(*conditions).order_by(*ordering)
        rows = await self._all(statement.offset(skip).limit(size))
        # A short, non-empty page (or a short first page) is the end: its rows give the total.
        if len(rows) < size and (rows or skip == 0):
            total = skip + len(rows)
        else:
            count = select(func.count()).select_from(self._row_type).where(*conditions)
            total = (await self._all(count))[0]
        return Page(items=tuple(self._to_domain(row) for row in rows), total=total)

    def _searched_row(self, entity: E) -> R:
        """The entity's row with its search document. Without `recorded` (no message to write
        one from) the document is left empty, and the server fills it when it next starts."""
        row = self._to_row(entity)
        if self._recorded is not None:
            row.search = search_document(self._recorded.published.message(entity))
        return row

    async def _row(self, entity_id: str) -> R | None:
        rows = await self._all(select(self._row_type).where(self._row_type.id == entity_id))
        return rows[0] if rows else None

    async def _ids(self, statement: Select[str]) -> builtins.list[str]:
        return await self._all(statement)

    async def _all(self, statement: Select[T]) -> builtins.list[T]:
        # Queries autoflush pending writes first, which is where constraint violations surface.
        with translated_integrity_errors():
            return list((await self._session.scalars(statement)).all())


def _batches(ids: Iterable[str]) -> Iterator[list[str]]:
    unique = list(dict.fromkeys(ids))
    for start in range(0, len(unique), _IN_BATCH):
        yield unique[start : start + _IN_BATCH]
