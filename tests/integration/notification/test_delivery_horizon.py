"""Past the retry horizon a delivery has failed: it stays visible with its last error until
an operator replays it."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from ordercapture.notification.v1 import notification_service_pb2 as ns
from ordercapture.notification.v1 import subscription_pb2 as sp
from servers.settings import Settings
from tests.integration.notification.conftest import QUICK_RETRIES, RelayFactory, Tier
from tests.integration.notification.listener import Answer, Listener
from tests.integration.notification.subscribing import (
    create_categories,
    subscribe,
    wait_for_deliveries,
)


@pytest.fixture
def notification_settings(notification_settings: Settings) -> Settings:
    short = replace(QUICK_RETRIES, horizon=timedelta(seconds=0.5))
    return replace(notification_settings, retry_schedule=short)


async def test_failed_deliveries_are_kept_and_replayed(
    tier: Tier, listener: Listener, relay: RelayFactory
) -> None:
    listener.answer = lambda _: Answer(503)
    created = await subscribe(tier, listener.callback)
    subscription_id = created.subscription.id
    await create_categories(tier, "c1", "c2")
    async with relay():
        failed = await wait_for_deliveries(tier, subscription_id, sp.DELIVERY_STATE_FAILED, 2)
    assert len(failed) == 2
    assert {d.last_error for d in failed} == {"HTTP 503"}
    found = await tier.notifications.GetSubscription(ns.GetSubscriptionRequest(id=subscription_id))
    assert found.subscription.failed_deliveries == 2
    assert found.subscription.pending_deliveries == 0
    assert found.subscription.last_error == "HTTP 503"

    listener.answer = lambda _: Answer(204)
    replayed = await tier.notifications.ReplayDeliveries(
        ns.ReplayDeliveriesRequest(subscription_id=subscription_id)
    )
    assert replayed.replayed == 2
    async with relay():
        done = await wait_for_deliveries(tier, subscription_id, sp.DELIVERY_STATE_DELIVERED, 2)
    assert len(done) == 2
