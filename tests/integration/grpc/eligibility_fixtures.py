"""A real gRPC tier with the demo data seeded (catalog, profiles, rules), and an
EligibilityService stub to it; the test_eligibility_* modules import the fixtures (named
`seeded_settings` and `eligibility` for the tests)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING

import grpc
import pytest

from ordercapture.qualification.v1 import check_pb2, eligibility_service_pb2_grpc
from ordercapture.qualification.v1 import eligibility_service_pb2 as pb
from servers.app import create_server, stop_server
from servers.settings import Settings

if TYPE_CHECKING:
    from ordercapture.qualification.v1.eligibility_service_pb2_grpc import (
        EligibilityServiceAsyncStub,
    )

# Polling an asynchronous check: bounded in count, never a timed assertion.
POLLS = 400
POLL_PAUSE = 0.025


@pytest.fixture(name="eligibility")
async def eligibility_fixture(
    seeded_settings: Settings,
) -> AsyncIterator[EligibilityServiceAsyncStub]:
    server, port = await create_server("127.0.0.1:0", seeded_settings)
    try:
        async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
            yield eligibility_service_pb2_grpc.EligibilityServiceStub(channel)
    finally:
        await stop_server(server, grace=1.0)


async def settled(stub: EligibilityServiceAsyncStub, check_id: str) -> check_pb2.EligibilityCheck:
    """The check once it left acknowledged / in progress (or as it is after POLLS reads)."""
    open_states = (check_pb2.CHECK_STATE_ACKNOWLEDGED, check_pb2.CHECK_STATE_IN_PROGRESS)
    for _ in range(POLLS):
        check = (await stub.GetEligibilityCheck(pb.GetEligibilityCheckRequest(id=check_id))).check
        if check.state not in open_states:
            return check
        await asyncio.sleep(POLL_PAUSE)
    return check
