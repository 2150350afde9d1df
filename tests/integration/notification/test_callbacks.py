"""Callback URLs are checked against server-side request forgery when a listener subscribes:
http(s) only, no credentials, no private, loopback, link-local or reserved address unless the
deployment allows the network (these tests' tier allows loopback only)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from typing import TYPE_CHECKING

import grpc
import pytest

from ordercapture.notification.v1 import event_pb2, notification_service_pb2_grpc
from ordercapture.notification.v1 import notification_service_pb2 as ns
from servers.app import create_server, stop_server
from servers.settings import Settings
from tests.integration.grpc.status import failure
from tests.integration.notification.conftest import Tier
from tests.integration.notification.subscribing import subscribe

if TYPE_CHECKING:
    from ordercapture.notification.v1.notification_service_pb2_grpc import (
        NotificationServiceAsyncStub as NotificationStub,
    )


@pytest.mark.parametrize(
    "callback",
    [
        "ftp://example.com/hooks",
        "file:///etc/passwd",
        "http://user:secret@example.com/hooks",
        "http:///no-host",
        "http://10.1.2.3/hooks",
        "http://192.168.0.10/hooks",
        "http://169.254.169.254/latest/meta-data",
        "http://[fd00::1]/hooks",
        "http://0.0.0.0/hooks",
        "http://[::ffff:10.0.0.1]/hooks",
        "http://224.0.0.1/hooks",
        "not a url",
    ],
)
async def test_forbidden_callbacks_are_refused(tier: Tier, callback: str) -> None:
    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await subscribe(tier, callback)
    assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert failure(refused.value).reason == "CALLBACK_NOT_ALLOWED"


async def test_a_callback_host_that_resolves_to_nothing_is_refused_as_unknown(tier: Tier) -> None:
    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await subscribe(tier, "http://no-such-host.invalid/hooks")
    assert refused.value.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert failure(refused.value).reason == "CALLBACK_HOST_UNKNOWN"


async def test_an_allowed_network_is_accepted(tier: Tier) -> None:
    created = await subscribe(tier, "http://127.0.0.1:9/hooks")
    assert created.subscription.callback == "http://127.0.0.1:9/hooks"
    assert created.subscription.audience == "productCatalogManagement/v5"


@pytest.fixture
async def closed_tier(notification_settings: Settings) -> AsyncIterator[NotificationStub]:
    """A tier with the production default: no private network allowed, loopback included."""
    server, port = await create_server(
        "127.0.0.1:0", replace(notification_settings, callback_allowed_networks=())
    )
    try:
        async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
            yield notification_service_pb2_grpc.NotificationServiceStub(channel)
    finally:
        await stop_server(server, grace=1.0)


@pytest.mark.parametrize("callback", ["http://127.0.0.1:8080/hooks", "http://localhost/hooks"])
async def test_loopback_is_refused_unless_allowed(
    closed_tier: NotificationStub, callback: str
) -> None:
    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await closed_tier.CreateSubscription(
            ns.CreateSubscriptionRequest(
                source=event_pb2.EVENT_SOURCE_ORDERING,
                audience="productOrderingManagement/v5",
                callback=callback,
            )
        )
    assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    details = refused.value.details() or ""
    assert "127.0.0.1" in details or "::1" in details
