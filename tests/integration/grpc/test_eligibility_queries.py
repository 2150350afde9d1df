"""Stored eligibility queries and the offering filter of FindEligibleOfferings over a real
server with the demo data: synchronous and asynchronous creation, get, list, description
changes, deletion, status codes and ErrorInfo reasons."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

import grpc
import pytest

from ordercapture.qualification.v1 import check_pb2, query_pb2
from ordercapture.qualification.v1 import eligibility_service_pb2 as pb
from tests.integration.grpc.eligibility_fixtures import (
    POLL_PAUSE,
    POLLS,
    eligibility_fixture,  # noqa: F401 - the `eligibility` fixture
)
from tests.integration.grpc.status import failure

if TYPE_CHECKING:
    from ordercapture.qualification.v1.eligibility_service_pb2_grpc import (
        EligibilityServiceAsyncStub,
    )

NORTH = check_pb2.Place(region="north", postcode="NW1 1AA")


async def settled_query(
    stub: EligibilityServiceAsyncStub, query_id: str
) -> query_pb2.EligibilityQuery:
    open_states = (check_pb2.CHECK_STATE_ACKNOWLEDGED, check_pb2.CHECK_STATE_IN_PROGRESS)
    for _ in range(POLLS):
        query = (await stub.GetEligibilityQuery(pb.GetEligibilityQueryRequest(id=query_id))).query
        if query.state not in open_states:
            return query
        await asyncio.sleep(POLL_PAUSE)
    return query


async def test_find_can_be_limited_to_some_offerings(
    eligibility: EligibilityServiceAsyncStub,
) -> None:
    found = await eligibility.FindEligibleOfferings(
        pb.FindEligibleOfferingsRequest(
            party_id="cust-005",
            channel="web",
            place=NORTH,
            offering_ids=["off-fibre-1000", "off-fibre-150", "off-dsl-16", "off-nope"],
        )
    )
    # cust-005 has credit class E: fibre 1000 needs B; DSL 16 is retired.
    assert [o.offering_id for o in found.offerings] == ["off-fibre-150"]
    assert found.offerings[0].name == "Fibre 150"
    assert list(found.offerings[0].category_ids) == ["cat-broadband-fibre"]


async def test_a_query_is_stored_listed_described_and_deleted(
    eligibility: EligibilityServiceAsyncStub,
) -> None:
    created = (
        await eligibility.CreateEligibilityQuery(
            pb.CreateEligibilityQueryRequest(
                party_id="org-001",
                channel="web",
                place=NORTH,
                category_id="cat-broadband-options",
                description="options for the office",
            )
        )
    ).query
    assert created.state == check_pb2.CHECK_STATE_DONE
    assert [o.offering_id for o in created.offerings] == ["off-static-ip"]
    assert created.description == "options for the office"
    got = (
        await eligibility.GetEligibilityQuery(pb.GetEligibilityQueryRequest(id=created.id))
    ).query
    assert got == created

    other = await eligibility.CreateEligibilityQuery(
        pb.CreateEligibilityQueryRequest(party_id="cust-001", channel="web", place=NORTH)
    )
    listed = await eligibility.ListEligibilityQueries(pb.ListEligibilityQueriesRequest())
    assert [q.id for q in listed.queries] == [other.query.id, created.id]
    assert listed.total_size == 2
    mine = await eligibility.ListEligibilityQueries(
        pb.ListEligibilityQueriesRequest(party_id="org-001", states=[check_pb2.CHECK_STATE_DONE])
    )
    assert [q.id for q in mine.queries] == [created.id]

    request = pb.UpdateEligibilityQueryRequest(
        query=query_pb2.EligibilityQuery(id=created.id, description="renamed")
    )
    request.update_mask.paths.append("description")
    assert (await eligibility.UpdateEligibilityQuery(request)).query.description == "renamed"
    request.update_mask.paths.append("offerings")
    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await eligibility.UpdateEligibilityQuery(request)
    problem = failure(refused.value)
    assert (problem.code, problem.reason) == (
        grpc.StatusCode.INVALID_ARGUMENT,
        "FIELD_NOT_UPDATABLE",
    )

    await eligibility.DeleteEligibilityQuery(pb.DeleteEligibilityQueryRequest(id=created.id))
    with pytest.raises(grpc.aio.AioRpcError) as missing:
        await eligibility.GetEligibilityQuery(pb.GetEligibilityQueryRequest(id=created.id))
    problem = failure(missing.value)
    assert (problem.code, problem.reason, problem.domain) == (
        grpc.StatusCode.NOT_FOUND,
        "ELIGIBILITY_QUERY_NOT_FOUND",
        "ordercapture.qualification",
    )


async def test_an_asynchronous_query_is_acknowledged_then_done_or_failed(
    eligibility: EligibilityServiceAsyncStub,
) -> None:
    acknowledged = (
        await eligibility.CreateEligibilityQuery(
            pb.CreateEligibilityQueryRequest(
                party_id="cust-001", channel="web", category_id="cat-tv", asynchronous=True
            )
        )
    ).query
    assert acknowledged.state == check_pb2.CHECK_STATE_ACKNOWLEDGED
    assert not acknowledged.offerings
    done = await settled_query(eligibility, acknowledged.id)
    assert done.state == check_pb2.CHECK_STATE_DONE
    assert "off-tv-base" in [o.offering_id for o in done.offerings]

    doomed = (
        await eligibility.CreateEligibilityQuery(
            pb.CreateEligibilityQueryRequest(
                party_id="cust-001", channel="web", category_id="cat-nope", asynchronous=True
            )
        )
    ).query
    failed = await settled_query(eligibility, doomed.id)
    assert failed.state == check_pb2.CHECK_STATE_TERMINATED_WITH_ERROR
    assert "cat-nope" in failed.error
    with pytest.raises(grpc.aio.AioRpcError) as synchronous:
        await eligibility.CreateEligibilityQuery(
            pb.CreateEligibilityQueryRequest(party_id="c", channel="web", category_id="cat-nope")
        )
    assert failure(synchronous.value).reason == "CATEGORY_NOT_FOUND"
