"""Reading the shared event outbox back in tests: every event in sequence order, with its
resource unpackable into the message the test expects."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

from google.protobuf import any_pb2
from google.protobuf.message import Message
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from ordercapture.notification.v1 import event_pb2
from servers.persistence.database import create_engine
from servers.persistence.notification_rows import OutboxEventRow

M = TypeVar("M", bound=Message)

# As the outbox spells kinds and sources.
CREATED = event_pb2.ChangeKind.Name(event_pb2.CHANGE_KIND_CREATED)
ATTRIBUTES_CHANGED = event_pb2.ChangeKind.Name(event_pb2.CHANGE_KIND_ATTRIBUTES_CHANGED)
STATE_CHANGED = event_pb2.ChangeKind.Name(event_pb2.CHANGE_KIND_STATE_CHANGED)
DELETED = event_pb2.ChangeKind.Name(event_pb2.CHANGE_KIND_DELETED)
CATALOG = event_pb2.EventSource.Name(event_pb2.EVENT_SOURCE_CATALOG)
QUALIFICATION = event_pb2.EventSource.Name(event_pb2.EVENT_SOURCE_QUALIFICATION)
FEASIBILITY = event_pb2.EventSource.Name(event_pb2.EVENT_SOURCE_FEASIBILITY)


@dataclass(frozen=True)
class Recorded:
    sequence: int
    source: str
    kind: str
    resource_id: str
    correlation_id: str
    resource: any_pb2.Any

    def unpacked(self, message_type: type[M]) -> M:
        """The resource as `message_type`; fails when it holds another message."""
        assert self.resource.TypeName() == message_type.DESCRIPTOR.full_name
        message = message_type()
        assert self.resource.Unpack(message)
        return message


async def recorded_events(engine: AsyncEngine) -> list[Recorded]:
    """Every event of the outbox, in sequence order."""
    async with engine.connect() as connection:
        rows = (
            await connection.execute(select(OutboxEventRow).order_by(OutboxEventRow.sequence))
        ).all()
    found = [
        Recorded(
            row.sequence,
            row.source,
            row.kind,
            row.resource_id,
            row.correlation_id,
            any_pb2.Any.FromString(row.payload),
        )
        for row in rows
    ]
    sequences = [r.sequence for r in found]
    assert sequences == sorted(set(sequences))
    return found


async def recorded_events_at(url: str) -> list[Recorded]:
    """The same, for the database at `url`."""
    engine = create_engine(url)
    try:
        return await recorded_events(engine)
    finally:
        await engine.dispose()


async def events_of(url: str, source: str, package: str) -> list[Recorded]:
    """One source's events; asserts no other source's event holds a resource of `package`
    (e.g. "ordercapture.feasibility.")."""
    found = []
    for event in await recorded_events_at(url):
        if event.source != source:
            assert package not in event.resource.type_url
            continue
        found.append(event)
    return found
