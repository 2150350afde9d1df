"""The internal event stream: each context's events over gRPC, in sequence order, from a
cursor, then new ones as they happen."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import grpc
import pytest

from ordercapture.notification.v1 import event_pb2, event_stream_service_pb2_grpc
from ordercapture.notification.v1 import event_stream_service_pb2 as es
from ordercapture.ordering.v1 import order_pb2, ordering_service_pb2_grpc
from ordercapture.ordering.v1 import ordering_service_pb2 as ops
from servers.app import create_server, stop_server
from servers.settings import Settings
from tests.integration.grpc.ordering_fixtures import order


@pytest.fixture
async def channel(seeded_database_url: str, tmp_path: Path) -> AsyncIterator[grpc.aio.Channel]:
    settings = Settings(
        database_url=seeded_database_url, import_folder=tmp_path, seed_demo_data=True
    )
    server, port = await create_server("127.0.0.1:0", settings)
    try:
        async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as opened:
            yield opened
    finally:
        await stop_server(server, grace=1.0)


async def take(
    channel: grpc.aio.Channel, source: event_pb2.EventSource.ValueType, after: int, count: int
) -> list[event_pb2.Event]:
    stream = event_stream_service_pb2_grpc.EventStreamServiceStub(channel)
    call = stream.WatchEvents(es.WatchEventsRequest(source=source, after_sequence=after))
    taken: list[event_pb2.Event] = []
    try:
        async with asyncio.timeout(10):
            async for message in call:
                taken.append(message.event)
                if len(taken) == count:
                    break
    finally:
        call.cancel()
    return taken


async def place_order(channel: grpc.aio.Channel, correlation_id: str) -> order_pb2.ProductOrder:
    orders = ordering_service_pb2_grpc.ProductOrderingServiceStub(channel)
    created = await orders.CreateOrder(
        ops.CreateOrderRequest(order=order()), metadata=(("x-correlation-id", correlation_id),)
    )
    return created.order


async def test_order_events_stream_from_a_cursor(channel: grpc.aio.Channel) -> None:
    first = await place_order(channel, "corr-stream-1")
    [created] = await take(channel, event_pb2.EVENT_SOURCE_ORDERING, 0, 1)
    assert created.kind == event_pb2.CHANGE_KIND_CREATED
    assert created.resource_id == first.id
    assert created.correlation_id == "corr-stream-1"
    unpacked = order_pb2.ProductOrder()
    assert created.resource.Unpack(unpacked)
    assert unpacked.id == first.id

    # Resuming after the cursor gives only what came later, as it happens.
    later = asyncio.create_task(take(channel, event_pb2.EVENT_SOURCE_ORDERING, created.sequence, 1))
    await asyncio.sleep(0.3)
    second = await place_order(channel, "corr-stream-2")
    [next_event] = await later
    assert next_event.resource_id == second.id
    assert next_event.sequence > created.sequence


async def test_each_context_has_its_own_log(channel: grpc.aio.Channel) -> None:
    await place_order(channel, "corr-stream-3")
    # The inline feasibility judgement stored a check: an event of the feasibility log.
    [feasibility] = await take(channel, event_pb2.EVENT_SOURCE_FEASIBILITY, 0, 1)
    assert feasibility.source == event_pb2.EVENT_SOURCE_FEASIBILITY
    assert feasibility.kind == event_pb2.CHANGE_KIND_CREATED
    assert feasibility.resource.TypeName().startswith("ordercapture.feasibility.v1.")
    # The demo catalog was loaded through the same repositories: its creations are events.
    catalog = await take(channel, event_pb2.EVENT_SOURCE_CATALOG, 0, 5)
    assert [e.sequence for e in catalog] == sorted(e.sequence for e in catalog)
    assert {e.kind for e in catalog} == {event_pb2.CHANGE_KIND_CREATED}


async def test_a_source_must_be_named(channel: grpc.aio.Channel) -> None:
    stream = event_stream_service_pb2_grpc.EventStreamServiceStub(channel)
    with pytest.raises(grpc.aio.AioRpcError) as refused:
        async for _ in stream.WatchEvents(es.WatchEventsRequest()):
            pass
    assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT
