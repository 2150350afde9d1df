"""Deliveries to a real HTTP listener on 127.0.0.1 through a relay: signed, at the TMF
listener path, selected by the subscription's query, retried through failures, timeouts and
outages until delivered, stopped by unsubscribing or 410, visible and replayable."""

from __future__ import annotations

import asyncio

import grpc
import pytest
from standardwebhooks.webhooks import Webhook

from ordercapture.catalog.v1 import catalog_pb2, query_pb2
from ordercapture.catalog.v1 import catalog_service_pb2 as cs
from ordercapture.notification.v1 import notification_service_pb2 as ns
from ordercapture.notification.v1 import subscription_pb2 as sp
from tests.integration.notification.conftest import RelayFactory, Tier
from tests.integration.notification.listener import Answer, Listener, Received
from tests.integration.notification.subscribing import (
    create_categories,
    deliveries,
    subscribe,
    wait_for_deliveries,
)


def ids_of(received: list[Received]) -> list[str]:
    return [r.headers["webhook-id"] for r in received]


async def test_an_event_reaches_its_listener_path_signed(
    tier: Tier, listener: Listener, relay: RelayFactory
) -> None:
    created = await subscribe(tier, listener.callback)
    assert created.secret.startswith("whsec_")
    await tier.catalog.CreateCategory(
        cs.CreateCategoryRequest(category=catalog_pb2.Category(id="c1", name="Fibre")),
        metadata=(("x-correlation-id", "corr-hub-1"),),
    )
    async with relay():
        await listener.wait_for(lambda got: len(got) >= 1)
        await wait_for_deliveries(tier, created.subscription.id, sp.DELIVERY_STATE_DELIVERED, 1)
    [request] = listener.received
    assert request.method == "POST"
    assert request.path == "/hooks/listener/categoryCreateEvent"
    body = request.json()
    assert body["eventType"] == "CategoryCreateEvent"
    assert body["event"]["category"]["id"] == "c1"
    assert body["correlationId"] == "corr-hub-1"
    assert request.headers["webhook-id"] == body["eventId"]
    # The reference verifier accepts the signature, and refuses it under another secret.
    verified = Webhook(created.secret).verify(request.body, request.headers)
    assert verified["eventId"] == body["eventId"]
    other = (await subscribe(tier, listener.callback)).secret
    with pytest.raises(Exception, match=r"(?i)signature"):
        Webhook(other).verify(request.body, request.headers)
    [delivery] = await deliveries(tier, created.subscription.id)
    assert delivery.state == sp.DELIVERY_STATE_DELIVERED
    assert delivery.attempts == 1


async def test_the_query_selects_which_events_are_sent(
    tier: Tier, listener: Listener, relay: RelayFactory
) -> None:
    created = await subscribe(tier, listener.callback, "eventType=CategoryDeleteEvent")
    await create_categories(tier, "c1", "c2")
    await tier.catalog.DeleteCategory(cs.DeleteCategoryRequest(id="c2"))
    async with relay():
        await listener.wait_for(lambda got: len(got) >= 1)
        await wait_for_deliveries(tier, created.subscription.id, sp.DELIVERY_STATE_FILTERED, 2)
        await asyncio.sleep(0.3)  # time for anything wrongly selected to arrive too
    assert [r.json()["eventType"] for r in listener.received] == ["CategoryDeleteEvent"]
    assert listener.received[0].json()["event"]["category"]["id"] == "c2"
    filtered = await deliveries(tier, created.subscription.id, sp.DELIVERY_STATE_FILTERED)
    assert len(filtered) == 2


async def test_no_event_is_sent_after_unsubscribing(
    tier: Tier, listener: Listener, relay: RelayFactory
) -> None:
    created = await subscribe(tier, listener.callback)
    async with relay():
        await create_categories(tier, "c1")
        await listener.wait_for(lambda got: len(got) == 1)
        await tier.notifications.DeleteSubscription(
            ns.DeleteSubscriptionRequest(id=created.subscription.id)
        )
        await create_categories(tier, "c2", "c3")
        await asyncio.sleep(0.5)
    assert len(listener.received) == 1
    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await tier.notifications.GetSubscription(
            ns.GetSubscriptionRequest(id=created.subscription.id)
        )
    assert refused.value.code() == grpc.StatusCode.NOT_FOUND


async def test_errors_and_timeouts_are_retried_until_delivered(
    tier: Tier, listener: Listener, relay: RelayFactory
) -> None:
    answers = iter([Answer(500), Answer(503), Answer(204, delay=1.0), Answer(502)])
    listener.answer = lambda _: next(answers, Answer(204))
    created = await subscribe(tier, listener.callback)
    await create_categories(tier, "c1")
    async with relay(timeout_seconds=0.3):
        await listener.wait_for(lambda got: len(listener.delivered()) >= 1 and len(got) >= 5)
        await wait_for_deliveries(tier, created.subscription.id, sp.DELIVERY_STATE_DELIVERED, 1)
    # One event, five attempts, one webhook-id: the third attempt timed out (answered too late).
    assert set(ids_of(listener.received)) == {listener.received[0].headers["webhook-id"]}
    [delivery] = await deliveries(tier, created.subscription.id)
    assert delivery.state == sp.DELIVERY_STATE_DELIVERED
    assert delivery.attempts == 5


async def test_a_listener_down_for_a_while_gets_everything_when_back(
    tier: Tier, listener: Listener, relay: RelayFactory
) -> None:
    created = await subscribe(tier, listener.callback)
    await listener.stop()
    async with relay():
        await create_categories(tier, *(f"c{n}" for n in range(5)))
        await asyncio.sleep(0.8)  # attempts fail: connection refused
        pending = await tier.notifications.GetSubscription(
            ns.GetSubscriptionRequest(id=created.subscription.id)
        )
        assert pending.subscription.pending_deliveries == 5
        assert "ConnectError" in pending.subscription.last_error
        await listener.start()  # the same port
        await listener.wait_for(lambda got: len(set(ids_of(got))) == 5)
        await wait_for_deliveries(tier, created.subscription.id, sp.DELIVERY_STATE_DELIVERED, 5)
    assert len(await deliveries(tier, created.subscription.id, sp.DELIVERY_STATE_DELIVERED)) == 5


async def test_410_gone_disables_the_subscription(
    tier: Tier, listener: Listener, relay: RelayFactory
) -> None:
    listener.answer = lambda _: Answer(410)
    created = await subscribe(tier, listener.callback)
    async with relay():
        await create_categories(tier, "c1")
        await listener.wait_for(lambda got: len(got) == 1)
        await asyncio.sleep(0.2)
        await create_categories(tier, "c2")
        await asyncio.sleep(0.5)
    assert len(listener.received) == 1
    found = await tier.notifications.GetSubscription(
        ns.GetSubscriptionRequest(id=created.subscription.id)
    )
    assert found.subscription.state == sp.SUBSCRIPTION_STATE_DISABLED
    assert "410" in found.subscription.disabled_reason


async def test_redirects_are_not_followed(
    tier: Tier, listener: Listener, relay: RelayFactory
) -> None:
    elsewhere = Listener()
    await elsewhere.start()
    try:
        listener.answer = lambda _: Answer(307, headers={"location": elsewhere.callback})
        created = await subscribe(tier, listener.callback)
        await create_categories(tier, "c1")
        async with relay():
            await listener.wait_for(lambda got: len(got) >= 2)
        assert elsewhere.received == []
        [delivery] = await deliveries(tier, created.subscription.id)
        assert delivery.state == sp.DELIVERY_STATE_PENDING
        assert delivery.last_error == "HTTP 307"
    finally:
        await elsewhere.stop()


async def test_failed_deliveries_are_visible_and_can_be_replayed(
    tier: Tier, listener: Listener, relay: RelayFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    listener.answer = lambda _: Answer(503)
    created = await subscribe(tier, listener.callback)
    subscription_id = created.subscription.id
    await create_categories(tier, "c1", "c2")
    async with relay():
        await listener.wait_for(lambda got: len(got) >= 6)
    # Retried, not yet given up (the horizon is a minute): visible as pending with the error.
    pending = await deliveries(tier, subscription_id, sp.DELIVERY_STATE_PENDING)
    assert len(pending) == 2
    assert {d.last_error for d in pending} == {"HTTP 503"}
    assert all(d.attempts >= 2 for d in pending)
    # An operator replays delivered ones too: the listener heals, everything arrives again.
    listener.answer = lambda _: Answer(204)
    async with relay():
        await listener.wait_for(lambda got: len(listener.delivered()) == 2)
        await wait_for_deliveries(tier, subscription_id, sp.DELIVERY_STATE_DELIVERED, 2)
    replayed = await tier.notifications.ReplayDeliveries(
        ns.ReplayDeliveriesRequest(subscription_id=subscription_id, delivery_ids=[pending[0].id])
    )
    assert replayed.replayed == 1
    async with relay():
        await listener.wait_for(lambda got: len(listener.delivered()) == 3)


async def test_several_relays_never_attempt_one_delivery_twice(
    tier: Tier, listener: Listener, relay: RelayFactory
) -> None:
    listener.answer = lambda _: Answer(204, delay=0.02)
    created = await subscribe(tier, listener.callback)
    await create_categories(tier, *(f"c{n:02d}" for n in range(40)))
    async with relay(batch=5), relay(batch=5), relay(batch=5), relay(batch=5):
        await listener.wait_for(lambda got: len(got) >= 40)
        await wait_for_deliveries(tier, created.subscription.id, sp.DELIVERY_STATE_DELIVERED, 40)
        await asyncio.sleep(0.3)
    sent = ids_of(listener.received)
    assert len(sent) == 40
    assert len(set(sent)) == 40
    done = await deliveries(tier, created.subscription.id, sp.DELIVERY_STATE_DELIVERED)
    assert len(done) == 40
    assert {d.attempts for d in done} == {1}


async def test_api_answers_do_not_depend_on_listeners(
    tier: Tier, listener: Listener, relay: RelayFactory
) -> None:
    listener.answer = lambda _: Answer(500, delay=0.2)
    await subscribe(tier, listener.callback)
    async with relay():
        for n in range(10):
            answer = await tier.catalog.CreateCategory(
                cs.CreateCategoryRequest(category=catalog_pb2.Category(id=f"c{n}", name="x"))
            )
            assert answer.category.id == f"c{n}"
        listed = await tier.catalog.ListCategories(
            cs.ListCategoriesRequest(page=query_pb2.Page(page_size=100))
        )
    assert len(listed.categories) == 10
