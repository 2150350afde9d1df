"""QueryProductOfferingQualification JSON <-> FindEligibleOfferings; answers validated against
the official TMF679 v5 schema."""

from __future__ import annotations

from typing import Any

import pytest
from google.protobuf.timestamp_pb2 import Timestamp

from ordercapture.qualification.v1 import check_pb2, eligibility_service_pb2
from rest_facade.errors import TmfError
from rest_facade.qualification.mapping.query import find_request_from_tmf, query_to_tmf
from tests.contract.official_tmf679 import problems


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


def test_a_query_maps_onto_find_eligible_offerings() -> None:
    request = find_request_from_tmf(
        body(
            searchCriteria=CRITERIA,
            relatedParty=[PARTY],
            channel={"@type": "ChannelRef", "id": "web"},
        )
    )
    assert request == eligibility_service_pb2.FindEligibleOfferingsRequest(
        party_id="p-1",
        channel="web",
        category_id="broadband",
        place=check_pb2.Place(postcode="1000"),
    )


@pytest.mark.parametrize(
    ("document", "named"),
    [
        (
            body(
                searchCriteria={
                    "@type": "QueryProductOfferingQualificationItem",
                    "productOffering": {"@type": "ProductOfferingRef", "id": "o"},
                }
            ),
            "searchCriteria.productOffering",
        ),
        (body(instantSyncQualification=False), "instantSyncQualification"),
        (body(note=[]), "note"),
        (body(searchCriteria={"promotion": {}}), "searchCriteria.promotion"),
        (body(searchCriteria={"product": {"productCharacteristic": []}}), "searchCriteria.product"),
    ],
)
def test_what_a_query_cannot_ask_is_refused(document: dict[str, Any], named: str) -> None:
    with pytest.raises(TmfError) as caught:
        find_request_from_tmf(document)
    assert caught.value.status == 400
    assert named in caught.value.message


def test_the_answer_lists_each_eligible_offering_and_says_prospect() -> None:
    document = body(searchCriteria=CRITERIA, relatedParty=[PARTY], description="what fits?")
    request = find_request_from_tmf(document)
    response = eligibility_service_pb2.FindEligibleOfferingsResponse(
        offerings=[
            check_pb2.EligibleOffering(offering_id="f1", name="Fibre 1", category_ids=["fibre"]),
            check_pb2.EligibleOffering(offering_id="d1"),
        ],
        customer_is_prospect=True,
    )
    answered = Timestamp()
    answered.FromJsonString("2026-01-01T10:00:00Z")
    answer = query_to_tmf(document, request, response, answered)
    assert problems("post", "/queryProductOfferingQualification", 200, answer) == []
    assert (answer["state"], answer["description"]) == ("done", "what fits?")
    assert "id" not in answer  # not stored
    assert answer["searchCriteria"]["category"]["id"] == "broadband"
    assert answer["searchCriteria"]["product"]["place"][0]["place"]["postcode"] == "1000"
    first, second = answer["qualifiedProductOfferingItem"]
    assert first["productOffering"] == {
        "@type": "ProductOfferingRef",
        "id": "f1",
        "name": "Fibre 1",
    }
    assert first["category"]["id"] == "fibre"
    assert second["productOffering"]["id"] == "d1"
    assert [note["id"] for note in answer["note"]] == ["CUSTOMER_IS_PROSPECT"]
