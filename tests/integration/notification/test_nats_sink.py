"""The NATS event sink against a real gRPC tier (127.0.0.1:0, migrated SQLite database) and the
NATS server of ORDERCAPTURE_TEST_NATS_URL (default nats://127.0.0.1:4222, JetStream enabled):
a catalog change arrives on `<prefix>.<EventType>` as its TMF event, with Nats-Msg-Id; a
restarted sink resumes after its cursor; an event published again is stored once; an event
that cannot be rendered is skipped. Each test has a stream, bucket and subject prefix of its
own, deleted afterwards. Without NATS these tests skip, saying why, except under CI=true,
where they fail: CI must run them."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import secrets
import socket
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import grpc
import nats.errors
import pytest
from nats.aio.client import Client
from nats.aio.msg import Msg
from nats.js.api import RawStreamMsg
from nats.js.errors import NotFoundError

from cli import event_sink
from cli.main import main
from ordercapture.catalog.v1 import catalog_pb2, catalog_service_pb2_grpc
from ordercapture.catalog.v1 import catalog_service_pb2 as cs
from ordercapture.notification.v1 import event_pb2
from rest_facade.notification.envelopes import RenderedEvent, render
from rest_facade.notification.nats_jetstream import JetStreamNames
from rest_facade.notification.nats_sink import NatsSinkOptions, Renderer, running_nats_sink
from servers.app import create_server, stop_server
from servers.settings import Settings

if TYPE_CHECKING:
    from ordercapture.catalog.v1.catalog_service_pb2_grpc import CatalogServiceAsyncStub

NATS_URL_VARIABLE = "ORDERCAPTURE_TEST_NATS_URL"
DEFAULT_NATS_URL = "nats://127.0.0.1:4222"
WAIT_SECONDS = 15.0


@pytest.fixture
def backend() -> str:
    """The sink never touches the database: one backend is enough (overrides tests/conftest)."""
    return "sqlite"


def _nats_unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason}; CI=true requires the NATS tests to run")
    pytest.skip(reason)


async def _quiet(error: Exception) -> None:
    return None


@pytest.fixture
def nats_url() -> str:
    return os.environ.get(NATS_URL_VARIABLE, "").strip() or DEFAULT_NATS_URL


@pytest.fixture
async def nats_client(nats_url: str) -> AsyncIterator[Client]:
    """A connection of the test's own (to watch and clean up), checked to reach JetStream."""
    client = Client()
    try:
        await client.connect(nats_url, allow_reconnect=False, connect_timeout=2, error_cb=_quiet)
        await client.jetstream().account_info()
    except (OSError, TimeoutError, nats.errors.Error) as error:
        await client.close()
        _nats_unavailable(
            f"NATS with JetStream at {nats_url} ({NATS_URL_VARIABLE}) is unreachable: "
            f"{type(error).__name__} {error}"
        )
    yield client
    await client.close()


@pytest.fixture
async def names(nats_client: Client) -> AsyncIterator[JetStreamNames]:
    """A stream, bucket and subject prefix no other test uses; deleted afterwards."""
    token = secrets.token_hex(4)
    names = JetStreamNames(
        stream=f"OC_TEST_{token}",
        subject_prefix=f"octest.{token}.events",
        cursor_bucket=f"oc_test_{token}",
    )
    yield names
    js = nats_client.jetstream()
    with contextlib.suppress(NotFoundError):
        await js.delete_stream(names.stream)
    with contextlib.suppress(NotFoundError):
        await js.delete_key_value(names.cursor_bucket)


@dataclass
class SinkTier:
    target: str
    catalog: CatalogServiceAsyncStub


@pytest.fixture
async def sink_tier(database_url: str, tmp_path: Path) -> AsyncIterator[SinkTier]:
    server, port = await create_server(
        "127.0.0.1:0", Settings(database_url=database_url, import_folder=tmp_path)
    )
    target = f"127.0.0.1:{port}"
    try:
        async with grpc.aio.insecure_channel(target) as channel:
            yield SinkTier(target, catalog_service_pb2_grpc.CatalogServiceStub(channel))
    finally:
        await stop_server(server, grace=1.0)


def quick(names: JetStreamNames) -> NatsSinkOptions:
    return NatsSinkOptions(names=names, first_retry_seconds=0.05, most_retry_seconds=0.5)


@dataclass
class Watcher:
    """Every message published on the test's subjects, stored by the stream or not."""

    received: list[Msg]

    def subjects_and_ids(self) -> list[tuple[str, str]]:
        return [(m.subject, (m.headers or {}).get("Nats-Msg-Id", "")) for m in self.received]


@pytest.fixture
async def watcher(nats_client: Client, names: JetStreamNames) -> AsyncIterator[Watcher]:
    watched = Watcher([])

    async def keep(message: Msg) -> None:
        watched.received.append(message)

    subscription = await nats_client.subscribe(f"{names.subject_prefix}.>", cb=keep)
    await nats_client.flush()
    yield watched
    await subscription.unsubscribe()


async def eventually(check: Callable[[], Awaitable[bool]], what: str) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while not await check():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        await asyncio.sleep(0.05)


async def stored(client: Client, names: JetStreamNames) -> list[RawStreamMsg]:
    """The messages of the test's stream, oldest first; none when it does not exist yet."""
    js = client.jetstream()
    try:
        state = (await js.stream_info(names.stream)).state
    except NotFoundError:
        return []
    if state.messages == 0:
        return []
    return [
        await js.get_msg(names.stream, seq) for seq in range(state.first_seq, state.last_seq + 1)
    ]


async def wait_for_stored(client: Client, names: JetStreamNames, count: int) -> list[RawStreamMsg]:
    async def enough() -> bool:
        return len(await stored(client, names)) >= count

    await eventually(enough, f"{count} message(s) in stream {names.stream}")
    return await stored(client, names)


async def cursor(client: Client, names: JetStreamNames, source: str) -> int:
    bucket = await client.jetstream().key_value(names.cursor_bucket)
    return int((await bucket.get(source)).value or b"0")


async def wait_for_cursor(client: Client, names: JetStreamNames, source: str, at: int) -> None:
    async def reached() -> bool:
        try:
            return await cursor(client, names, source) == at
        except NotFoundError:
            return False

    await eventually(reached, f"the {source} cursor at {at}")


async def create_category(tier: SinkTier, category_id: str) -> None:
    category = catalog_pb2.Category(id=category_id, name=f"Category {category_id}")
    await tier.catalog.CreateCategory(cs.CreateCategoryRequest(category=category))


def body(message: RawStreamMsg | Msg) -> dict[str, object]:
    assert message.data is not None
    found: dict[str, object] = json.loads(message.data)
    return found


def category_id(message: RawStreamMsg | Msg) -> object:
    event = body(message)["event"]
    assert isinstance(event, dict)
    return event["category"]["id"]


async def test_a_change_is_published_as_its_tmf_event(
    sink_tier: SinkTier, nats_client: Client, nats_url: str, names: JetStreamNames
) -> None:
    async with running_nats_sink(sink_tier.target, nats_url, quick(names)):
        await create_category(sink_tier, "c1")
        [message] = await wait_for_stored(nats_client, names, 1)
    assert message.subject == f"{names.subject_prefix}.CategoryCreateEvent"
    envelope = body(message)
    assert envelope["@type"] == envelope["eventType"] == "CategoryCreateEvent"
    assert isinstance(envelope["eventTime"], str)
    event = envelope["event"]
    assert isinstance(event, dict)
    assert event["category"]["id"] == "c1"
    assert event["category"]["name"] == "Category c1"
    assert event["category"]["href"].startswith(
        "http://127.0.0.1:8080/tmf-api/productCatalogManagement/v5/"
    )
    headers = message.headers or {}
    assert headers["Nats-Msg-Id"] == envelope["eventId"] != ""
    assert headers["Ordercapture-Source"] == "catalog"
    assert headers["Ordercapture-Audience"] == "productCatalogManagement/v5"
    assert headers["Content-Type"] == "application/json"
    sequence = int(headers["Ordercapture-Sequence"])
    await wait_for_cursor(nats_client, names, "catalog", sequence)
    info = await nats_client.jetstream().stream_info(names.stream)
    assert info.config.subjects == [f"{names.subject_prefix}.>"]
    assert info.config.duplicate_window == names.duplicate_window_seconds


async def test_a_restarted_sink_resumes_after_its_cursor(
    sink_tier: SinkTier,
    nats_client: Client,
    nats_url: str,
    names: JetStreamNames,
    watcher: Watcher,
) -> None:
    async with running_nats_sink(sink_tier.target, nats_url, quick(names)):
        await create_category(sink_tier, "c1")
        [first] = await wait_for_stored(nats_client, names, 1)
        await wait_for_cursor(
            nats_client, names, "catalog", int((first.headers or {})["Ordercapture-Sequence"])
        )
    await create_category(sink_tier, "c2")  # while no sink runs
    watcher.received.clear()
    async with running_nats_sink(sink_tier.target, nats_url, quick(names)):
        both = await wait_for_stored(nats_client, names, 2)
        await asyncio.sleep(0.5)  # time enough for a republish of c1 to show
    assert [category_id(m) for m in both] == ["c1", "c2"]
    # Only c2 was published by the second sink: c1 was not even offered to the stream again.
    assert [category_id(m) for m in watcher.received] == ["c2"]
    second = int((both[1].headers or {})["Ordercapture-Sequence"])
    assert await cursor(nats_client, names, "catalog") == second


async def test_an_event_published_again_is_stored_once(
    sink_tier: SinkTier,
    nats_client: Client,
    nats_url: str,
    names: JetStreamNames,
    watcher: Watcher,
) -> None:
    async with running_nats_sink(sink_tier.target, nats_url, quick(names)):
        await create_category(sink_tier, "c1")
        [message] = await wait_for_stored(nats_client, names, 1)
        sequence = int((message.headers or {})["Ordercapture-Sequence"])
        await wait_for_cursor(nats_client, names, "catalog", sequence)
    # As if the sink had died between the publish and the cursor update.
    bucket = await nats_client.jetstream().key_value(names.cursor_bucket)
    await bucket.put("catalog", b"0")
    watcher.received.clear()
    async with running_nats_sink(sink_tier.target, nats_url, quick(names)):
        await wait_for_cursor(nats_client, names, "catalog", sequence)
    assert [category_id(m) for m in watcher.received] == ["c1"]  # published again...
    assert [category_id(m) for m in await stored(nats_client, names)] == ["c1"]  # ...kept once


async def test_an_event_that_cannot_be_rendered_is_skipped(
    sink_tier: SinkTier, nats_client: Client, nats_url: str, names: JetStreamNames
) -> None:
    def failing_on_bad(event: event_pb2.Event, audience: str, base: str) -> RenderedEvent | None:
        if event.resource_id == "bad":
            raise ValueError("cannot render this one")
        return render(event, audience, base)

    renderer: Renderer = failing_on_bad
    async with running_nats_sink(sink_tier.target, nats_url, quick(names), renderer):
        await create_category(sink_tier, "bad")
        await create_category(sink_tier, "good")
        [message] = await wait_for_stored(nats_client, names, 1)
        sequence = int((message.headers or {})["Ordercapture-Sequence"])
        await wait_for_cursor(nats_client, names, "catalog", sequence)
    assert category_id(message) == "good"
    assert sequence == 2  # the bad event (1) was passed over, not retried forever


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


async def test_the_sink_waits_for_nats_and_stops_cleanly_when_cancelled() -> None:
    # Needs no NATS: nothing listens on that port, the sink keeps trying until stopped.
    unreachable = f"nats://127.0.0.1:{_closed_port()}"
    async with running_nats_sink("127.0.0.1:1", unreachable) as task:
        await asyncio.sleep(0.3)
        assert not task.done()
    assert task.cancelled()


async def test_serve_runs_no_sink_without_a_nats_url() -> None:
    async with event_sink.alongside("127.0.0.1:1", env={}) as url:
        assert url is None


def test_publish_events_needs_a_nats_url(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv(event_sink.NATS_URL_VARIABLE, raising=False)
    assert main(["publish-events", "--grpc-target", "127.0.0.1:1"]) == event_sink.EXIT_USAGE
    assert event_sink.NATS_URL_VARIABLE in capsys.readouterr().err


def test_credentials_are_not_shown() -> None:
    assert event_sink.shown("nats://user:secret@127.0.0.1:4222") == "nats://127.0.0.1:4222"
    assert event_sink.shown("nats://127.0.0.1:4222") == "nats://127.0.0.1:4222"
