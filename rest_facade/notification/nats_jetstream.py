"""The JetStream side of the NATS event sink: the connection, the stream events are published
to, and the bucket of per-source cursors.

The connection reconnects by itself, forever, once made (nats-py's own loop); while it is down,
publishes time out and the sink backs off. The stream and the bucket are created when missing
and otherwise used as they are: an operator may change their limits (retention, replicas)."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from nats.aio.client import Client
from nats.js import JetStreamContext, api
from nats.js.errors import KeyNotFoundError, NotFoundError
from nats.js.kv import KeyValue

logger = logging.getLogger("nats_sink")

RECONNECT_WAIT_SECONDS = 2


@dataclass(frozen=True, slots=True, kw_only=True)
class JetStreamNames:
    """Where events and cursors go; a test uses names of its own."""

    stream: str = "ORDERCAPTURE_EVENTS"
    subject_prefix: str = "ordercapture.events"  # the subject is <prefix>.<EventType>
    cursor_bucket: str = "ordercapture_sink_cursors"
    # Publishes with the same Nats-Msg-Id (event id) within it are stored once: it covers a
    # sink that dies between a publish and its cursor update and is restarted.
    duplicate_window_seconds: float = 3600.0

    def subject(self, event_type: str) -> str:
        return f"{self.subject_prefix}.{event_type}"


class _ConnectionLog:
    """Logs the first failure of a connection outage as a warning, the retries at debug."""

    def __init__(self, client: Client, url: str) -> None:
        self._client = client
        self._url = url
        self._failing = False

    async def error(self, error: Exception) -> None:
        level = logging.DEBUG if self._failing else logging.WARNING
        self._failing = True
        logger.log(level, "NATS at %s: %s; retrying", self._url, error or type(error).__name__)

    async def disconnected(self) -> None:
        if not self._client.is_closed:  # not when closed on purpose
            logger.warning("NATS at %s: disconnected; reconnecting", self._url)

    async def connected(self) -> None:
        self._failing = False
        logger.info("NATS at %s: connected", self._url)


async def connect(url: str, name: str = "ordercapture-event-sink") -> Client:
    """A connection to `url`, waiting (retrying) until the server answers; cancellable."""
    client = Client()
    log = _ConnectionLog(client, url)
    try:
        await client.connect(
            url,
            name=name,
            error_cb=log.error,
            disconnected_cb=log.disconnected,
            reconnected_cb=log.connected,
            allow_reconnect=True,
            max_reconnect_attempts=-1,  # never give up: the sink waits for NATS
            reconnect_time_wait=RECONNECT_WAIT_SECONDS,
        )
    except BaseException:
        await client.close()
        raise
    await log.connected()
    return client


@dataclass(frozen=True, slots=True)
class Cursor:
    """The last event published: its sequence, and its id, which tells whether the tier's
    log is still the one the cursor was taken from (another database numbers from 1 again)."""

    sequence: int
    event_id: str


class JetStreamTarget:
    """The stream and the cursor bucket over one connection."""

    def __init__(self, client: Client, names: JetStreamNames, timeout: float = 5.0) -> None:
        self._js: JetStreamContext = client.jetstream(timeout=timeout)
        self._names = names
        self._timeout = timeout
        self._cursors: KeyValue | None = None
        self._preparing = asyncio.Lock()  # the sources' followers prepare one at a time

    @property
    def names(self) -> JetStreamNames:
        return self._names

    async def prepare(self) -> None:
        """Creates the stream and the bucket when missing; a follower calls it before each
        watch, so a stream deleted meanwhile is created again."""
        async with self._preparing:
            await self._prepare()

    async def _prepare(self) -> None:
        names = self._names
        try:
            await self._js.stream_info(names.stream)
        except NotFoundError:
            await self._js.add_stream(
                api.StreamConfig(
                    name=names.stream,
                    description="ordercapture TMF events, one subject per event type",
                    subjects=[f"{names.subject_prefix}.>"],
                    storage=api.StorageType.FILE,
                    retention=api.RetentionPolicy.LIMITS,
                    duplicate_window=names.duplicate_window_seconds,
                )
            )
            logger.info("created JetStream stream %s", names.stream)
        try:
            self._cursors = await self._js.key_value(names.cursor_bucket)
        except NotFoundError:
            self._cursors = await self._js.create_key_value(
                api.KeyValueConfig(
                    bucket=names.cursor_bucket,
                    description="ordercapture event sink: last event published per source",
                    storage=api.StorageType.FILE,
                    history=1,
                )
            )
            logger.info("created JetStream key-value bucket %s", names.cursor_bucket)

    async def cursor(self, source: str) -> Cursor:
        """The last event of `source` published; sequence 0 when none was."""
        try:
            entry = await self._bucket().get(source)
        except KeyNotFoundError:
            return Cursor(0, "")
        sequence, _, event_id = (entry.value or b"0").decode().partition(" ")
        return Cursor(int(sequence), event_id)

    async def save_cursor(self, source: str, cursor: Cursor) -> None:
        await self._bucket().put(source, f"{cursor.sequence} {cursor.event_id}".encode())

    async def publish(self, event_type: str, payload: bytes, headers: dict[str, str]) -> bool:
        """Publishes to the event type's subject and waits for the stream's ack; False when
        the stream already held that Nats-Msg-Id (a duplicate, not stored again)."""
        ack = await self._js.publish(
            self._names.subject(event_type),
            payload,
            timeout=self._timeout,
            stream=self._names.stream,
            headers=headers,
        )
        return not ack.duplicate

    def _bucket(self) -> KeyValue:
        if self._cursors is None:
            raise RuntimeError("JetStreamTarget.prepare() was not called")
        return self._cursors
