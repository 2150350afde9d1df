"""EligibilityService checks over a real server with the demo data: verdicts, alternatives,
categories, configurations, options, the asynchronous mode, listing, description changes,
deletion and eligible-offering searches; status codes and ErrorInfo reasons."""

from __future__ import annotations

from typing import TYPE_CHECKING

import grpc
import pytest
from sqlalchemy import column, insert, table

from ordercapture.qualification.v1 import check_pb2
from ordercapture.qualification.v1 import eligibility_service_pb2 as pb
from ordercapture.type.v1 import characteristic_pb2, configuration_pb2
from servers.persistence.database import create_engine
from servers.settings import Settings
from tests.integration.grpc.eligibility_fixtures import (
    eligibility_fixture,  # noqa: F401 - the `eligibility` fixture
    settled,
)
from tests.integration.grpc.status import failure

if TYPE_CHECKING:
    from google.protobuf.field_mask_pb2 import FieldMask  # noqa: F401

    from ordercapture.qualification.v1.eligibility_service_pb2_grpc import (
        EligibilityServiceAsyncStub,
    )

DOMAIN = "ordercapture.qualification"
EVERYTHING = check_pb2.CheckOptions(provide_alternatives=True, provide_reasons=True)
NORTH = check_pb2.Place(region="north", postcode="NW1 1AA")
WEST = check_pb2.Place(region="west", postcode="WM4 1AA")


def offering(offering_id: str, item_id: str = "", **fields: object) -> check_pb2.CheckItem:
    return check_pb2.CheckItem(id=item_id or offering_id, offering_id=offering_id, **fields)  # type: ignore[arg-type]


def ask(
    *items: check_pb2.CheckItem,
    party_id: str = "cust-001",
    place: check_pb2.Place = NORTH,
    options: check_pb2.CheckOptions = EVERYTHING,
    **fields: object,
) -> pb.CheckEligibilityRequest:
    return pb.CheckEligibilityRequest(
        party_id=party_id,
        channel="web",
        place=place,
        items=items,
        options=options,
        **fields,  # type: ignore[arg-type]
    )


async def check(
    stub: EligibilityServiceAsyncStub, request: pb.CheckEligibilityRequest
) -> check_pb2.EligibilityCheck:
    return (await stub.CheckEligibility(request)).check


async def test_a_good_customer_qualifies_and_the_check_is_stored_with_its_expiry(
    eligibility: EligibilityServiceAsyncStub,
) -> None:
    done = await check(eligibility, ask(offering("off-fibre-1000"), description="shop visit"))
    assert done.state == check_pb2.CHECK_STATE_DONE
    assert done.outcome == check_pb2.OUTCOME_QUALIFIED
    assert [(r.item_id, r.outcome) for r in done.results] == [
        ("off-fibre-1000", check_pb2.OUTCOME_QUALIFIED)
    ]
    assert not done.customer_is_prospect
    lifetime = done.expire_time.ToDatetime() - done.judge_time.ToDatetime()
    assert lifetime.total_seconds() == 24 * 3600
    stored = (
        await eligibility.GetEligibilityCheck(pb.GetEligibilityCheckRequest(id=done.id))
    ).check
    assert stored == done
    assert stored.description == "shop visit"


async def test_a_prospect_gets_alternatives_with_reasons(
    eligibility: EligibilityServiceAsyncStub,
) -> None:
    done = await check(eligibility, ask(offering("off-fibre-1000"), party_id="someone-new"))
    assert done.customer_is_prospect
    (result,) = done.results
    assert result.outcome == check_pb2.OUTCOME_ALTERNATE
    assert [r.code for r in result.reasons] == ["CREDIT_CLASS_TOO_LOW"]
    assert list(result.alternative_offering_ids) == ["off-fibre-500", "off-fibre-300"]
    assert done.outcome == check_pb2.OUTCOME_ALTERNATE

    bare = await check(
        eligibility,
        ask(offering("off-fibre-1000"), party_id="someone-new", options=check_pb2.CheckOptions()),
    )
    assert bare.results[0].outcome == check_pb2.OUTCOME_UNQUALIFIED
    assert not bare.results[0].reasons
    assert not bare.results[0].alternative_offering_ids


async def test_unknown_retired_and_future_offerings_are_unqualified_not_errors(
    eligibility: EligibilityServiceAsyncStub,
) -> None:
    done = await check(
        eligibility,
        ask(offering("off-nope"), offering("off-dsl-16"), offering("off-tv-football-pass-2030")),
    )
    assert [(r.outcome, r.reasons[0].code) for r in done.results] == [
        (check_pb2.OUTCOME_UNQUALIFIED, "OFFERING_UNKNOWN"),
        (check_pb2.OUTCOME_UNQUALIFIED, "OFFERING_NOT_ORDERABLE"),
        (check_pb2.OUTCOME_UNQUALIFIED, "OFFERING_NOT_ORDERABLE"),
    ]
    assert "Retired" in done.results[1].reasons[0].label
    assert "2030" in done.results[2].reasons[0].label


async def test_rules_see_the_place_the_request_and_the_customers_products(
    eligibility: EligibilityServiceAsyncStub,
) -> None:
    # cust-005: credit E in the west; cust-010 already has five mobile S lines.
    west = await check(eligibility, ask(offering("off-fibre-500"), party_id="cust-005", place=WEST))
    assert [r.code for r in west.results[0].reasons] == [
        "CREDIT_CLASS_TOO_LOW",
        "GEOGRAPHY_NOT_ELIGIBLE",
    ]
    sports = await check(eligibility, ask(offering("off-tv-sports"), party_id="cust-003"))
    assert sports.results[0].reasons[0].code == "PREREQUISITE_MISSING"
    with_tv = await check(
        eligibility, ask(offering("off-tv-sports"), offering("off-tv-base"), party_id="cust-003")
    )
    assert with_tv.outcome == check_pb2.OUTCOME_QUALIFIED
    sixth = await check(eligibility, ask(offering("off-mobile-s"), party_id="cust-010"))
    assert sixth.results[0].reasons[0].code == "MAXIMUM_QUANTITY_EXCEEDED"
    second_bundle = await check(eligibility, ask(offering("off-home-trio"), party_id="cust-006"))
    assert second_bundle.results[0].reasons[0].code == "INCOMPATIBLE_OFFERING"


async def test_a_place_id_is_located_in_the_address_register(
    eligibility: EligibilityServiceAsyncStub, seeded_settings: Settings
) -> None:
    address = {
        "id": "addr-eligibility-test",
        "street": "Quay",
        "number": "1",
        "postcode": "WM4 9ZZ",
        "city": "Westmere",
        "country": "GB",
        "region": "west",
        "postcode_key": "WM49ZZ",
        "city_key": "westmere",
    }
    addresses = table("feasibility_addresses", *(column(name) for name in address))
    engine = create_engine(seeded_settings.database_url)
    try:
        async with engine.begin() as connection:
            await connection.execute(insert(addresses).values(**address))
    finally:
        await engine.dispose()
    located = await check(
        eligibility,
        ask(offering("off-fwa-5g"), place=check_pb2.Place(id="addr-eligibility-test")),
    )
    assert located.outcome == check_pb2.OUTCOME_QUALIFIED
    assert (located.place.region, located.place.postcode) == ("west", "WM4 9ZZ")
    unknown = await check(
        eligibility, ask(offering("off-fwa-5g"), place=check_pb2.Place(id="addr-nowhere"))
    )
    assert unknown.results[0].reasons[0].code == "GEOGRAPHY_NOT_ELIGIBLE"


async def test_a_category_item_lists_the_eligible_offerings_of_the_subtree(
    eligibility: EligibilityServiceAsyncStub,
) -> None:
    item = check_pb2.CheckItem(id="bb", category_id="cat-broadband")
    rich = await check(eligibility, ask(item))
    poor = await check(eligibility, ask(item, party_id="cust-005", place=WEST))
    assert rich.results[0].outcome == check_pb2.OUTCOME_QUALIFIED
    assert {"off-fibre-1000", "off-vdsl-50", "off-static-ip"} - set(
        rich.results[0].eligible_offering_ids
    ) == {"off-static-ip"}
    eligible = set(poor.results[0].eligible_offering_ids)
    assert "off-vdsl-50" in eligible
    assert not eligible & {"off-fibre-1000", "off-fibre-500", "off-fibre-300", "off-dsl-16"}
    missing = await check(eligibility, ask(check_pb2.CheckItem(id="x", category_id="cat-nope")))
    assert missing.results[0].reasons[0].code == "CATEGORY_UNKNOWN"


async def test_configuration_problems_come_from_the_catalog(
    eligibility: EligibilityServiceAsyncStub,
) -> None:
    def speed(value: str) -> configuration_pb2.RequestedConfiguration:
        return configuration_pb2.RequestedConfiguration(
            characteristics=[
                characteristic_pb2.ConfiguredCharacteristic(
                    name="downloadSpeed",
                    values=[characteristic_pb2.CharacteristicValue(number=value)],
                )
            ]
        )

    done = await check(
        eligibility,
        ask(
            offering("off-fibre-1000", "fits", configuration=speed("1000")),
            offering("off-fibre-1000", "wrong", configuration=speed("2000")),
        ),
    )
    assert [r.outcome for r in done.results] == [
        check_pb2.OUTCOME_QUALIFIED,
        check_pb2.OUTCOME_UNQUALIFIED,
    ]
    assert done.results[1].reasons[0].code.startswith("CHARACTERISTIC_")
    assert done.items[1].configuration == speed("2000")


async def test_only_available_leaves_refused_items_out(
    eligibility: EligibilityServiceAsyncStub,
) -> None:
    options = check_pb2.CheckOptions(only_available=True, provide_reasons=True)
    done = await check(
        eligibility, ask(offering("off-tv-base"), offering("off-nope"), options=options)
    )
    assert [r.item_id for r in done.results] == ["off-tv-base"]
    assert done.outcome == check_pb2.OUTCOME_UNQUALIFIED
    assert done.options == options


async def test_an_asynchronous_check_is_acknowledged_then_done(
    eligibility: EligibilityServiceAsyncStub,
) -> None:
    acknowledged = await check(eligibility, ask(offering("off-fibre-300"), asynchronous=True))
    assert acknowledged.state == check_pb2.CHECK_STATE_ACKNOWLEDGED
    assert acknowledged.outcome == check_pb2.OUTCOME_UNSPECIFIED
    assert not acknowledged.results
    done = await settled(eligibility, acknowledged.id)
    assert done.state == check_pb2.CHECK_STATE_DONE
    assert done.outcome == check_pb2.OUTCOME_QUALIFIED
    assert done.HasField("judge_time")


async def test_checks_are_listed_newest_first_with_filters_and_totals(
    eligibility: EligibilityServiceAsyncStub,
) -> None:
    made = [
        await check(eligibility, ask(offering("off-tv-base"), party_id=party))
        for party in ("cust-001", "cust-002", "cust-001")
    ]
    mine = await eligibility.ListEligibilityChecks(
        pb.ListEligibilityChecksRequest(party_id="cust-001", page_size=1)
    )
    assert mine.total_size == 2
    assert [c.id for c in mine.checks] == [made[2].id]
    rest = await eligibility.ListEligibilityChecks(
        pb.ListEligibilityChecksRequest(party_id="cust-001", page_size=1, skip=1)
    )
    assert [c.id for c in rest.checks] == [made[0].id]
    done = await eligibility.ListEligibilityChecks(
        pb.ListEligibilityChecksRequest(states=[check_pb2.CHECK_STATE_DONE])
    )
    assert done.total_size == 3
    none = await eligibility.ListEligibilityChecks(
        pb.ListEligibilityChecksRequest(states=[check_pb2.CHECK_STATE_ACKNOWLEDGED])
    )
    assert (none.total_size, list(none.checks)) == (0, [])


async def test_only_the_description_can_be_updated(
    eligibility: EligibilityServiceAsyncStub,
) -> None:
    done = await check(eligibility, ask(offering("off-tv-base")))
    changed = check_pb2.EligibilityCheck(id=done.id, description="kept for order 42")
    request = pb.UpdateEligibilityCheckRequest(check=changed)
    request.update_mask.paths.append("description")
    updated = (await eligibility.UpdateEligibilityCheck(request)).check
    assert updated.description == "kept for order 42"
    assert list(updated.results) == list(done.results)

    request.update_mask.paths.append("outcome")
    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await eligibility.UpdateEligibilityCheck(request)
    problem = failure(refused.value)
    assert problem.code == grpc.StatusCode.INVALID_ARGUMENT
    assert (problem.reason, problem.domain) == ("FIELD_NOT_UPDATABLE", DOMAIN)
    assert problem.violations[0][0] == "outcome"


async def test_a_deleted_check_is_not_found(eligibility: EligibilityServiceAsyncStub) -> None:
    done = await check(eligibility, ask(offering("off-tv-base")))
    await eligibility.DeleteEligibilityCheck(pb.DeleteEligibilityCheckRequest(id=done.id))
    for call in (
        eligibility.GetEligibilityCheck(pb.GetEligibilityCheckRequest(id=done.id)),
        eligibility.DeleteEligibilityCheck(pb.DeleteEligibilityCheckRequest(id=done.id)),
    ):
        with pytest.raises(grpc.aio.AioRpcError) as missing:
            await call
        problem = failure(missing.value)
        assert problem.code == grpc.StatusCode.NOT_FOUND
        assert (problem.reason, problem.domain) == ("ELIGIBILITY_CHECK_NOT_FOUND", DOMAIN)
        assert problem.metadata == {"id": done.id}


async def test_a_malformed_question_is_an_invalid_argument(
    eligibility: EligibilityServiceAsyncStub,
) -> None:
    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await check(eligibility, ask(offering("off-tv-base", "1"), offering("off-tv-kids", "1")))
    problem = failure(refused.value)
    assert problem.code == grpc.StatusCode.INVALID_ARGUMENT
    assert problem.reason == "INVALID_ELIGIBILITY_QUESTION"
    assert problem.violations == [("items[1].item_id", "needs a unique id")]
    with pytest.raises(grpc.aio.AioRpcError) as empty:
        await check(eligibility, ask())
    assert failure(empty.value).violations[0][0] == "items"


async def test_eligible_offerings_follow_the_rules_and_the_category(
    eligibility: EligibilityServiceAsyncStub,
) -> None:
    def find(**fields: object) -> pb.FindEligibleOfferingsRequest:
        return pb.FindEligibleOfferingsRequest(channel="web", place=NORTH, **fields)  # type: ignore[arg-type]

    business = await eligibility.FindEligibleOfferings(find(party_id="org-001"))
    found = {o.offering_id for o in business.offerings}
    assert {"off-static-ip", "off-fibre-1000"} <= found
    assert not found & {"off-dsl-16", "off-fibre-2000", "off-home-phone", "off-family-pack"}
    prospect = await eligibility.FindEligibleOfferings(
        find(party_id="nobody", category_id="cat-mobile")
    )
    assert prospect.customer_is_prospect
    mobile = [o.offering_id for o in prospect.offerings]
    assert "off-mobile-s" in mobile
    assert "off-mobile-unlimited" not in mobile  # credit class and age unknown
    assert all(
        set(o.category_ids) & {"cat-mobile-plans", "cat-mobile-addons"} for o in prospect.offerings
    )
    capped = await eligibility.FindEligibleOfferings(find(party_id="org-001", page_size=2))
    assert len(capped.offerings) == 2
    with pytest.raises(grpc.aio.AioRpcError) as missing:
        await eligibility.FindEligibleOfferings(find(party_id="org-001", category_id="cat-nope"))
    problem = failure(missing.value)
    assert (problem.code, problem.reason) == (grpc.StatusCode.NOT_FOUND, "CATEGORY_NOT_FOUND")
