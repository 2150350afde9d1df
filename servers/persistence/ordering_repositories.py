"""The ordering stores of one unit of work (one session): orders with their external ids,
cancellation requests and the event outbox."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from google.protobuf.message import Message
from sqlalchemy import delete, text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.exc import StaleDataError

from domain.ordering.cancellation import Cancellation
from domain.ordering.errors import OrderChangedConcurrently
from domain.ordering.events import OrderEvent
from domain.ordering.model import ProductOrder
from servers.persistence.ordering_documents import (
    cancellation_document,
    cancellation_from,
    event_payload,
    order_document,
    order_from,
)
from servers.persistence.ordering_rows import (
    CancellationRow,
    OrderEventRow,
    OrderExternalIdRow,
    OrderRow,
)
from servers.persistence.search_documents import search_document


@dataclass(frozen=True, slots=True)
class OrderingSearch:
    """The gRPC messages orders and cancellations are searched as (servers/ordering/search.py)."""

    order: Callable[[ProductOrder], Message]
    cancellation: Callable[[Cancellation], Message]

    def of_order(self, order: ProductOrder) -> dict[str, Any]:
        return search_document(self.order(order))

    def of_cancellation(self, cancellation: Cancellation) -> dict[str, Any]:
        return search_document(self.cancellation(cancellation))


class SqlOrders:
    def __init__(self, session: AsyncSession, search: OrderingSearch) -> None:
        self._session = session
        self._search = search
        # The rows `get` read, held so `replace` checks the version the caller decided on (the
        # session's identity map holds rows only weakly and would read the newest again).
        self._read: dict[str, OrderRow] = {}

    async def add(self, order: ProductOrder) -> None:
        self._session.add(OrderRow(id=order.id, **self._columns(order)))
        self._add_external_ids(order)
        await self._session.flush()

    async def get(self, order_id: str) -> ProductOrder | None:
        row = await self._session.get(OrderRow, order_id)
        if row is None:
            return None
        self._read[order_id] = row
        return order_from(row.document)

    async def replace(self, order: ProductOrder) -> None:
        """Writes the order read by `get` in this unit of work; refused when another unit of
        work changed it since (the row's version no longer matches)."""
        row = self._read.get(order.id) or await self._session.get(OrderRow, order.id)
        if row is None:
            await self.add(order)
            return
        for name, value in self._columns(order).items():
            setattr(row, name, value)
        try:
            await self._session.flush()
        except StaleDataError as stale:
            raise OrderChangedConcurrently(order.id) from stale
        await self._remove_external_ids(order.id)
        self._add_external_ids(order)
        await self._session.flush()

    async def remove(self, order_id: str) -> None:
        await self._remove_external_ids(order_id)
        await self._session.execute(delete(OrderRow).where(OrderRow.id == order_id))

    def _columns(self, order: ProductOrder) -> dict[str, object]:
        return order_columns(order, self._search)

    def _add_external_ids(self, order: ProductOrder) -> None:
        for external_id in dict.fromkeys(e.id for e in order.content.external_ids if e.id):
            self._session.add(OrderExternalIdRow(order_id=order.id, external_id=external_id))

    async def _remove_external_ids(self, order_id: str) -> None:
        await self._session.execute(
            delete(OrderExternalIdRow).where(OrderExternalIdRow.order_id == order_id)
        )


class SqlCancellations:
    def __init__(self, session: AsyncSession, search: OrderingSearch) -> None:
        self._session = session
        self._search = search

    async def add(self, cancellation: Cancellation) -> None:
        self._session.add(
            CancellationRow(
                id=cancellation.id,
                order_id=cancellation.order_id,
                state=cancellation.state.value,
                create_time=cancellation.create_time,
                document=cancellation_document(cancellation),
                search=self._search.of_cancellation(cancellation),
            )
        )
        await self._session.flush()

    async def get(self, cancellation_id: str) -> Cancellation | None:
        row = await self._session.get(CancellationRow, cancellation_id)
        return None if row is None else cancellation_from(row.document)

    async def replace(self, cancellation: Cancellation) -> None:
        row = await self._session.get(CancellationRow, cancellation.id)
        if row is None:
            await self.add(cancellation)
            return
        row.state = cancellation.state.value
        row.document = cancellation_document(cancellation)
        row.search = self._search.of_cancellation(cancellation)
        await self._session.flush()


class SqlOutbox:
    """Appends events to the change's transaction. On PostgreSQL the table is locked for
    writers until commit, so sequence numbers are also commit order and a watcher that has
    read up to N never later finds an event below N appear (SQLite has one writer anyway)."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def append(self, events: Sequence[OrderEvent]) -> None:
        if not events:
            return
        connection = await self._session.connection()
        if connection.dialect.name == "postgresql":
            await self._session.execute(text("LOCK TABLE ordering_events IN EXCLUSIVE MODE"))
        for event in events:
            self._session.add(
                OrderEventRow(
                    id=event.id,
                    type=event.type.value,
                    time=event.time,
                    correlation_id=event.correlation_id,
                    order_id=event.order.id,
                    payload=event_payload(event.order, event.cancellation),
                )
            )
            await self._session.flush()  # one at a time: sequence follows list order


def order_columns(order: ProductOrder, search: OrderingSearch) -> dict[str, object]:
    """The order table's columns for an order, its key aside (also how the filter benchmark
    writes its orders)."""
    return {
        "state": order.state.value,
        "customer_id": order.content.customer_id,
        "channel": order.content.channel,
        "create_time": order.create_time,
        "update_time": order.update_time,
        "correlation_id": order.correlation_id,
        "document": order_document(order),
        "search": search.of_order(order),
    }
