"""QueryServiceQualification JSON <-> FindAvailableServices; rendered answers validate against
the official TMF645 v4 definition."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from ordercapture.feasibility.v1 import check_pb2, feasibility_service_pb2, network_pb2
from rest_facade.errors import TmfError
from rest_facade.feasibility.mapping.query import find_request_from_tmf, query_to_tmf
from tests.contract.official_tmf645 import Tmf645Validator, official_tmf645

ANSWERED = datetime(2027, 1, 15, 8, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def official() -> Tmf645Validator:
    return Tmf645Validator(official_tmf645())


def query(place: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"searchCriteria": {"service": {"place": [place]}}, **extra}


def test_the_place_and_the_customer_are_read() -> None:
    request, party = find_request_from_tmf(
        query({"id": "addr-1"}, relatedParty=[{"id": "c1", "@referredType": "Individual"}])
    )
    assert request.place.address_id == "addr-1"
    assert party == "c1"


@pytest.mark.parametrize(
    ("document", "fragment"),
    [
        ({}, "searchCriteria"),
        ({"searchCriteria": {"service": {"place": []}}}, "searchCriteria.service.place"),
        (
            {"searchCriteria": {"service": {"place": [{"id": "a"}], "serviceSpecification": {}}}},
            "searchCriteria.service.serviceSpecification",
        ),
        ({"searchCriteria": {"category": {}, "service": {}}}, "searchCriteria.category"),
        (query({"id": "a"}, expectedQualificationDate="x"), "expectedQualificationDate"),
    ],
)
def test_bad_queries_are_refused(document: dict[str, Any], fragment: str) -> None:
    with pytest.raises(TmfError) as raised:
        find_request_from_tmf(document)
    assert fragment in raised.value.message


def test_one_item_per_available_service_and_deliverable_specification(
    official: Tmf645Validator,
) -> None:
    found = feasibility_service_pb2.FindAvailableServicesResponse(
        address=network_pb2.Address(id="addr-1"),
        services=[
            available("FTTH", 1000, specs=["fibre-500", "fibre-1000"]),
            available("5G-FWA", 300, available_from="2027-06-01", capacity=False),
            available("VDSL", 100, capacity=False),
            available("ADSL", 16),
        ],
    )
    place = check_pb2.PlaceSelector(address_id="addr-1")
    document = query_to_tmf({"externalId": "q1"}, place, "", found, ANSWERED)
    assert official.check_definition("QueryServiceQualification", document) == []
    assert document["state"] == "done"
    assert document["externalId"] == "q1"
    assert "id" not in document
    items = document["serviceQualificationItem"]
    described = [
        (
            i["service"].get("serviceSpecification", {}).get("id"),
            i["service"]["serviceCharacteristic"][0]["value"],
            i.get("expectedServiceAvailabilityDate"),
        )
        for i in items
    ]
    assert described == [
        ("fibre-500", "FTTH", None),
        ("fibre-1000", "FTTH", None),
        (None, "5G-FWA", "2027-06-01T00:00:00Z"),
        (None, "ADSL", None),
    ]
    assert [i["id"] for i in items] == ["1", "2", "3", "4"]


def test_an_unknown_place_answers_suggestions_and_no_items(official: Tmf645Validator) -> None:
    found = feasibility_service_pb2.FindAvailableServicesResponse(
        suggestions=[network_pb2.Address(id="addr-3", street="High Street", number="3")]
    )
    place = check_pb2.PlaceSelector(address=network_pb2.Address(street="Hihg St", number="3"))
    document = query_to_tmf({}, place, "c1", found, ANSWERED)
    assert official.check_definition("QueryServiceQualification", document) == []
    assert document["serviceQualificationItem"] == []
    asked, suggested = document["searchCriteria"]["service"]["place"]
    assert asked["streetName"] == "Hihg St"
    assert (suggested["role"], suggested["id"]) == ("suggestedAddress", "addr-3")
    assert document["relatedParty"][0]["id"] == "c1"


def available(
    technology: str,
    down: int,
    *,
    specs: list[str] | None = None,
    available_from: str = "",
    capacity: bool = True,
) -> check_pb2.AvailableService:
    return check_pb2.AvailableService(
        technology=technology,
        max_download_mbps=down,
        max_upload_mbps=down // 2,
        available_from=available_from,
        has_capacity=capacity,
        product_specification_ids=specs or [],
    )
