"""The feasibility context's events in the shared outbox, over a real gRPC tier: feasibility
checks and availability queries created (now or in the background), changed and deleted each
leave exactly their events (source FEASIBILITY), committed with the change, with the resource
as FeasibilityService returns it and the correlation id of the call that caused them; a
refused operation leaves none; the network's reference data (addresses, coverage, access
nodes) none."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import TYPE_CHECKING, TypeVar

import grpc
import pytest
from google.protobuf.field_mask_pb2 import FieldMask
from google.protobuf.message import Message
from sqlalchemy import func, select

from domain.feasibility.checks import CheckState, FeasibilityCheck, Place, ServiceItem
from ordercapture.catalog.v1 import catalog_service_pb2 as cs
from ordercapture.feasibility.v1 import (
    check_pb2,
    feasibility_service_pb2_grpc,
    network_pb2,
    query_pb2,
)
from ordercapture.feasibility.v1 import feasibility_service_pb2 as fs
from servers.feasibility.events import FEASIBILITY_EVENTS
from servers.persistence.database import create_engine, create_session_factory
from servers.persistence.feasibility_rows import FeasibilityCheckRow
from servers.persistence.feasibility_unit_of_work import feasibility_uow_factory
from servers.settings import Settings
from tests.integration.grpc.conftest import Tier
from tests.integration.grpc.test_feasibility_service import _address, _cover, _network_spec, item
from tests.integration.outbox_reading import (
    ATTRIBUTES_CHANGED,
    CREATED,
    DELETED,
    STATE_CHANGED,
    Recorded,
    events_of,
)
from tests.integration.outbox_reading import FEASIBILITY as SOURCE

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

    from ordercapture.feasibility.v1.feasibility_service_pb2_grpc import (
        FeasibilityServiceAsyncStub,
    )

M = TypeVar("M", bound=Message)

OPEN_STATES = (check_pb2.CHECK_STATE_ACCEPTED, check_pb2.CHECK_STATE_IN_PROGRESS)


async def recorded(url: str) -> list[Recorded]:
    """Every FEASIBILITY event in the outbox, in sequence order."""
    return await events_of(url, SOURCE, "ordercapture.feasibility.")


def kinds(events: list[Recorded]) -> list[tuple[str, str]]:
    return [(e.kind, e.resource_id) for e in events]


@pytest.fixture
async def feasibility(tier: Tier) -> FeasibilityServiceAsyncStub:
    """The service over a small network (fibre at a-fibre, copper at a-copper) and one
    catalog specification; administering it records no event."""
    stub: FeasibilityServiceAsyncStub = feasibility_service_pb2_grpc.FeasibilityServiceStub(
        tier.channel
    )
    await stub.UpsertAccessNodes(
        fs.UpsertAccessNodesRequest(
            nodes=[
                network_pb2.AccessNode(id="olt-1", total_ports=64, free_ports=4),
                network_pb2.AccessNode(id="cab-1", total_ports=48, free_ports=2),
            ]
        )
    )
    await stub.UpsertAddresses(
        fs.UpsertAddressesRequest(
            addresses=[
                _address("a-fibre", "High Street", "1", "NW1 1AA"),
                _address("a-copper", "Mill Road", "7", "NW1 2AB"),
            ]
        )
    )
    await stub.UpsertCoverage(
        fs.UpsertCoverageRequest(
            entries=[
                _cover("FTTH", 1000, 500, "olt-1", address_id="a-fibre"),
                _cover("VDSL", 100, 40, "cab-1", postcode="NW1 2AB"),
            ]
        )
    )
    await tier.stub.CreateProductSpecification(
        cs.CreateProductSpecificationRequest(
            product_specification=_network_spec("spec-fibre-500", "FTTH", 500, 200)
        )
    )
    return stub


async def settled_check(
    stub: FeasibilityServiceAsyncStub, check_id: str
) -> check_pb2.FeasibilityCheck:
    for _ in range(500):
        check = (await stub.GetFeasibilityCheck(fs.GetFeasibilityCheckRequest(id=check_id))).check
        if check.state not in OPEN_STATES:
            return check
        await asyncio.sleep(0.01)
    raise AssertionError("the check was never judged")


async def settled_query(
    stub: FeasibilityServiceAsyncStub, query_id: str
) -> query_pb2.AvailabilityQuery:
    for _ in range(500):
        query = (await stub.GetAvailabilityQuery(fs.GetAvailabilityQueryRequest(id=query_id))).query
        if query.state not in OPEN_STATES:
            return query
        await asyncio.sleep(0.01)
    raise AssertionError("the query was never answered")


async def test_a_check_created_changed_and_deleted_leaves_one_event_each(
    feasibility: FeasibilityServiceAsyncStub, settings: Settings
) -> None:
    url = settings.database_url
    assert await recorded(url) == []  # the network's administration recorded nothing

    done = (
        await feasibility.CheckFeasibility(
            fs.CheckFeasibilityRequest(party_id="p-1", items=[item("fibre", "a-fibre")]),
            metadata=(("x-correlation-id", "corr-create"),),
        )
    ).check
    assert done.state == check_pb2.CHECK_STATE_DONE
    (created,) = await recorded(url)
    assert (created.kind, created.resource_id, created.correlation_id) == (
        CREATED,
        done.id,
        "corr-create",
    )
    assert created.unpacked(check_pb2.FeasibilityCheck) == done

    updated = (
        await feasibility.UpdateFeasibilityCheck(
            fs.UpdateFeasibilityCheckRequest(
                check=check_pb2.FeasibilityCheck(id=done.id, description="d", external_id="x-1"),
                update_mask=FieldMask(paths=["description", "external_id"]),
            ),
            metadata=(("x-correlation-id", "corr-update"),),
        )
    ).check
    await feasibility.DeleteFeasibilityCheck(
        fs.DeleteFeasibilityCheckRequest(id=done.id),
        metadata=(("x-correlation-id", "corr-delete"),),
    )
    events = await recorded(url)
    assert kinds(events) == [
        (CREATED, done.id),
        (ATTRIBUTES_CHANGED, done.id),
        (DELETED, done.id),
    ]
    assert [e.correlation_id for e in events] == ["corr-create", "corr-update", "corr-delete"]
    changed = events[1].unpacked(check_pb2.FeasibilityCheck)
    assert changed == updated
    assert (changed.description, changed.external_id) == ("d", "x-1")
    # A deletion carries the check as it was before.
    assert events[2].unpacked(check_pb2.FeasibilityCheck) == updated


async def test_an_asynchronous_check_reports_its_state_changes_with_the_callers_id(
    feasibility: FeasibilityServiceAsyncStub, settings: Settings
) -> None:
    accepted = (
        await feasibility.CheckFeasibility(
            fs.CheckFeasibilityRequest(items=[item("i", "a-fibre")], asynchronous=True),
            metadata=(("x-correlation-id", "corr-async"),),
        )
    ).check
    assert accepted.state == check_pb2.CHECK_STATE_ACCEPTED
    judged = await settled_check(feasibility, accepted.id)
    assert judged.state == check_pb2.CHECK_STATE_DONE

    events = await recorded(settings.database_url)
    # Judging is one state change carrying the answer, not an attribute change besides.
    assert kinds(events) == [
        (CREATED, accepted.id),
        (STATE_CHANGED, accepted.id),
        (STATE_CHANGED, accepted.id),
    ]
    # The background judging runs after the call ended, with the id of the call.
    assert {e.correlation_id for e in events} == {"corr-async"}
    checks = [e.unpacked(check_pb2.FeasibilityCheck) for e in events]
    assert [c.state for c in checks] == [
        check_pb2.CHECK_STATE_ACCEPTED,
        check_pb2.CHECK_STATE_IN_PROGRESS,
        check_pb2.CHECK_STATE_DONE,
    ]
    assert checks[0] == accepted
    assert checks[2] == judged
    assert judged.outcome == check_pb2.FEASIBILITY_QUALIFIED


async def test_an_availability_query_created_answered_changed_and_deleted_leaves_its_events(
    feasibility: FeasibilityServiceAsyncStub, settings: Settings
) -> None:
    now = (
        await feasibility.CreateAvailabilityQuery(
            fs.CreateAvailabilityQueryRequest(place=check_pb2.PlaceSelector(address_id="a-copper")),
            metadata=(("x-correlation-id", "corr-now"),),
        )
    ).query
    assert now.state == check_pb2.CHECK_STATE_DONE
    later = (
        await feasibility.CreateAvailabilityQuery(
            fs.CreateAvailabilityQueryRequest(
                place=check_pb2.PlaceSelector(address_id="a-fibre"), asynchronous=True
            ),
            metadata=(("x-correlation-id", "corr-later"),),
        )
    ).query
    answered = await settled_query(feasibility, later.id)
    assert [s.technology for s in answered.services] == ["FTTH"]
    updated = (
        await feasibility.UpdateAvailabilityQuery(
            fs.UpdateAvailabilityQueryRequest(
                query=query_pb2.AvailabilityQuery(id=now.id, description="kept"),
                update_mask=FieldMask(paths=["description"]),
            )
        )
    ).query
    await feasibility.DeleteAvailabilityQuery(fs.DeleteAvailabilityQueryRequest(id=now.id))

    events = await recorded(settings.database_url)
    assert kinds(events) == [
        (CREATED, now.id),
        (CREATED, later.id),
        (STATE_CHANGED, later.id),
        (STATE_CHANGED, later.id),
        (ATTRIBUTES_CHANGED, now.id),
        (DELETED, now.id),
    ]
    queries = [e.unpacked(query_pb2.AvailabilityQuery) for e in events]
    assert queries[0] == now
    assert [q.state for q in queries[1:4]] == [
        check_pb2.CHECK_STATE_ACCEPTED,
        check_pb2.CHECK_STATE_IN_PROGRESS,
        check_pb2.CHECK_STATE_DONE,
    ]
    assert queries[1] == later
    assert queries[3] == answered
    assert queries[4] == updated
    assert queries[5] == updated
    assert events[0].correlation_id == "corr-now"
    assert {e.correlation_id for e in events[1:4]} == {"corr-later"}
    assert len({e.correlation_id for e in events[4:]}) == 2  # each call its own new id


async def test_refused_operations_and_reference_data_leave_no_event(
    feasibility: FeasibilityServiceAsyncStub, settings: Settings
) -> None:
    url = settings.database_url
    done = (
        await feasibility.CheckFeasibility(
            fs.CheckFeasibilityRequest(items=[item("fibre", "a-fibre")])
        )
    ).check
    before = await recorded(url)
    assert kinds(before) == [(CREATED, done.id)]

    refusals: list[Callable[[], Awaitable[object]]] = [
        lambda: feasibility.CheckFeasibility(fs.CheckFeasibilityRequest()),  # no items
        lambda: feasibility.UpdateFeasibilityCheck(
            fs.UpdateFeasibilityCheckRequest(
                check=check_pb2.FeasibilityCheck(id=done.id, party_id="someone-else"),
                update_mask=FieldMask(paths=["party_id"]),
            )
        ),
        lambda: feasibility.UpdateFeasibilityCheck(
            fs.UpdateFeasibilityCheckRequest(
                check=check_pb2.FeasibilityCheck(id="no-such-check", description="x"),
                update_mask=FieldMask(paths=["description"]),
            )
        ),
        lambda: feasibility.DeleteFeasibilityCheck(
            fs.DeleteFeasibilityCheckRequest(id="no-such-check")
        ),
        lambda: feasibility.CreateAvailabilityQuery(fs.CreateAvailabilityQueryRequest()),
        lambda: feasibility.DeleteAvailabilityQuery(
            fs.DeleteAvailabilityQueryRequest(id="no-such-query")
        ),
    ]
    codes = []
    for call in refusals:
        with pytest.raises(grpc.aio.AioRpcError) as refused:
            await call()
        codes.append(refused.value.code())
    assert codes == [
        grpc.StatusCode.INVALID_ARGUMENT,
        grpc.StatusCode.INVALID_ARGUMENT,
        grpc.StatusCode.NOT_FOUND,
        grpc.StatusCode.NOT_FOUND,
        grpc.StatusCode.INVALID_ARGUMENT,
        grpc.StatusCode.NOT_FOUND,
    ]
    # Addresses, coverage and access nodes are internal reference data.
    await feasibility.UpsertAddresses(
        fs.UpsertAddressesRequest(addresses=[_address("a-new", "New Road", "2", "NW1 1AA")])
    )
    await feasibility.UpsertCoverage(
        fs.UpsertCoverageRequest(entries=[_cover("FTTH", 1000, 500, "olt-1", address_id="a-new")])
    )
    await feasibility.UpsertAccessNodes(
        fs.UpsertAccessNodesRequest(
            nodes=[network_pb2.AccessNode(id="olt-1", total_ports=64, free_ports=3)]
        )
    )
    # Reads record nothing either.
    await feasibility.GetFeasibilityCheck(fs.GetFeasibilityCheckRequest(id=done.id))
    await feasibility.ListFeasibilityChecks(fs.ListFeasibilityChecksRequest())
    assert await recorded(url) == before


async def test_an_event_commits_with_its_change_and_rolls_back_with_it(
    feasibility: FeasibilityServiceAsyncStub, settings: Settings
) -> None:
    url = settings.database_url
    engine = create_engine(url)
    try:
        uow = feasibility_uow_factory(create_session_factory(engine), FEASIBILITY_EVENTS)
        check = FeasibilityCheck(
            id="c-direct",
            items=(ServiceItem(id="i", place=Place(address_id="a-fibre")),),
            create_time=datetime(2026, 1, 1, tzinfo=UTC),
        )
        async with uow() as unit:
            await unit.checks.add(check)
            # Not committed: leaving the block rolls back the check and its event.
        assert await recorded(url) == []
        async with uow() as unit:
            await unit.checks.add(check)
            await unit.commit()
        async with engine.connect() as connection:
            stored = await connection.scalar(select(func.count()).select_from(FeasibilityCheckRow))
        assert stored == 1
        (created,) = await recorded(url)
        assert (created.kind, created.resource_id) == (CREATED, "c-direct")
        message = created.unpacked(check_pb2.FeasibilityCheck)
        assert message.state == check_pb2.CHECK_STATE_ACCEPTED
        assert message.items[0].place.address_id == "a-fibre"

        # Without descriptions (a read-only use), a unit of work records nothing.
        async with feasibility_uow_factory(create_session_factory(engine))() as unit:
            stored_check = await unit.checks.get("c-direct")
            assert stored_check is not None
            assert stored_check.state is CheckState.ACCEPTED
    finally:
        await engine.dispose()
