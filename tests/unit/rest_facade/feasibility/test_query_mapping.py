"""QueryServiceQualification JSON <-> CreateAvailabilityQueryRequest / AvailabilityQuery;
rendered queries validate against the official TMF645 v4 definition."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from google.protobuf.timestamp_pb2 import Timestamp

from ordercapture.feasibility.v1 import check_pb2, network_pb2, query_pb2
from rest_facade.errors import TmfError
from rest_facade.feasibility.mapping.query import (
    create_request_from_tmf,
    query_to_tmf,
    update_from_tmf,
)
from rest_facade.tmf_values import Hrefs
from tests.contract.official_tmf645 import Tmf645Validator, official_tmf645

HREFS = Hrefs("http://sq.example/tmf-api/serviceQualificationManagement/v4")


@pytest.fixture(scope="module")
def official() -> Tmf645Validator:
    return Tmf645Validator(official_tmf645())


def query(place: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"searchCriteria": {"service": {"place": [place]}}, **extra}


def stamp(moment: datetime) -> Timestamp:
    found = Timestamp()
    found.FromDatetime(moment)
    return found


def test_the_place_the_customer_and_the_callers_values_are_read() -> None:
    request = create_request_from_tmf(
        query(
            {"id": "addr-1"},
            relatedParty=[{"id": "c1", "@referredType": "Individual"}],
            description="first look",
            externalId="q-1",
            instantSyncQualification=True,
        )
    )
    assert request.place.address_id == "addr-1"
    assert (request.party_id, request.description, request.external_id) == (
        "c1",
        "first look",
        "q-1",
    )
    assert not request.asynchronous


def test_without_instant_sync_the_query_is_answered_in_the_background() -> None:
    assert create_request_from_tmf(query({"id": "a"})).asynchronous
    assert create_request_from_tmf(query({"id": "a"}, instantSyncQualification=False)).asynchronous


def test_server_managed_attributes_echoed_back_are_ignored() -> None:
    echoed = query({"id": "a"}, id="x", state="done", serviceQualificationItem=[{}])
    assert create_request_from_tmf(echoed).place.address_id == "a"


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
        (query({"id": "a"}, description=5), "description"),
        (query({"id": "a"}, instantSyncQualification="yes"), "instantSyncQualification"),
    ],
)
def test_bad_queries_are_refused(document: dict[str, Any], fragment: str) -> None:
    with pytest.raises(TmfError) as raised:
        create_request_from_tmf(document)
    assert fragment in raised.value.message


def test_one_item_per_available_service_and_deliverable_specification(
    official: Tmf645Validator,
) -> None:
    answered = query_pb2.AvailabilityQuery(
        id="q-1",
        place=check_pb2.PlaceSelector(address_id="addr-1"),
        external_id="ext",
        description="first look",
        state=check_pb2.CHECK_STATE_DONE,
        address=network_pb2.Address(id="addr-1"),
        services=[
            available("FTTH", 1000, specs=["fibre-500", "fibre-1000"]),
            available("5G-FWA", 300, available_from="2027-06-01", capacity=False),
            available("VDSL", 100, capacity=False),
            available("ADSL", 16),
        ],
        create_time=stamp(datetime(2027, 1, 15, 8, 0, tzinfo=UTC)),
        judge_time=stamp(datetime(2027, 1, 15, 8, 0, 1, tzinfo=UTC)),
        expire_time=stamp(datetime(2027, 1, 16, 8, 0, 1, tzinfo=UTC)),
    )
    document = query_to_tmf(answered, HREFS)
    assert official.check_definition("QueryServiceQualification", document) == []
    assert document["id"] == "q-1"
    assert document["href"] == f"{HREFS.root}/queryServiceQualification/q-1"
    assert document["state"] == "done"
    assert (document["externalId"], document["description"]) == ("ext", "first look")
    assert document["queryServiceQualificationDate"] == "2027-01-15T08:00:00Z"
    assert document["effectiveQualificationDate"] == "2027-01-15T08:00:01Z"
    assert document["expirationDate"] == "2027-01-16T08:00:01Z"
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


def test_an_accepted_query_has_no_answer_yet(official: Tmf645Validator) -> None:
    accepted = query_pb2.AvailabilityQuery(
        id="q-2",
        place=check_pb2.PlaceSelector(address_id="addr-1"),
        state=check_pb2.CHECK_STATE_ACCEPTED,
        create_time=stamp(datetime(2027, 1, 15, 8, 0, tzinfo=UTC)),
    )
    document = query_to_tmf(accepted, HREFS)
    assert official.check_definition("QueryServiceQualification", document) == []
    assert document["state"] == "accepted"
    assert document["serviceQualificationItem"] == []
    assert "effectiveQualificationDate" not in document


def test_an_unknown_place_answers_suggestions_and_no_items(official: Tmf645Validator) -> None:
    answered = query_pb2.AvailabilityQuery(
        id="q-3",
        place=check_pb2.PlaceSelector(address=network_pb2.Address(street="Hihg St", number="3")),
        party_id="c1",
        state=check_pb2.CHECK_STATE_DONE,
        suggestions=[network_pb2.Address(id="addr-3", street="High Street", number="3")],
    )
    document = query_to_tmf(answered, HREFS)
    assert official.check_definition("QueryServiceQualification", document) == []
    assert document["serviceQualificationItem"] == []
    asked, suggested = document["searchCriteria"]["service"]["place"]
    assert asked["streetName"] == "Hihg St"
    assert (suggested["role"], suggested["id"]) == ("suggestedAddress", "addr-3")
    assert document["relatedParty"][0]["id"] == "c1"


def test_a_patched_representation_gives_the_new_descriptive_values() -> None:
    updated = update_from_tmf("q-1", {"description": "second look", "externalId": None})
    assert (updated.id, updated.description, updated.external_id) == ("q-1", "second look", "")


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
