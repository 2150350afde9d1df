"""The NATS event sink against a real gRPC tier and NATS (see nats_fixtures): a catalog change
arrives on `<prefix>.<EventType>` as its TMF event, with Nats-Msg-Id; a restarted sink resumes
after its cursor; an event published again is stored once; an event that cannot be rendered is
skipped. Without NATS these skip, or fail under CI=true; the last ones need no NATS."""

from __future__ import annotations

import asyncio

import pytest
from nats.aio.client import Client

from cli import event_sink
from cli.main import main
from ordercapture.notification.v1 import event_pb2
from rest_facade.notification.envelopes import RenderedEvent, render
from rest_facade.notification.nats_jetstream import JetStreamNames
from rest_facade.notification.nats_sink import Renderer, running_nats_sink
from tests.integration.notification.nats_fixtures import (
    SinkTier,
    Watcher,
    backend_fixture,  # noqa: F401
    body,
    category_id,
    create_category,
    cursor,
    free_port,
    names_fixture,  # noqa: F401
    nats_client_fixture,  # noqa: F401
    nats_url_fixture,  # noqa: F401
    quick,
    sequence_of,
    sink_tier_fixture,  # noqa: F401
    stored,
    wait_for_cursor,
    wait_for_stored,
    watcher_fixture,  # noqa: F401
)


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
        await wait_for_cursor(nats_client, names, "catalog", sequence_of(first))
    await create_category(sink_tier, "c2")  # while no sink runs
    watcher.received.clear()
    async with running_nats_sink(sink_tier.target, nats_url, quick(names)):
        both = await wait_for_stored(nats_client, names, 2)
        await asyncio.sleep(0.5)  # time enough for a republish of c1 to show
    assert [category_id(m) for m in both] == ["c1", "c2"]
    # Only c2 was published by the second sink: c1 was not even offered to the stream again.
    assert [category_id(m) for m in watcher.received] == ["c2"]
    second = sequence_of(both[1])
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
        sequence = sequence_of(message)
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
        sequence = sequence_of(message)
        await wait_for_cursor(nats_client, names, "catalog", sequence)
    assert category_id(message) == "good"
    assert sequence == 2  # the bad event (1) was passed over, not retried forever


async def test_the_sink_waits_for_nats_and_stops_cleanly_when_cancelled() -> None:
    # Needs no NATS: nothing listens on that port, the sink keeps trying until stopped.
    unreachable = f"nats://127.0.0.1:{free_port()}"
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
