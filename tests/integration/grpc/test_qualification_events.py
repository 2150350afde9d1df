"""The qualification context's events in the shared outbox, over a real gRPC tier with the demo
data: eligibility checks and eligibility queries created (now or in the background), changed
and deleted each leave exactly their events (source QUALIFICATION), in the transaction of the
change, with the resource as EligibilityService returns it and the correlation id of the call
that caused them; a refused operation leaves none; reference data (rules, profiles) none."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, TypeVar

import grpc
import pytest
from google.protobuf.field_mask_pb2 import FieldMask
from google.protobuf.message import Message

from ordercapture.qualification.v1 import check_pb2, profile_pb2, query_pb2
from ordercapture.qualification.v1 import eligibility_service_pb2 as pb
from servers.persistence.database import create_engine, create_session_factory
from servers.persistence.qualification_repositories import SqlEligibilityChecks
from servers.qualification.events import ELIGIBILITY_CHECKS
from servers.settings import Settings
from tests.integration.grpc.eligibility_fixtures import (
    eligibility_fixture,  # noqa: F401 - the `eligibility` fixture
    settled,
)
from tests.integration.grpc.test_eligibility_queries import settled_query
from tests.integration.outbox_reading import (
    ATTRIBUTES_CHANGED,
    CREATED,
    DELETED,
    STATE_CHANGED,
    Recorded,
    events_of,
)
from tests.integration.outbox_reading import QUALIFICATION as SOURCE

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

    from ordercapture.qualification.v1.eligibility_service_pb2_grpc import (
        EligibilityServiceAsyncStub,
    )

M = TypeVar("M", bound=Message)

NORTH = check_pb2.Place(region="north", postcode="NW1 1AA")


async def recorded(url: str) -> list[Recorded]:
    """Every QUALIFICATION event in the outbox, in sequence order."""
    return await events_of(url, SOURCE, "ordercapture.qualification.")


def kinds(events: list[Recorded]) -> list[tuple[str, str]]:
    return [(e.kind, e.resource_id) for e in events]


def ask(*offering_ids: str, **fields: object) -> pb.CheckEligibilityRequest:
    return pb.CheckEligibilityRequest(
        party_id="cust-001",
        channel="web",
        place=NORTH,
        items=[check_pb2.CheckItem(id=o, offering_id=o) for o in offering_ids],
        **fields,  # type: ignore[arg-type]
    )


def describe_check(check_id: str, description: str) -> pb.UpdateEligibilityCheckRequest:
    request = pb.UpdateEligibilityCheckRequest(
        check=check_pb2.EligibilityCheck(id=check_id, description=description)
    )
    request.update_mask.paths.append("description")
    return request


async def test_a_check_created_changed_and_deleted_leaves_one_event_each(
    eligibility: EligibilityServiceAsyncStub, seeded_settings: Settings
) -> None:
    url = seeded_settings.database_url
    assert await recorded(url) == []

    done = (
        await eligibility.CheckEligibility(
            ask("off-fibre-1000", description="shop"),
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
    assert created.unpacked(check_pb2.EligibilityCheck) == done

    renamed = (
        await eligibility.UpdateEligibilityCheck(
            describe_check(done.id, "renamed"), metadata=(("x-correlation-id", "corr-update"),)
        )
    ).check
    await eligibility.DeleteEligibilityCheck(
        pb.DeleteEligibilityCheckRequest(id=done.id),
        metadata=(("x-correlation-id", "corr-delete"),),
    )
    events = await recorded(url)
    assert kinds(events) == [
        (CREATED, done.id),
        (ATTRIBUTES_CHANGED, done.id),
        (DELETED, done.id),
    ]
    assert [e.correlation_id for e in events] == ["corr-create", "corr-update", "corr-delete"]
    changed = events[1].unpacked(check_pb2.EligibilityCheck)
    assert changed == renamed
    assert (changed.description, changed.state) == ("renamed", check_pb2.CHECK_STATE_DONE)
    # A deletion carries the check as it was before.
    assert events[2].unpacked(check_pb2.EligibilityCheck) == renamed


async def test_an_asynchronous_check_reports_its_state_changes_with_the_callers_id(
    eligibility: EligibilityServiceAsyncStub, seeded_settings: Settings
) -> None:
    acknowledged = (
        await eligibility.CheckEligibility(
            ask("off-fibre-1000", asynchronous=True),
            metadata=(("x-correlation-id", "corr-async"),),
        )
    ).check
    assert acknowledged.state == check_pb2.CHECK_STATE_ACKNOWLEDGED
    judged = await settled(eligibility, acknowledged.id)
    assert judged.state == check_pb2.CHECK_STATE_DONE

    events = await recorded(seeded_settings.database_url)
    # Judging is one state change carrying the answer, not an attribute change besides.
    assert kinds(events) == [
        (CREATED, acknowledged.id),
        (STATE_CHANGED, acknowledged.id),
        (STATE_CHANGED, acknowledged.id),
    ]
    # The background judging runs after the call ended, with the id of the call.
    assert {e.correlation_id for e in events} == {"corr-async"}
    states = [e.unpacked(check_pb2.EligibilityCheck).state for e in events]
    assert states == [
        check_pb2.CHECK_STATE_ACKNOWLEDGED,
        check_pb2.CHECK_STATE_IN_PROGRESS,
        check_pb2.CHECK_STATE_DONE,
    ]
    assert events[0].unpacked(check_pb2.EligibilityCheck) == acknowledged
    assert events[2].unpacked(check_pb2.EligibilityCheck) == judged
    assert judged.outcome == check_pb2.OUTCOME_QUALIFIED


async def test_calls_without_an_id_get_their_own_one_shared_by_their_events(
    eligibility: EligibilityServiceAsyncStub, seeded_settings: Settings
) -> None:
    first = (await eligibility.CheckEligibility(ask("off-fibre-1000"))).check
    second = (await eligibility.CheckEligibility(ask("off-fibre-500", asynchronous=True))).check
    await settled(eligibility, second.id)
    events = await recorded(seeded_settings.database_url)
    assert kinds(events) == [
        (CREATED, first.id),
        (CREATED, second.id),
        (STATE_CHANGED, second.id),
        (STATE_CHANGED, second.id),
    ]
    assert all(e.correlation_id for e in events)
    assert events[0].correlation_id != events[1].correlation_id
    assert len({e.correlation_id for e in events[1:]}) == 1


async def test_refused_operations_and_reference_data_leave_no_event(
    eligibility: EligibilityServiceAsyncStub, seeded_settings: Settings
) -> None:
    url = seeded_settings.database_url
    done = (await eligibility.CheckEligibility(ask("off-fibre-1000"))).check
    before = await recorded(url)
    assert kinds(before) == [(CREATED, done.id)]

    refusals: list[Callable[[], Awaitable[object]]] = [
        lambda: eligibility.CheckEligibility(ask()),  # no items
        lambda: eligibility.UpdateEligibilityCheck(
            pb.UpdateEligibilityCheckRequest(
                check=check_pb2.EligibilityCheck(id=done.id, party_id="someone-else"),
                update_mask=FieldMask(paths=["party_id"]),
            )
        ),
        lambda: eligibility.UpdateEligibilityCheck(describe_check("no-such-check", "x")),
        lambda: eligibility.DeleteEligibilityCheck(
            pb.DeleteEligibilityCheckRequest(id="no-such-check")
        ),
        lambda: eligibility.CreateEligibilityQuery(
            pb.CreateEligibilityQueryRequest(party_id="c", channel="web", category_id="cat-nope")
        ),
        lambda: eligibility.DeleteEligibilityQuery(
            pb.DeleteEligibilityQueryRequest(id="no-such-query")
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
        grpc.StatusCode.NOT_FOUND,
        grpc.StatusCode.NOT_FOUND,
    ]
    # Rules and profiles are internal reference data.
    await eligibility.UpsertCustomerProfiles(
        pb.UpsertCustomerProfilesRequest(
            profiles=[
                profile_pb2.CustomerProfile(
                    party_id="cust-new",
                    party_type=profile_pb2.PARTY_TYPE_ORGANIZATION,
                    segment="smb",
                    credit_class="B",
                    region="north",
                )
            ]
        )
    )
    await eligibility.DeleteCustomerProfile(pb.DeleteCustomerProfileRequest(party_id="cust-new"))
    assert await recorded(url) == before


async def test_a_query_created_changed_answered_and_deleted_leaves_its_events(
    eligibility: EligibilityServiceAsyncStub, seeded_settings: Settings
) -> None:
    url = seeded_settings.database_url
    now = (
        await eligibility.CreateEligibilityQuery(
            pb.CreateEligibilityQueryRequest(
                party_id="org-001",
                channel="web",
                place=NORTH,
                category_id="cat-broadband-options",
            ),
            metadata=(("x-correlation-id", "corr-query"),),
        )
    ).query
    later = (
        await eligibility.CreateEligibilityQuery(
            pb.CreateEligibilityQueryRequest(
                party_id="cust-001", channel="web", category_id="cat-tv", asynchronous=True
            ),
            metadata=(("x-correlation-id", "corr-later"),),
        )
    ).query
    answered = await settled_query(eligibility, later.id)
    assert answered.state == check_pb2.CHECK_STATE_DONE
    doomed = (
        await eligibility.CreateEligibilityQuery(
            pb.CreateEligibilityQueryRequest(
                party_id="cust-001", channel="web", category_id="cat-nope", asynchronous=True
            )
        )
    ).query
    failed = await settled_query(eligibility, doomed.id)
    assert failed.state == check_pb2.CHECK_STATE_TERMINATED_WITH_ERROR
    update = pb.UpdateEligibilityQueryRequest(
        query=query_pb2.EligibilityQuery(id=now.id, description="office")
    )
    update.update_mask.paths.append("description")
    renamed = (await eligibility.UpdateEligibilityQuery(update)).query
    await eligibility.DeleteEligibilityQuery(pb.DeleteEligibilityQueryRequest(id=now.id))

    events = await recorded(url)
    assert kinds(events) == [
        (CREATED, now.id),
        (CREATED, later.id),
        (STATE_CHANGED, later.id),
        (STATE_CHANGED, later.id),
        (CREATED, doomed.id),
        (STATE_CHANGED, doomed.id),
        (STATE_CHANGED, doomed.id),
        (ATTRIBUTES_CHANGED, now.id),
        (DELETED, now.id),
    ]
    queries = [e.unpacked(query_pb2.EligibilityQuery) for e in events]
    assert queries[0] == now
    assert [q.state for q in queries[1:4]] == [
        check_pb2.CHECK_STATE_ACKNOWLEDGED,
        check_pb2.CHECK_STATE_IN_PROGRESS,
        check_pb2.CHECK_STATE_DONE,
    ]
    assert queries[3] == answered
    assert queries[6] == failed
    assert queries[7] == renamed
    assert queries[8] == renamed
    assert events[0].correlation_id == "corr-query"
    assert {e.correlation_id for e in events[1:4]} == {"corr-later"}


async def test_a_replace_after_a_deletion_records_no_event(
    eligibility: EligibilityServiceAsyncStub, seeded_settings: Settings
) -> None:
    url = seeded_settings.database_url
    done = (await eligibility.CheckEligibility(ask("off-fibre-1000"))).check
    engine = create_engine(url)
    try:
        checks = SqlEligibilityChecks(create_session_factory(engine), ELIGIBILITY_CHECKS)
        stored = await checks.get(done.id)
        assert stored is not None
        assert await checks.delete(done.id)
        # As a judging job holding the check from before the deletion would.
        await checks.replace(dataclasses.replace(stored, description="late"))
        assert await checks.get(done.id) is None
        assert not await checks.delete(done.id)
    finally:
        await engine.dispose()
    events = await recorded(url)
    assert kinds(events) == [(CREATED, done.id), (DELETED, done.id)]
    assert events[1].unpacked(check_pb2.EligibilityCheck) == done
