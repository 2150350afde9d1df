"""The shared event outbox of the catalog, qualification and feasibility contexts: a change
and the events that report it are written in one transaction, so an event exists if and only
if its change was stored. The relay and the event stream read it back in sequence order.

Repositories call `created`, `changed` and `deleted` with domain objects; a `Published`
describes how one kind of resource becomes an event (its message and its state), and is
supplied by the context's wiring, which owns the domain-to-proto mapping."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Generic, TypeVar

from google.protobuf import any_pb2
from google.protobuf.message import Message
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from ordercapture.notification.v1 import event_pb2
from servers.correlation import current_correlation_id, new_correlation_id
from servers.persistence.notification_rows import OutboxEventRow

E = TypeVar("E")


@dataclass(frozen=True, slots=True)
class Published(Generic[E]):
    """How one kind of resource appears in events: its gRPC message, its id, and its state
    (lifecycle status, task state): a change of state is a state change event, any other
    change an attribute change event."""

    message: Callable[[E], Message]
    identity: Callable[[E], str]
    state: Callable[[E], str]
    # Further fields of the message that only ever change along with the state (an import
    # job's outcome: its error log, record count and completion time): left out of the
    # attribute comparison, so finishing a job is one state change event, not two events.
    state_fields: tuple[str, ...] = ()


def source_name(source: event_pb2.EventSource.ValueType) -> str:
    """How a source is spelt in the outbox's `source` column."""
    return event_pb2.EventSource.Name(source)


class SqlEventOutbox:
    """Appends one source's events to the session's transaction. On PostgreSQL the table is
    locked for writers until commit, so sequence numbers are also commit order: a reader that
    has read up to N never later finds an event below N appear."""

    def __init__(self, session: AsyncSession, source: event_pb2.EventSource.ValueType) -> None:
        self._session = session
        self._source = source_name(source)
        # Outside a call (seeding, a tool), the events of one transaction share one new id.
        self._own_correlation_id: str | None = None
        # The table lock lasts until commit: taken once per transaction, not per event.
        self._locked = False

    async def created(self, published: Published[E], entity: E) -> None:
        await self._append(event_pb2.CHANGE_KIND_CREATED, published, entity)

    async def changed(self, published: Published[E], before: E, after: E) -> None:
        """A state change event when the state changed, an attribute change event when
        anything else changed; both when both did, none when nothing did."""
        if published.state(before) != published.state(after):
            await self._append(event_pb2.CHANGE_KIND_STATE_CHANGED, published, after)
        if _without_state(published, before) != _without_state(published, after):
            await self._append(event_pb2.CHANGE_KIND_ATTRIBUTES_CHANGED, published, after)

    async def deleted(self, published: Published[E], entity: E) -> None:
        """`entity` as it was before the deletion."""
        await self._append(event_pb2.CHANGE_KIND_DELETED, published, entity)

    async def _append(
        self, kind: event_pb2.ChangeKind.ValueType, published: Published[E], entity: E
    ) -> None:
        if not self._locked:
            await self._lock()
        payload = any_pb2.Any()
        payload.Pack(published.message(entity))
        self._session.add(
            OutboxEventRow(
                id=str(uuid.uuid4()),
                source=self._source,
                kind=event_pb2.ChangeKind.Name(kind),
                time=datetime.now(UTC),
                correlation_id=self._correlation_id(),
                resource_id=published.identity(entity),
                payload=payload.SerializeToString(deterministic=True),
            )
        )
        # Not flushed here: the unit of work inserts a table's pending rows in the order they
        # were added (and gets their sequence numbers back in that order), so the sequence
        # follows call order all the same, and a bulk import's thousands of events go out in
        # a few batched statements instead of a round trip each.

    async def _lock(self) -> None:
        connection = await self._session.connection()
        if connection.dialect.name == "postgresql":
            # Without an autoflush: pending rows go in at commit on either backend, so a
            # duplicate is refused at the same point on both.
            with self._session.no_autoflush:
                await self._session.execute(text("LOCK TABLE outbox_events IN EXCLUSIVE MODE"))
        self._locked = True

    def _correlation_id(self) -> str:
        current = current_correlation_id()
        if current:
            return current
        if self._own_correlation_id is None:
            self._own_correlation_id = new_correlation_id()
        return self._own_correlation_id


# Fields that are the state, or change with every change (update times).
_STATE_FIELDS = ("state", "lifecycle_status", "update_time", "last_update")


def _without_state(published: Published[E], entity: E) -> bytes:
    """The message without what a state change (or any change) alters by itself: the state,
    the update times and the description's own `state_fields`. Two resources whose messages
    differ here differ in their attributes."""
    message = published.message(entity)
    for name in (*_STATE_FIELDS, *published.state_fields):
        if name in message.DESCRIPTOR.fields_by_name:
            message.ClearField(name)
    return message.SerializeToString(deterministic=True)
