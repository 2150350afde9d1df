"""CheckServiceQualification JSON <-> CheckFeasibilityRequest / FeasibilityCheck; rendered
checks validate against the official TMF645 v4 definition."""

from __future__ import annotations

from typing import Any

import pytest
from google.protobuf.timestamp_pb2 import Timestamp

from ordercapture.feasibility.v1 import check_pb2, network_pb2
from ordercapture.type.v1 import characteristic_pb2
from rest_facade.errors import TmfError
from rest_facade.feasibility.mapping.check import (
    check_to_tmf,
    create_request_from_tmf,
    update_from_tmf,
)
from rest_facade.tmf_values import Hrefs
from tests.contract.official_tmf645 import Tmf645Validator, official_tmf645

HREFS = Hrefs("http://sq.example/tmf-api/serviceQualificationManagement/v4")
FS = check_pb2.Feasibility


@pytest.fixture(scope="module")
def official() -> Tmf645Validator:
    return Tmf645Validator(official_tmf645())


def item(**service: Any) -> dict[str, Any]:
    return {"service": {"place": [{"id": "addr-1", "role": "installationAddress"}], **service}}


def test_instant_sync_judges_in_the_request() -> None:
    request = create_request_from_tmf(
        {"instantSyncQualification": True, "serviceQualificationItem": [item()]}
    )
    assert not request.asynchronous


def test_without_instant_sync_the_check_is_judged_in_the_background() -> None:
    assert create_request_from_tmf({"serviceQualificationItem": [item()]}).asynchronous


def test_a_full_request_is_mapped() -> None:
    request = create_request_from_tmf(
        {
            "@type": "CheckServiceQualification",
            "description": "move",
            "externalId": "ext-1",
            "provideAlternative": True,
            "provideUnavailabilityReason": True,
            "relatedParty": [{"id": "cust-1", "role": "Customer", "@referredType": "Individual"}],
            "serviceQualificationItem": [
                {
                    "id": "a",
                    **item(
                        serviceSpecification={"id": "spec-fibre"},
                        serviceCharacteristic=[{"name": "downloadSpeed", "value": 500}],
                    ),
                },
                item(),
            ],
        }
    )
    assert request.party_id == "cust-1"
    assert request.description == "move"
    assert request.external_id == "ext-1"
    assert request.options == check_pb2.CheckOptions(
        provide_alternatives=True, provide_reasons=True
    )
    assert [i.id for i in request.items] == ["a", "2"]  # unnamed items are numbered by position
    assert request.items[0].product_specification_id == "spec-fibre"
    assert request.items[0].characteristics[0].values[0].number == "500"
    assert request.items[1].place.address_id == "addr-1"


def test_echoed_server_attributes_are_ignored() -> None:
    request = create_request_from_tmf(
        {
            "id": "x",
            "state": "done",
            "qualificationResult": "qualified",
            "serviceQualificationItem": [{**item(), "qualificationResult": "qualified"}],
        }
    )
    assert len(request.items) == 1


@pytest.mark.parametrize(
    ("document", "fragment"),
    [
        ({"serviceQualificationItem": []}, "serviceQualificationItem"),
        ({"serviceQualificationItem": [{"id": "1"}]}, "serviceQualificationItem[0].service"),
        ({"serviceQualificationItem": [{**item(), "category": {}}]}, "[0].category"),
        ({"serviceQualificationItem": [item(feature=[])]}, "[0].service.feature"),
        ({"serviceQualificationItem": [item(serviceSpecification={})]}, "serviceSpecification.id"),
        ({"serviceQualificationItem": [item()], "provideAlternative": "yes"}, "provideAlternative"),
        (
            {"serviceQualificationItem": [item()], "relatedParty": [{"id": "p", "role": "seller"}]},
            "relatedParty[0].role",
        ),
    ],
)
def test_bad_requests_are_refused_naming_the_attribute(
    document: dict[str, Any], fragment: str
) -> None:
    with pytest.raises(TmfError) as raised:
        create_request_from_tmf(document)
    assert raised.value.status == 400
    assert fragment in raised.value.message


def _time(seconds: int) -> Timestamp:
    return Timestamp(seconds=seconds)


def judged_check() -> check_pb2.FeasibilityCheck:
    value_place = check_pb2.PlaceSelector(
        address=network_pb2.Address(street="High St", number="1", postcode="NW1 1AA", city="N")
    )
    return check_pb2.FeasibilityCheck(
        id="chk-1",
        party_id="cust-1",
        description="move",
        external_id="ext-1",
        options=check_pb2.CheckOptions(provide_alternatives=True, provide_reasons=True),
        state=check_pb2.CHECK_STATE_DONE,
        outcome=FS.FEASIBILITY_UNQUALIFIED,
        create_time=_time(1_800_000_000),
        judge_time=_time(1_800_000_001),
        expire_time=_time(1_800_086_400),
        items=[
            check_pb2.ServiceItem(
                id="ok",
                place=check_pb2.PlaceSelector(address_id="addr-1"),
                product_specification_id="spec-fibre",
                characteristics=[
                    characteristic_pb2.ConfiguredCharacteristic(
                        name="accessTechnology",
                        values=[
                            characteristic_pb2.CharacteristicValue(text="FTTH"),
                            characteristic_pb2.CharacteristicValue(text="VDSL"),
                        ],
                    )
                ],
            ),
            check_pb2.ServiceItem(id="alt", place=check_pb2.PlaceSelector(address_id="addr-2")),
            check_pb2.ServiceItem(id="unknown", place=value_place),
        ],
        results=[
            check_pb2.ServiceResult(
                item_id="ok",
                outcome=FS.FEASIBILITY_QUALIFIED,
                address_id="addr-1",
                technology="VDSL",
            ),
            check_pb2.ServiceResult(
                item_id="alt",
                outcome=FS.FEASIBILITY_ALTERNATE,
                address_id="addr-2",
                reasons=[check_pb2.Reason(code="SPEED_NOT_AVAILABLE", label="too slow")],
                alternatives=[
                    check_pb2.AlternativeService(
                        technology="VDSL", max_download_mbps=100, max_upload_mbps=40
                    ),
                    check_pb2.AlternativeService(
                        technology="FTTH",
                        max_download_mbps=1000,
                        max_upload_mbps=500,
                        available_from="2027-03-01",
                    ),
                ],
            ),
            check_pb2.ServiceResult(
                item_id="unknown",
                outcome=FS.FEASIBILITY_UNQUALIFIED,
                reasons=[check_pb2.Reason(code="ADDRESS_NOT_FOUND", label="not in the register")],
                suggested_addresses=[
                    network_pb2.Address(id="addr-7", street="High Street", number="1")
                ],
            ),
        ],
    )


def test_a_judged_check_is_rendered(official: Tmf645Validator) -> None:
    document = check_to_tmf(judged_check(), HREFS)
    assert official.check_definition("CheckServiceQualification", document) == []
    assert document["href"] == f"{HREFS.root}/checkServiceQualification/chk-1"
    assert document["state"] == "done"
    assert document["qualificationResult"] == "unqualified"
    assert document["checkServiceQualificationDate"] == "2027-01-15T08:00:00Z"
    assert document["effectiveQualificationDate"] == "2027-01-15T08:00:01Z"
    assert document["expirationDate"] == "2027-01-16T08:00:00Z"
    assert document["relatedParty"][0]["id"] == "cust-1"
    ok, alt, unknown = document["serviceQualificationItem"]

    assert ok["qualificationResult"] == "qualified"
    assert ok["service"]["serviceSpecification"]["id"] == "spec-fibre"
    assert ok["service"]["serviceCharacteristic"] == [
        {
            "@type": "Characteristic",
            "name": "accessTechnology",
            "valueType": "string",
            "value": "VDSL",
        }
    ]
    assert "eligibilityUnavailabilityReason" not in ok

    assert alt["qualificationResult"] == "alternate"
    assert alt["eligibilityUnavailabilityReason"][0]["code"] == "SPEED_NOT_AVAILABLE"
    now, later = alt["alternateServiceProposal"]
    assert now["alternateServiceAvailabilityDate"] == document["effectiveQualificationDate"]
    assert later["alternateServiceAvailabilityDate"] == "2027-03-01T00:00:00Z"
    assert [c["value"] for c in later["alternateService"]["serviceCharacteristic"]] == [
        "FTTH",
        1000,
        500,
    ]

    assert unknown["qualificationResult"] == "unqualified"
    assert unknown["eligibilityUnavailabilityReason"][0]["code"] == "ADDRESS_NOT_FOUND"
    asked, suggested = unknown["service"]["place"]
    assert "id" not in asked
    assert (suggested["role"], suggested["id"]) == ("suggestedAddress", "addr-7")


def test_an_accepted_check_has_no_results_yet(official: Tmf645Validator) -> None:
    check = check_pb2.FeasibilityCheck(
        id="chk-2",
        state=check_pb2.CHECK_STATE_ACCEPTED,
        create_time=_time(1_800_000_000),
        items=[check_pb2.ServiceItem(id="1", place=check_pb2.PlaceSelector(address_id="a"))],
    )
    document = check_to_tmf(check, HREFS)
    assert official.check_definition("CheckServiceQualification", document) == []
    assert document["state"] == "accepted"
    assert "qualificationResult" not in document
    assert "qualificationResult" not in document["serviceQualificationItem"][0]


def test_a_failed_check_says_why_on_each_item(official: Tmf645Validator) -> None:
    check = check_pb2.FeasibilityCheck(
        id="chk-3",
        state=check_pb2.CHECK_STATE_TERMINATED_WITH_ERROR,
        error="catalog unavailable",
        items=[check_pb2.ServiceItem(id="1", place=check_pb2.PlaceSelector(address_id="a"))],
    )
    document = check_to_tmf(check, HREFS)
    assert official.check_definition("CheckServiceQualification", document) == []
    assert document["state"] == "terminatedWithError"
    errors = document["serviceQualificationItem"][0]["terminationError"]
    assert errors[0]["value"] == "catalog unavailable"


def test_an_update_carries_only_the_descriptive_values() -> None:
    updated = update_from_tmf("chk-1", {"description": "new", "externalId": "e2", "state": "done"})
    assert updated == check_pb2.FeasibilityCheck(id="chk-1", description="new", external_id="e2")
