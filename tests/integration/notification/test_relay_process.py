"""`ordercapture relay` as its own process: killed with SIGKILL in the middle of deliveries,
then started again, it loses nothing (its claims expire and are taken again)."""

from __future__ import annotations

import asyncio
import re
import signal
from pathlib import Path

from ordercapture.notification.v1 import subscription_pb2 as sp
from tests.integration.cli.processes import ServerProcess, environment
from tests.integration.notification.conftest import Tier
from tests.integration.notification.listener import Answer, Listener
from tests.integration.notification.subscribing import (
    create_categories,
    subscribe,
    wait_for_deliveries,
)

RELAY_LINE = re.compile(r"Relay (?P<id>\S+) delivering")
EVENTS = 30


def relay_process(tier: Tier, workdir: Path) -> ServerProcess:
    env = environment(
        "sqlite+aiosqlite:///unused.db",
        ORDERCAPTURE_CALLBACK_ALLOWED_NETWORKS="127.0.0.0/8",
        ORDERCAPTURE_RELAY_LEASE_SECONDS="1",
        ORDERCAPTURE_RELAY_IDLE_SECONDS="0.05",
        ORDERCAPTURE_RELAY_TIMEOUT_SECONDS="0.8",
    )
    return ServerProcess(["relay", "--grpc-target", tier.target], env, workdir)


async def test_a_relay_killed_mid_delivery_loses_nothing(
    tier: Tier, listener: Listener, tmp_path: Path
) -> None:
    listener.answer = lambda _: Answer(204, delay=0.4)
    created = await subscribe(tier, listener.callback)
    await create_categories(tier, *(f"c{n:02d}" for n in range(EVENTS)))

    first = relay_process(tier, tmp_path)
    try:
        await asyncio.to_thread(first.wait_for_line, RELAY_LINE)
        await listener.wait_for(lambda got: len(got) >= 3)
    finally:
        # Deliveries are in flight: sent, not yet answered, so not reported.
        await asyncio.to_thread(first.stop, signal.SIGKILL)
    assert (
        len(
            await wait_for_deliveries(
                tier, created.subscription.id, sp.DELIVERY_STATE_DELIVERED, EVENTS, within=0.1
            )
        )
        < EVENTS
    )

    second = relay_process(tier, tmp_path)
    try:
        await asyncio.to_thread(second.wait_for_line, RELAY_LINE)
        done = await wait_for_deliveries(
            tier, created.subscription.id, sp.DELIVERY_STATE_DELIVERED, EVENTS, within=60
        )
    finally:
        await asyncio.to_thread(second.stop)
    assert len(done) == EVENTS
    delivered_ids = {r.headers["webhook-id"] for r in listener.received}
    assert len(delivered_ids) == EVENTS
    # At least once: what the killed relay had in flight was sent again.
    print(
        f"\nrelay kill: {EVENTS} events, {len(listener.received)} requests received, "
        f"{len(listener.received) - EVENTS} redelivered, 0 lost"
    )
