"""The NATS event sink: publishes every event of the gRPC tier to JetStream, as TMF events.

One follower per source (catalog, qualification, feasibility, ordering) watches the tier's
EventStreamService after its cursor, renders each event as the TMF event of that source's API
(TMF620, TMF679 and TMF622 v5, TMF645 v4: the envelope a hub listener receives) and publishes
it to `<prefix>.<EventType>`, e.g. `ordercapture.events.ProductOrderStateChangeEvent`, with the
headers `Nats-Msg-Id` (the event id: JetStream stores a redelivery once), `Ordercapture-Source`,
`Ordercapture-Sequence` and `Ordercapture-Audience`. Events the API publishes nothing for are
skipped.

The cursor (last event handled: its sequence and id) is kept per source in a JetStream
key-value bucket, written after the stream acknowledged the publish: a sink that dies in
between publishes that event again on restart, and the stream's duplicate window drops it. On
start the cursor is trusted only when the tier's log still holds its event (another database
numbers from 1 again); otherwise the sink starts from the beginning. A failure of the tier, of
NATS or of one event never ends the sink: an event that cannot be rendered or is too large is
logged and skipped, anything else is retried with backoff from the cursor. Cancelling it stops
it cleanly (connection closed, channel closed)."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import AsyncIterator, Callable, Mapping
from dataclasses import dataclass, field

import grpc
from nats.errors import MaxPayloadError

from ordercapture.notification.v1 import event_pb2, event_stream_service_pb2_grpc
from ordercapture.notification.v1 import event_stream_service_pb2 as es
from rest_facade.notification import audiences
from rest_facade.notification.audiences import Audience
from rest_facade.notification.envelopes import RenderedEvent, render
from rest_facade.notification.nats_jetstream import Cursor, JetStreamNames, JetStreamTarget, connect

logger = logging.getLogger("nats_sink")

# Source name (its cursor key and Ordercapture-Source header) -> the audience rendering it.
SOURCES: Mapping[str, Audience] = {
    "catalog": audiences.CATALOG,
    "qualification": audiences.QUALIFICATION,
    "feasibility": audiences.FEASIBILITY,
    "ordering": audiences.ORDERING,
}
CLIENT_ID = "nats-event-sink"
# grpc's own reconnect backoff grows to 120 s; a sink following a restart wants less.
CHANNEL_OPTIONS = (
    ("grpc.initial_reconnect_backoff_ms", 250),
    ("grpc.min_reconnect_backoff_ms", 250),
    ("grpc.max_reconnect_backoff_ms", 5000),
)

Renderer = Callable[[event_pb2.Event, str, str], RenderedEvent | None]


@dataclass(frozen=True, slots=True, kw_only=True)
class NatsSinkOptions:
    names: JetStreamNames = field(default_factory=JetStreamNames)
    # Base URL of the public TMF APIs, for the href of resources in events.
    public_base_url: str = "http://127.0.0.1:8080"
    # How long a publish (or cursor update) may wait for JetStream's answer.
    timeout_seconds: float = 5.0
    # Wait after a failure: doubling from the first to the most.
    first_retry_seconds: float = 0.5
    most_retry_seconds: float = 30.0


class NatsSink:
    def __init__(
        self,
        channel: grpc.aio.Channel,
        target: JetStreamTarget,
        options: NatsSinkOptions,
        renderer: Renderer = render,
    ) -> None:
        self._events = event_stream_service_pb2_grpc.EventStreamServiceStub(channel)
        self._target = target
        self._options = options
        self._render = renderer

    async def run(self) -> None:
        """Until cancelled: every source followed at once."""
        async with asyncio.TaskGroup() as group:
            for source, audience in SOURCES.items():
                group.create_task(self._follow(source, audience), name=f"nats-sink-{source}")

    async def _follow(self, source: str, audience: Audience) -> None:
        wait = self._options.first_retry_seconds
        cursor: int | None = None  # read from the bucket once, then kept here
        while True:
            try:
                await self._target.prepare()
                if cursor is None:
                    cursor = await self._resumable(source, audience)
                    logger.info("%s: publishing the events after %d", source, cursor)
                request = es.WatchEventsRequest(source=audience.source, after_sequence=cursor)
                call = self._events.WatchEvents(request, metadata=(("x-client-id", CLIENT_ID),))
                try:
                    async for response in call:
                        if response.event.sequence <= cursor:
                            continue  # delivered again (at least once): already handled
                        await self._publish(source, audience, response.event)
                        cursor = response.event.sequence
                        await self._target.save_cursor(source, Cursor(cursor, response.event.id))
                        wait = self._options.first_retry_seconds
                finally:
                    call.cancel()
                reason = "the event stream ended"
            except grpc.aio.AioRpcError as error:
                reason = f"gRPC {error.code().name}: {error.details()}"
            except Exception as error:  # NATS away, a timeout, a bug: waited out, never fatal
                reason = f"{type(error).__name__}: {error}"
            after = "its stored cursor" if cursor is None else f"event {cursor}"
            logger.warning("%s: %s; resuming after %s in %g s", source, reason, after, wait)
            await asyncio.sleep(wait)
            wait = min(wait * 2, self._options.most_retry_seconds)

    async def _resumable(self, source: str, audience: Audience) -> int:
        """The stored cursor when the tier's log still holds its event; else 0. A cursor taken
        from another database (a new one numbers from 1 again) would skip its events; from 0
        they are all published, and Nats-Msg-Id drops those the stream already holds."""
        stored = await self._target.cursor(source)
        if stored.sequence == 0 or await self._holds(audience, stored):
            return stored.sequence
        logger.warning(
            "%s: the stored cursor (event %d, %s) is not in this tier's log; publishing from "
            "the beginning",
            source,
            stored.sequence,
            stored.event_id,
        )
        return 0

    async def _holds(self, audience: Audience, cursor: Cursor) -> bool:
        request = es.WatchEventsRequest(source=audience.source, after_sequence=cursor.sequence - 1)
        call = self._events.WatchEvents(request, metadata=(("x-client-id", CLIENT_ID),))
        try:
            # An event in the log comes back at once; an empty wait means it is not there.
            async with asyncio.timeout(self._options.timeout_seconds):
                async for response in call:
                    found = response.event
                    return found.sequence == cursor.sequence and found.id == cursor.event_id
        except TimeoutError:
            return False
        finally:
            call.cancel()
        return False

    async def _publish(self, source: str, audience: Audience, event: event_pb2.Event) -> None:
        """Publishes one event, or skips it (nothing to publish, or it cannot be); raises only
        for failures worth retrying."""
        try:
            rendered = self._render(event, audience.name, self._options.public_base_url)
            if rendered is None:
                return
            payload = json.dumps(rendered.body, separators=(",", ":")).encode()
        except Exception:
            logger.exception(
                "%s: event %d (%s) cannot be rendered; skipped", source, event.sequence, event.id
            )
            return
        headers = {
            "Nats-Msg-Id": event.id,
            "Content-Type": "application/json",
            "Ordercapture-Source": source,
            "Ordercapture-Sequence": str(event.sequence),
            "Ordercapture-Audience": audience.name,
        }
        try:
            stored = await self._target.publish(rendered.event_type, payload, headers)
        except MaxPayloadError:
            logger.error(
                "%s: event %d (%s) is larger than NATS accepts (%d bytes); skipped",
                source,
                event.sequence,
                event.id,
                len(payload),
            )
            return
        if not stored:
            logger.info("%s: event %d was published already", source, event.sequence)


async def publish_events(
    grpc_target: str,
    nats_url: str,
    options: NatsSinkOptions | None = None,
    renderer: Renderer = render,
) -> None:
    """Runs the sink against the gRPC tier at `grpc_target` and NATS at `nats_url` until
    cancelled; waits for either when it is not up yet."""
    options = options or NatsSinkOptions()
    async with grpc.aio.insecure_channel(grpc_target, options=CHANNEL_OPTIONS) as channel:
        client = await connect(nats_url)
        try:
            target = JetStreamTarget(client, options.names, options.timeout_seconds)
            await NatsSink(channel, target, options, renderer).run()
        finally:
            await client.close()


@contextlib.asynccontextmanager
async def running_nats_sink(
    grpc_target: str,
    nats_url: str,
    options: NatsSinkOptions | None = None,
    renderer: Renderer = render,
) -> AsyncIterator[asyncio.Task[None]]:
    """The sink as a task for the duration of the block; stopped (cancelled) on leaving it."""
    task = asyncio.create_task(
        publish_events(grpc_target, nats_url, options, renderer), name="nats-sink"
    )
    try:
        yield task
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
