"""Read-only queries of the ordering tables, outside any unit of work: listing orders and
cancellations with filters and paging, and reading the outbox after a cursor."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Generic, TypeVar

from sqlalchemy import ColumnElement, Select, UnaryExpression, func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.ordering.cancellation import Cancellation
from domain.ordering.events import OrderEvent, OrderEventType
from domain.ordering.model import ProductOrder
from domain.shared.conditions import AttributeCondition
from ordercapture.ordering.v1 import cancellation_pb2, order_pb2
from servers.persistence.attribute_conditions import conditions_sql
from servers.persistence.ordering_documents import cancellation_from, event_parts, order_from
from servers.persistence.ordering_rows import (
    CancellationRow,
    OrderEventRow,
    OrderExternalIdRow,
    OrderRow,
)

SORTABLE = {
    "create_time": OrderRow.create_time,
    "update_time": OrderRow.update_time,
    "state": OrderRow.state,
    "id": OrderRow.id,
}


@dataclass(frozen=True, slots=True, kw_only=True)
class OrderFilter:
    states: tuple[str, ...] = ()
    customer_ids: tuple[str, ...] = ()
    external_ids: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    created_after: datetime | None = None
    created_before: datetime | None = None
    # On any attribute of the order as ProductOrderingService returns it.
    conditions: tuple[AttributeCondition, ...] = ()
    # (column name of SORTABLE, descending); the id always breaks ties.
    order_by: tuple[tuple[str, bool], ...] = ()


T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    items: tuple[T, ...]
    total: int


@dataclass(frozen=True, slots=True)
class SequencedEvent:
    sequence: int
    event: OrderEvent


class OrderingQueries:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions
        self._dialect: str = sessions.kw["bind"].dialect.name

    async def orders(self, query: OrderFilter, size: int, skip: int) -> Page[ProductOrder]:
        conditions = _order_conditions(query)
        conditions += conditions_sql(
            query.conditions, order_pb2.ProductOrder.DESCRIPTOR, OrderRow.search, self._dialect
        )
        ordering: list[UnaryExpression[object]] = [
            SORTABLE[name].desc() if descending else SORTABLE[name].asc()
            for name, descending in query.order_by
        ]
        ordering.append(OrderRow.id.asc())  # type: ignore[arg-type]
        statement = select(OrderRow.id).where(*conditions).order_by(*ordering)
        return await self._page(
            OrderRow,
            statement,
            conditions,
            size,
            skip,
            order_from,
            searched=bool(query.conditions),
        )

    async def cancellations(
        self,
        order_id: str,
        states: Sequence[str],
        size: int,
        skip: int,
        matching: Sequence[AttributeCondition] = (),
    ) -> Page[Cancellation]:
        conditions = conditions_sql(
            matching,
            cancellation_pb2.CancellationRequest.DESCRIPTOR,
            CancellationRow.search,
            self._dialect,
        )
        if order_id:
            conditions.append(CancellationRow.order_id == order_id)
        if states:
            conditions.append(CancellationRow.state.in_(states))
        statement = (
            select(CancellationRow.id)
            .where(*conditions)
            .order_by(CancellationRow.create_time, CancellationRow.id)
        )
        return await self._page(
            CancellationRow,
            statement,
            conditions,
            size,
            skip,
            cancellation_from,
            searched=bool(matching),
        )

    async def events_after(
        self, sequence: int, types: frozenset[OrderEventType], limit: int
    ) -> list[SequencedEvent]:
        statement = (
            select(OrderEventRow)
            .where(OrderEventRow.sequence > sequence)
            .order_by(OrderEventRow.sequence)
            .limit(limit)
        )
        if types:
            statement = statement.where(OrderEventRow.type.in_([t.value for t in types]))
        async with self._sessions() as session:
            rows = (await session.scalars(statement)).all()
        return [_sequenced(row) for row in rows]

    async def _page(
        self,
        row_type: type[OrderRow] | type[CancellationRow],
        ids: Select[str],
        conditions: Sequence[ColumnElement[bool]],
        size: int,
        skip: int,
        decode: Callable[[str], T],
        *,
        searched: bool,
    ) -> Page[T]:
        """Pages by id alone, then reads the page's documents: skipping 50,000 rows steps over
        ids, never documents. When attribute conditions read search documents, every matching
        row is expensive to find, so the count comes from the same pass (a window), unless the
        page is past the end; otherwise a separate count is cheaper (an index answers it)."""
        counted = select(func.count()).select_from(row_type).where(*conditions)
        async with self._sessions() as session:
            if searched:
                windowed = ids.add_columns(func.count().over()).limit(size).offset(skip)
                rows = (await session.execute(windowed)).all()
                page = [row_id for row_id, _ in rows]
                total = rows[0][1] if rows else await session.scalar(counted)
            else:
                total = await session.scalar(counted)
                page = list((await session.scalars(ids.limit(size).offset(skip))).all())
            found = await session.execute(
                select(row_type.id, row_type.document).where(row_type.id.in_(page))
            )
            documents: dict[str, str] = dict(found.all())
        return Page(tuple(decode(documents[i]) for i in page if i in documents), total or 0)


def _order_conditions(query: OrderFilter) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if query.states:
        conditions.append(OrderRow.state.in_(query.states))
    if query.customer_ids:
        conditions.append(OrderRow.customer_id.in_(query.customer_ids))
    if query.channels:
        conditions.append(OrderRow.channel.in_(query.channels))
    if query.external_ids:
        owned = select(OrderExternalIdRow.order_id).where(
            OrderExternalIdRow.external_id.in_(query.external_ids)
        )
        conditions.append(OrderRow.id.in_(owned))
    if query.created_after is not None:
        conditions.append(OrderRow.create_time >= query.created_after)
    if query.created_before is not None:
        conditions.append(OrderRow.create_time <= query.created_before)
    return conditions


def _sequenced(row: OrderEventRow) -> SequencedEvent:
    order, cancellation = event_parts(row.payload)
    event = OrderEvent(
        id=row.id,
        type=OrderEventType(row.type),
        time=row.time,
        correlation_id=row.correlation_id,
        order=order,
        cancellation=cancellation,
    )
    return SequencedEvent(row.sequence, event)
