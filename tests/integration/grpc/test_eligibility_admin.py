"""EligibilityService administration over a real server: rules and profiles are data,
changed at run time and used by the next check; invalid input is refused whole, with
ErrorInfo reasons and field violations; seeding happens once."""

from __future__ import annotations

from typing import TYPE_CHECKING

import grpc
import pytest

from ordercapture.qualification.v1 import (
    check_pb2,
    eligibility_service_pb2_grpc,
    profile_pb2,
    rule_pb2,
)
from ordercapture.qualification.v1 import eligibility_service_pb2 as pb
from servers.app import create_server, stop_server
from servers.settings import Settings
from tests.integration.grpc.eligibility_fixtures import (
    eligibility_fixture,  # noqa: F401 - the `eligibility` fixture
)
from tests.integration.grpc.status import failure

if TYPE_CHECKING:
    from ordercapture.qualification.v1.eligibility_service_pb2_grpc import (
        EligibilityServiceAsyncStub,
    )

DOMAIN = "ordercapture.qualification"
REASONS = check_pb2.CheckOptions(provide_reasons=True, provide_alternatives=True)


async def verdict(stub: EligibilityServiceAsyncStub, party_id: str, offering_id: str) -> list[str]:
    request = pb.CheckEligibilityRequest(
        party_id=party_id,
        channel="web",
        place=check_pb2.Place(region="north"),
        items=[check_pb2.CheckItem(id="1", offering_id=offering_id)],
        options=REASONS,
    )
    result = (await stub.CheckEligibility(request)).check.results[0]
    return [r.code for r in result.reasons]


async def test_a_rule_changed_at_run_time_applies_to_the_next_check(
    eligibility: EligibilityServiceAsyncStub,
) -> None:
    assert await verdict(eligibility, "cust-001", "off-tv-base") == []
    rule = rule_pb2.EligibilityRule(
        offering_id="off-tv-base", channel=rule_pb2.ChannelCondition(channels=["shop"])
    )
    stored = (
        await eligibility.UpsertEligibilityRules(pb.UpsertEligibilityRulesRequest(rules=[rule]))
    ).rules
    assert stored[0].id
    assert stored[0].channel == rule.channel
    assert await verdict(eligibility, "cust-001", "off-tv-base") == ["CHANNEL_NOT_ELIGIBLE"]

    listed = await eligibility.ListEligibilityRules(
        pb.ListEligibilityRulesRequest(offering_ids=["off-tv-base"])
    )
    assert list(listed.rules) == list(stored)
    assert listed.total_size == 1

    await eligibility.DeleteEligibilityRule(pb.DeleteEligibilityRuleRequest(id=stored[0].id))
    assert await verdict(eligibility, "cust-001", "off-tv-base") == []
    with pytest.raises(grpc.aio.AioRpcError) as missing:
        await eligibility.DeleteEligibilityRule(pb.DeleteEligibilityRuleRequest(id=stored[0].id))
    problem = failure(missing.value)
    assert (problem.code, problem.reason, problem.domain) == (
        grpc.StatusCode.NOT_FOUND,
        "ELIGIBILITY_RULE_NOT_FOUND",
        DOMAIN,
    )


async def test_invalid_rules_are_refused_whole(eligibility: EligibilityServiceAsyncStub) -> None:
    before = await eligibility.ListEligibilityRules(pb.ListEligibilityRulesRequest())
    request = pb.UpsertEligibilityRulesRequest(
        rules=[
            rule_pb2.EligibilityRule(
                id="fine",
                offering_id="off-tv-base",
                channel=rule_pb2.ChannelCondition(channels=["web"]),
            ),
            rule_pb2.EligibilityRule(id="no-condition", offering_id="off-tv-base"),
            rule_pb2.EligibilityRule(
                id="bad-class",
                offering_id="off-tv-base",
                credit_class=rule_pb2.CreditClassCondition(minimum="Z"),
            ),
        ]
    )
    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await eligibility.UpsertEligibilityRules(request)
    problem = failure(refused.value)
    assert problem.code == grpc.StatusCode.INVALID_ARGUMENT
    assert (problem.reason, problem.domain) == ("INVALID_ELIGIBILITY_RULE", DOMAIN)
    assert [field for field, _ in problem.violations] == ["rules[1]"]
    request.rules[1].maximum_quantity.maximum = 0
    with pytest.raises(grpc.aio.AioRpcError) as still:
        await eligibility.UpsertEligibilityRules(request)
    assert [field for field, _ in failure(still.value).violations] == [
        "rules[1].maximum_quantity.maximum",
        "rules[2].credit_class.minimum",
    ]
    after = await eligibility.ListEligibilityRules(pb.ListEligibilityRulesRequest())
    assert after.total_size == before.total_size


async def test_profiles_are_administered_and_used(
    eligibility: EligibilityServiceAsyncStub,
) -> None:
    seeded = await eligibility.ListCustomerProfiles(pb.ListCustomerProfilesRequest(page_size=1000))
    assert seeded.total_size >= 30
    smb = await eligibility.ListCustomerProfiles(
        pb.ListCustomerProfilesRequest(segments=["smb"], page_size=2, skip=1)
    )
    assert smb.total_size == sum(1 for p in seeded.profiles if p.segment == "smb")
    assert [p.segment for p in smb.profiles] == ["smb", "smb"]

    assert await verdict(eligibility, "new-co", "off-static-ip") == [
        "SEGMENT_NOT_ELIGIBLE",
        "PREREQUISITE_MISSING",
    ]
    profile = profile_pb2.CustomerProfile(
        party_id="new-co",
        party_type=profile_pb2.PARTY_TYPE_ORGANIZATION,
        segment="smb",
        credit_class="B",
        region="north",
        owned_offering_ids=["off-fibre-500"],
    )
    stored = (
        await eligibility.UpsertCustomerProfiles(
            pb.UpsertCustomerProfilesRequest(profiles=[profile])
        )
    ).profiles[0]
    assert stored.HasField("update_time")
    got = (
        await eligibility.GetCustomerProfile(pb.GetCustomerProfileRequest(party_id="new-co"))
    ).profile
    assert got == stored
    assert await verdict(eligibility, "new-co", "off-static-ip") == []

    await eligibility.DeleteCustomerProfile(pb.DeleteCustomerProfileRequest(party_id="new-co"))
    with pytest.raises(grpc.aio.AioRpcError) as missing:
        await eligibility.GetCustomerProfile(pb.GetCustomerProfileRequest(party_id="new-co"))
    problem = failure(missing.value)
    assert (problem.code, problem.reason, problem.domain) == (
        grpc.StatusCode.NOT_FOUND,
        "CUSTOMER_PROFILE_NOT_FOUND",
        DOMAIN,
    )


async def test_invalid_profiles_are_refused_with_their_fields(
    eligibility: EligibilityServiceAsyncStub,
) -> None:
    bad_date = profile_pb2.CustomerProfile(
        party_id="p", segment="youth", credit_class="B", date_of_birth="2009-13-01"
    )
    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await eligibility.UpsertCustomerProfiles(
            pb.UpsertCustomerProfilesRequest(profiles=[bad_date])
        )
    problem = failure(refused.value)
    assert (problem.code, problem.reason) == (
        grpc.StatusCode.INVALID_ARGUMENT,
        "INVALID_CUSTOMER_PROFILE",
    )
    assert [field for field, _ in problem.violations] == ["profiles[0].date_of_birth"]
    bad_class = profile_pb2.CustomerProfile(party_id="p", segment="youth", credit_class="F")
    with pytest.raises(grpc.aio.AioRpcError) as again:
        await eligibility.UpsertCustomerProfiles(
            pb.UpsertCustomerProfilesRequest(profiles=[bad_class])
        )
    assert [field for field, _ in failure(again.value).violations] == ["profiles[0].credit_class"]


async def test_the_demo_data_is_seeded_once(seeded_settings: Settings) -> None:
    totals = []
    for _ in range(2):
        server, port = await create_server("127.0.0.1:0", seeded_settings)
        try:
            async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
                stub = eligibility_service_pb2_grpc.EligibilityServiceStub(channel)
                rules = await stub.ListEligibilityRules(pb.ListEligibilityRulesRequest())
                profiles = await stub.ListCustomerProfiles(pb.ListCustomerProfilesRequest())
                totals.append((rules.total_size, profiles.total_size))
                # A change made after seeding survives the next start.
                await stub.DeleteCustomerProfile(
                    pb.DeleteCustomerProfileRequest(party_id=f"cust-00{len(totals)}")
                )
        finally:
            await stop_server(server, grace=1.0)
    (rules_first, profiles_first), (rules_second, profiles_second) = totals
    assert rules_first >= 20
    assert rules_second == rules_first
    assert profiles_second == profiles_first - 1
