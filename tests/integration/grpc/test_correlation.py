"""The correlation id of a gRPC call is on every log line written while handling it (unary
and server streaming, concurrent calls apart), is the id echoed to the caller when the caller
sent none, and is stored on the events the call causes."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Iterator
from typing import Any

import grpc
import pytest

from domain.catalog.services import CatalogManagement
from ordercapture.catalog.v1 import catalog_service_pb2 as cs
from ordercapture.ordering.v1 import events_pb2, order_pb2
from ordercapture.ordering.v1 import handoff_service_pb2 as hs
from ordercapture.ordering.v1 import ordering_service_pb2 as pb
from servers.correlation import CorrelationIdFilter
from servers.correlation_interceptor import CorrelationIdInterceptor
from tests.integration.grpc.conftest import Tier
from tests.integration.grpc.ordering_fixtures import (
    Ordering,
    order,
    ordering_fixture,  # noqa: F401 - the fixture named "ordering"
)

logger = logging.getLogger("tests.correlation")
SERVICE = "test.Echo"


@pytest.fixture
def records(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    """caplog whose handler has the filter the CLI installs on its handlers."""
    caplog.handler.addFilter(CorrelationIdFilter())
    caplog.set_level(logging.DEBUG)
    yield caplog
    caplog.handler.filters.clear()


async def _say(request: bytes, context: grpc.aio.ServicerContext[bytes, bytes]) -> bytes:
    logger.info("before %s", request.decode())
    await asyncio.sleep(0.05)  # lets a concurrent call run in between
    logger.info("after %s", request.decode())
    return request


async def _stream(
    request: bytes, context: grpc.aio.ServicerContext[bytes, bytes]
) -> AsyncIterator[bytes]:
    for n in range(3):
        logger.info("streaming %s %d", request.decode(), n)
        yield request
        await asyncio.sleep(0)


@pytest.fixture
async def echo() -> AsyncIterator[grpc.aio.Channel]:
    server = grpc.aio.server(interceptors=[CorrelationIdInterceptor()])
    handlers: dict[str, grpc.RpcMethodHandler[Any, Any]] = {
        "Say": grpc.unary_unary_rpc_method_handler(_say),
        "Stream": grpc.unary_stream_rpc_method_handler(_stream),
    }
    server.add_generic_rpc_handlers((grpc.method_handlers_generic_handler(SERVICE, handlers),))
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    try:
        async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
            yield channel
    finally:
        await server.stop(None)


def _ids(caplog: pytest.LogCaptureFixture, prefix: str) -> list[tuple[str, str]]:
    return [
        (r.getMessage(), getattr(r, "correlation_id", "?"))
        for r in caplog.records
        if r.name == "tests.correlation" and r.getMessage().startswith(prefix)
    ]


async def test_unary_calls_log_their_own_id(
    echo: grpc.aio.Channel, records: pytest.LogCaptureFixture
) -> None:
    say: grpc.aio.UnaryUnaryMultiCallable[bytes, bytes] = echo.unary_unary(f"/{SERVICE}/Say")
    await asyncio.gather(
        say(b"one", metadata=(("x-correlation-id", "abc"),)),
        say(b"two", metadata=(("x-correlation-id", "def"),)),
    )
    found = sorted(_ids(records, "before") + _ids(records, "after"))
    assert found == [
        ("after one", "abc"),
        ("after two", "def"),
        ("before one", "abc"),
        ("before two", "def"),
    ]
    logger.info("outside")
    assert getattr(records.records[-1], "correlation_id", None) == "-"


async def test_server_streaming_calls_log_their_id(
    echo: grpc.aio.Channel, records: pytest.LogCaptureFixture
) -> None:
    stream: grpc.aio.UnaryStreamMultiCallable[bytes, bytes] = echo.unary_stream(
        f"/{SERVICE}/Stream"
    )
    call = stream(b"s", metadata=(("x-correlation-id", "abc"),))
    assert [r async for r in call] == [b"s"] * 3
    assert {cid for _, cid in _ids(records, "streaming")} == {"abc"}
    assert len(_ids(records, "streaming")) == 3


async def test_without_an_id_the_echoed_one_is_logged_and_stored(
    ordering: Ordering, records: pytest.LogCaptureFixture
) -> None:
    call = ordering.orders.CreateOrder(pb.CreateOrderRequest(order=order()))
    created = (await call).order
    echoed = dict(await call.trailing_metadata())["x-correlation-id"]
    assert echoed == created.correlation_id != ""
    ended = [
        r
        for r in records.records
        if r.name == "servers.correlation_interceptor" and "CreateOrder" in r.getMessage()
    ]
    assert [getattr(r, "correlation_id", None) for r in ended] == [echoed]


async def test_events_carry_the_callers_correlation_id(ordering: Ordering) -> None:
    created = (
        await ordering.orders.CreateOrder(
            pb.CreateOrderRequest(order=order()), metadata=(("x-correlation-id", "corr-shop"),)
        )
    ).order
    await ordering.handoff.AdvanceOrder(
        hs.AdvanceOrderRequest(order_id=created.id, state=order_pb2.ORDER_STATE_IN_PROGRESS),
        metadata=(("x-correlation-id", "corr-om"),),
    )
    watch = ordering.handoff.WatchOrderEvents(hs.WatchOrderEventsRequest())
    seen: list[events_pb2.OrderEvent] = []
    async for response in watch:
        seen.append(response.event)
        if len(seen) == 2:
            break
    watch.cancel()
    assert [(e.type, e.correlation_id) for e in seen] == [
        (events_pb2.ORDER_EVENT_TYPE_ORDER_CREATED, "corr-shop"),
        (events_pb2.ORDER_EVENT_TYPE_ORDER_STATE_CHANGED, "corr-om"),
    ]


async def test_a_logged_traceback_carries_the_id(
    tier: Tier, monkeypatch: pytest.MonkeyPatch, records: pytest.LogCaptureFixture
) -> None:
    async def broken(self: CatalogManagement, catalog_id: str) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(CatalogManagement, "get_catalog", broken)
    with pytest.raises(grpc.aio.AioRpcError):
        await tier.stub.GetCatalog(
            cs.GetCatalogRequest(id="x"), metadata=(("x-correlation-id", "abc"),)
        )
    logged = [r for r in records.records if r.name == "servers.errors"]
    assert [getattr(r, "correlation_id", None) for r in logged] == ["abc"]
