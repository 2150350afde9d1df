"""The NATS event sink against a real gRPC tier and NATS (see nats_fixtures): a catalog change
arrives on `<prefix>.<EventType>` as its TMF event, with Nats-Msg-Id; a restarted sink resumes
after its cursor; an event published again is stored once; an event that cannot be rendered is
skipped. Without NATS these skip, or fail under CI=true; the last ones need no NATS."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

import pytest
from nats.aio.client import Client

from cli import event_sink
from cli.main import main
from ordercapture.feasibility.v1 import check_pb2 as fcheck
from ordercapture.feasibility.v1 import feasibility_service_pb2 as fs
from ordercapture.feasibility.v1 import feasibility_service_pb2_grpc
from ordercapture.notification.v1 import event_pb2
from ordercapture.ordering.v1 import ordering_service_pb2 as pb
from ordercapture.ordering.v1 import ordering_service_pb2_grpc
from rest_facade.notification.envelopes import RenderedEvent, render
from rest_facade.notification.nats_jetstream import JetStreamNames
from rest_facade.notification.nats_sink import Renderer, running_nats_sink
from tests.integration.grpc.ordering_fixtures import ADDRESS, CUSTOMER, OFFERING, order
from tests.integration.notification.nats_fixtures import (
    SinkTier,
    Watcher,
    backend_fixture,  # noqa: F401
    body,
    category_id,
    create_category,
    cursor,
    eventually,
    free_port,
    last_on,
    names_fixture,  # noqa: F401
    nats_client_fixture,  # noqa: F401
    nats_url_fixture,  # noqa: F401
    quick,
    seeded_sink_tier_fixture,  # noqa: F401
    sequence_of,
    sink_tier_fixture,  # noqa: F401
    stored,
    wait_for_cursor,
    wait_for_stored,
    watcher_fixture,  # noqa: F401
)

if TYPE_CHECKING:
    from ordercapture.feasibility.v1.feasibility_service_pb2_grpc import (
        FeasibilityServiceAsyncStub,
    )
    from ordercapture.ordering.v1.ordering_service_pb2_grpc import (
        ProductOrderingServiceAsyncStub,
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


async def test_a_cursor_from_another_database_is_not_trusted(
    sink_tier: SinkTier,
    nats_client: Client,
    nats_url: str,
    names: JetStreamNames,
    watcher: Watcher,
) -> None:
    """A cursor left by a sink of another database (which numbered its events from 1 too)
    would skip this one's first events: the sink sees its event is not in this log and
    publishes from the beginning."""
    await create_category(sink_tier, "c1")
    await create_category(sink_tier, "c2")
    async with running_nats_sink(sink_tier.target, nats_url, quick(names)):
        stored_messages = await wait_for_stored(nats_client, names, 2)
        await wait_for_cursor(nats_client, names, "catalog", sequence_of(stored_messages[1]))
    watcher.received.clear()
    bucket = await nats_client.jetstream().key_value(names.cursor_bucket)
    stored_cursor = (await bucket.get("catalog")).value or b""
    sequence = stored_cursor.partition(b" ")[0]
    await bucket.put("catalog", sequence + b" an-event-of-another-database")
    async with running_nats_sink(sink_tier.target, nats_url, quick(names)):
        await eventually(lambda: _received(watcher, 2), "both events offered again")
    # Offered to the stream again from the first event; the stream kept one copy of each.
    assert [category_id(m) for m in watcher.received] == ["c1", "c2"]
    assert len(await stored(nats_client, names)) == 2


async def _received(watcher: Watcher, count: int) -> bool:
    return len(watcher.received) >= count


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


async def test_each_context_publishes_its_api_events(
    seeded_sink_tier: SinkTier, nats_client: Client, nats_url: str, names: JetStreamNames
) -> None:
    tier = seeded_sink_tier
    assert tier.channel is not None
    feasibility: FeasibilityServiceAsyncStub = feasibility_service_pb2_grpc.FeasibilityServiceStub(
        tier.channel
    )
    orders: ProductOrderingServiceAsyncStub = ordering_service_pb2_grpc.ProductOrderingServiceStub(
        tier.channel
    )
    async with running_nats_sink(tier.target, nats_url, quick(names)):
        item = fcheck.ServiceItem(
            id="f1", place=fcheck.PlaceSelector(address_id=ADDRESS), offering_id=OFFERING
        )
        check = await feasibility.CheckFeasibility(
            fs.CheckFeasibilityRequest(party_id=CUSTOMER, items=[item])
        )
        checked = await last_on(nats_client, names, "CheckServiceQualificationCreateEvent")
        # (before the order: its inline feasibility check publishes an event too)
        created = await orders.CreateOrder(pb.CreateOrderRequest(order=order()))
        ordered = await last_on(nats_client, names, "ProductOrderCreateEvent")

    v4 = body(checked)  # TMF645 is v4: no @type in its envelope
    assert "@type" not in v4
    assert v4["eventType"] == "CheckServiceQualificationCreateEvent"
    assert isinstance(v4["event"], dict)
    assert v4["event"]["checkServiceQualification"]["id"] == check.check.id
    assert (checked.headers or {})["Ordercapture-Source"] == "feasibility"
    assert (checked.headers or {})["Ordercapture-Audience"] == "serviceQualificationManagement/v4"

    v5 = body(ordered)
    assert v5["@type"] == v5["eventType"] == "ProductOrderCreateEvent"
    assert isinstance(v5["event"], dict)
    assert v5["event"]["productOrder"]["id"] == created.order.id
    assert (ordered.headers or {})["Ordercapture-Source"] == "ordering"
    assert (ordered.headers or {})["Nats-Msg-Id"] == v5["eventId"]
