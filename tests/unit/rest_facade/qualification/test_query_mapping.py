"""QueryProductOfferingQualification JSON <-> CreateEligibilityQueryRequest / EligibilityQuery;
rendered queries validated against the official TMF679 v5 schema."""

from __future__ import annotations

from typing import Any

import pytest
from google.protobuf.timestamp_pb2 import Timestamp

from ordercapture.qualification.v1 import check_pb2, eligibility_service_pb2, query_pb2
from rest_facade.errors import TmfError
from rest_facade.qualification.mapping.query import (
    ATTRIBUTES,
    query_request_from_tmf,
    query_to_tmf,
)
from rest_facade.tmf_values import Hrefs
from tests.contract.official_tmf679 import problems

ROOT = "http://h/tmf-api/productOfferingQualification/v5"
CS = check_pb2.CheckState


def body(**extra: Any) -> dict[str, Any]:
    return {"@type": "QueryProductOfferingQualification", **extra}


CRITERIA = {
    "@type": "QueryProductOfferingQualificationItem",
    "category": {"@type": "CategoryRef", "id": "broadband"},
    "product": {
        "@type": "Product",
        "place": [
            {
                "@type": "RelatedPlaceRefOrValue",
                "role": "installationAddress",
                "place": {"@type": "GeographicAddress", "postcode": "1000", "city": "Town"},
            }
        ],
    },
}
PARTY = {
    "@type": "RelatedPartyOrPartyRole",
    "role": "CUSTOMER",
    "partyOrPartyRole": {"@type": "PartyRef", "id": "p-1"},
}


def at(moment: str) -> Timestamp:
    stamp = Timestamp()
    stamp.FromJsonString(moment)
    return stamp


def test_a_query_maps_onto_create_eligibility_query() -> None:
    criteria = {**CRITERIA, "productOffering": {"@type": "ProductOfferingRef", "id": "f1"}}
    request = query_request_from_tmf(
        body(
            searchCriteria=criteria,
            relatedParty=[PARTY],
            channel={"@type": "ChannelRef", "id": "web"},
            description="what fits?",
        ),
        asynchronous=False,
    )
    assert request == eligibility_service_pb2.CreateEligibilityQueryRequest(
        party_id="p-1",
        channel="web",
        category_id="broadband",
        offering_ids=["f1"],
        place=check_pb2.Place(postcode="1000"),
        description="what fits?",
    )


@pytest.mark.parametrize(
    ("document", "asynchronous", "expected"),
    [
        (body(), False, False),
        (body(), True, True),
        (body(instantSyncQualification=False), False, True),
        (body(instantSyncQualification=True), False, False),
    ],
)
def test_background_answering_is_asked_by_header_or_deprecated_flag(
    document: dict[str, Any], asynchronous: bool, expected: bool
) -> None:
    request = query_request_from_tmf(document, asynchronous=asynchronous)
    assert request.asynchronous is expected
    assert not request.offering_ids  # no criteria: any offering


@pytest.mark.parametrize(
    ("document", "named"),
    [
        (body(id="mine"), "id"),
        (body(searchCriteria={"promotion": {}}), "searchCriteria.promotion"),
        (body(searchCriteria={"product": {"productCharacteristic": []}}), "searchCriteria.product"),
        (body(searchCriteria={"productOffering": {"id": ""}}), "searchCriteria.productOffering"),
        (body(searchCriteria={"productOffering": "f1"}), "searchCriteria.productOffering"),
        (body(searchCriteria=[]), "searchCriteria"),
    ],
)
def test_what_a_query_cannot_ask_is_refused(document: dict[str, Any], named: str) -> None:
    with pytest.raises(TmfError) as caught:
        query_request_from_tmf(document, asynchronous=False)
    assert caught.value.status == 400
    assert named in caught.value.message


def answered_query(**extra: Any) -> query_pb2.EligibilityQuery:
    return query_pb2.EligibilityQuery(
        id="q-1",
        party_id="p-1",
        channel="web",
        place=check_pb2.Place(postcode="1000"),
        category_id="broadband",
        description="what fits?",
        state=CS.CHECK_STATE_DONE,
        offerings=[
            check_pb2.EligibleOffering(offering_id="f1", name="Fibre 1", category_ids=["fibre"]),
            check_pb2.EligibleOffering(offering_id="d1"),
        ],
        create_time=at("2026-01-01T10:00:00Z"),
        judge_time=at("2026-01-01T10:00:01Z"),
        expire_time=at("2026-01-31T10:00:00Z"),
        **extra,
    )


def test_an_answered_query_lists_each_eligible_offering_and_says_prospect() -> None:
    answer = query_to_tmf(answered_query(customer_is_prospect=True), Hrefs(ROOT))
    assert problems("post", "/queryProductOfferingQualification", 201, answer) == []
    assert problems("get", "/queryProductOfferingQualification/{id}", 200, answer) == []
    assert answer["id"] == "q-1"
    assert answer["href"] == f"{ROOT}/queryProductOfferingQualification/q-1"
    assert (answer["state"], answer["description"]) == ("done", "what fits?")
    assert answer["creationDate"] == "2026-01-01T10:00:00Z"
    assert answer["effectiveQualificationDate"] == "2026-01-01T10:00:01Z"
    assert answer["expirationDate"] == "2026-01-31T10:00:00Z"
    assert answer["relatedParty"][0]["partyOrPartyRole"]["id"] == "p-1"
    assert answer["channel"]["id"] == "web"
    assert answer["searchCriteria"]["category"]["id"] == "broadband"
    assert "productOffering" not in answer["searchCriteria"]
    assert answer["searchCriteria"]["product"]["place"][0]["place"]["postcode"] == "1000"
    first, second = answer["qualifiedProductOfferingItem"]
    assert first == {
        "@type": "QueryProductOfferingQualificationItem",
        "id": "1",
        "productOffering": {"@type": "ProductOfferingRef", "id": "f1", "name": "Fibre 1"},
        "category": {"@type": "CategoryRef", "id": "fibre"},
    }
    assert (second["id"], second["productOffering"]["id"]) == ("2", "d1")
    assert [note["id"] for note in answer["note"]] == ["CUSTOMER_IS_PROSPECT"]
    assert set(answer) <= ATTRIBUTES


def test_an_acknowledged_query_has_no_answer_yet() -> None:
    waiting = query_pb2.EligibilityQuery(
        id="q-2", state=CS.CHECK_STATE_ACKNOWLEDGED, create_time=at("2026-01-01T10:00:00Z")
    )
    document = query_to_tmf(waiting, Hrefs(ROOT))
    assert problems("post", "/queryProductOfferingQualification", 202, document) == []
    assert document["state"] == "acknowledged"
    assert "qualifiedProductOfferingItem" not in document
    assert "effectiveQualificationDate" not in document
    assert document["searchCriteria"] == {"@type": "QueryProductOfferingQualificationItem"}


def test_a_failed_query_says_why_in_a_note() -> None:
    failed = query_pb2.EligibilityQuery(
        id="q-3", state=CS.CHECK_STATE_TERMINATED_WITH_ERROR, error="catalog unavailable"
    )
    document = query_to_tmf(failed, Hrefs(ROOT))
    assert problems("get", "/queryProductOfferingQualification/{id}", 200, document) == []
    assert document["state"] == "terminatedWithError"
    assert document["note"] == [
        {"@type": "Note", "id": "JUDGING_FAILED", "text": "catalog unavailable"}
    ]


def test_the_searched_offerings_show_in_the_criteria_or_in_a_note() -> None:
    one = query_to_tmf(answered_query(offering_ids=["f1"]), Hrefs(ROOT))
    assert one["searchCriteria"]["productOffering"] == {"@type": "ProductOfferingRef", "id": "f1"}
    assert "note" not in one
    several = query_to_tmf(answered_query(offering_ids=["f1", "d1"]), Hrefs(ROOT))
    assert problems("get", "/queryProductOfferingQualification/{id}", 200, several) == []
    assert "productOffering" not in several["searchCriteria"]
    (note,) = several["note"]
    assert note["id"] == "SEARCHED_OFFERINGS"
    assert "f1, d1" in note["text"]
