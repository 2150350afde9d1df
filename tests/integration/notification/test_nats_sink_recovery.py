"""The NATS event sink through outages (see nats_fixtures): the gRPC tier restarting, and NATS
restarting (a nats-server of the test's own, its JetStream files kept); the sink waits for
either and goes on after its cursor, losing nothing and publishing nothing twice."""

from __future__ import annotations

import asyncio

from nats.aio.client import Client

from rest_facade.notification.nats_jetstream import JetStreamNames
from rest_facade.notification.nats_sink import running_nats_sink
from tests.integration.notification.nats_fixtures import (
    PrivateNats,
    SinkTier,
    Watcher,
    backend_fixture,  # noqa: F401
    category_id,
    connected,
    create_category,
    names_fixture,  # noqa: F401
    nats_client_fixture,  # noqa: F401
    nats_url_fixture,  # noqa: F401
    private_nats_fixture,  # noqa: F401
    quick,
    sequence_of,
    sink_tier_fixture,  # noqa: F401
    unique_names,
    wait_for_cursor,
    wait_for_stored,
    watcher_fixture,  # noqa: F401
)


async def test_the_sink_goes_on_when_the_tier_restarts(
    sink_tier: SinkTier,
    nats_client: Client,
    nats_url: str,
    names: JetStreamNames,
    watcher: Watcher,
) -> None:
    async with running_nats_sink(sink_tier.target, nats_url, quick(names)):
        await create_category(sink_tier, "c1")
        await wait_for_stored(nats_client, names, 1)
        await sink_tier.stop()
        await asyncio.sleep(0.5)  # the watch breaks; the sink retries against a closed port
        await sink_tier.start()  # same port, same database
        await create_category(sink_tier, "c2")
        both = await wait_for_stored(nats_client, names, 2)
        await wait_for_cursor(nats_client, names, "catalog", sequence_of(both[1]))
    assert [category_id(m) for m in both] == ["c1", "c2"]
    assert [category_id(m) for m in watcher.received] == ["c1", "c2"]  # none published twice


async def test_the_sink_goes_on_when_nats_restarts(
    sink_tier: SinkTier, private_nats: PrivateNats
) -> None:
    names = unique_names()
    async with running_nats_sink(sink_tier.target, private_nats.url, quick(names)):
        await create_category(sink_tier, "c1")
        client = await connected(private_nats.url)
        try:
            await wait_for_stored(client, names, 1)
        finally:
            await client.close()
        await private_nats.stop()
        await create_category(sink_tier, "c2")  # while NATS is down
        await asyncio.sleep(0.5)
        await private_nats.start()
        client = await connected(private_nats.url)
        try:
            both = await wait_for_stored(client, names, 2)
            await wait_for_cursor(client, names, "catalog", sequence_of(both[1]))
            await create_category(sink_tier, "c3")  # and after: the sink follows on
            everything = await wait_for_stored(client, names, 3)
        finally:
            await client.close()
    assert [category_id(m) for m in everything] == ["c1", "c2", "c3"]
