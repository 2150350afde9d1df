"""TMF645 checkServiceQualification over a real gRPC tier: synchronous and asynchronous
judging, reasons and alternatives, places by reference and by value, unknown addresses.
Every response body is validated against the official TMF645 v4 document by the client."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from tests.contract.official_tmf645 import Tmf645Validator, official_tmf645
from tests.integration.rest.harness import GrpcTier, facade
from tests.integration.rest.tmf645 import (
    COPPER,
    FIBRE,
    FULL,
    NOWHERE,
    STREET_NAME,
    Tmf645,
    at,
    at_value,
    check_body,
    fibre_specification,
    rollout_day,
    seed_network,
    service_item,
)


@dataclass
class Network:
    sq: Tmf645
    fibre_spec: str
    planned: str


@pytest.fixture(scope="module")
def network(tier: GrpcTier) -> Iterator[Network]:
    official = Tmf645Validator(official_tmf645())
    planned = rollout_day()
    seed_network(tier.target, planned)
    with facade(tier.target) as client:
        yield Network(Tmf645(client, official), fibre_specification(client), planned)


def settled(sq: Tmf645, check_id: str) -> dict[str, Any]:
    """The check once the background judging has finished (polled, never timed)."""
    for _ in range(400):
        document: dict[str, Any] = sq.retrieve(check_id).json()
        if document["state"] not in ("accepted", "inProgress"):
            return document
        time.sleep(0.025)
    raise AssertionError(f"check {check_id} was never judged")


def items_of(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {item["id"]: item for item in document["serviceQualificationItem"]}


def test_instant_sync_answers_200_with_the_judged_check(network: Network) -> None:
    body = check_body(
        service_item(at(FIBRE), specification=network.fibre_spec),
        instantSyncQualification=True,
        externalId="order-42",
        relatedParty=[{"id": "cust-7", "role": "customer", "@referredType": "Individual"}],
    )
    response = network.sq.check(body)
    assert response.status_code == 200
    assert "location" not in response.headers
    document = response.json()
    assert document["state"] == "done"
    assert document["qualificationResult"] == "qualified"
    assert document["externalId"] == "order-42"
    assert document["relatedParty"][0]["id"] == "cust-7"
    assert document["checkServiceQualificationDate"] <= document["effectiveQualificationDate"]
    assert document["expirationDate"] > document["effectiveQualificationDate"]
    (item,) = document["serviceQualificationItem"]
    assert item["id"] == "1"
    assert item["qualificationResult"] == "qualified"
    assert item["expirationDate"] == document["expirationDate"]
    technology = [
        c["value"]
        for c in item["service"]["serviceCharacteristic"]
        if c["name"] == "accessTechnology"
    ]
    assert technology == ["FTTH"]
    # Stored: the same answer is retrieved later.
    assert network.sq.retrieve(document["id"]).json() == document


def test_without_instant_sync_the_check_is_accepted_then_judged(network: Network) -> None:
    body = check_body(service_item(at(FIBRE), specification=network.fibre_spec))
    response = network.sq.check(body)
    assert response.status_code == 201
    document = response.json()
    assert document["state"] in ("accepted", "inProgress", "done")
    assert response.headers["location"] == document["href"]
    assert document["href"].endswith(f"/checkServiceQualification/{document['id']}")
    judged = settled(network.sq, document["id"])
    assert judged["state"] == "done"
    assert judged["qualificationResult"] == "qualified"
    assert judged["serviceQualificationItem"][0]["qualificationResult"] == "qualified"
    assert judged["checkServiceQualificationDate"] == document["checkServiceQualificationDate"]


def test_alternatives_and_reasons_when_asked(network: Network) -> None:
    body = check_body(
        service_item(at(COPPER), specification=network.fibre_spec, item_id="copper"),
        service_item(at(FULL), specification=network.fibre_spec, item_id="full"),
        instantSyncQualification=True,
        provideAlternative=True,
        provideUnavailabilityReason=True,
    )
    document = network.sq.check(body).json()
    items = items_of(document)
    copper, full = items["copper"], items["full"]

    assert copper["qualificationResult"] == "alternate"
    assert {r["code"] for r in copper["eligibilityUnavailabilityReason"]} == {"NOT_YET_AVAILABLE"}
    (later,) = copper["alternateServiceProposal"]
    assert later["alternateServiceAvailabilityDate"] == f"{network.planned}T00:00:00Z"
    offered = {c["name"]: c["value"] for c in later["alternateService"]["serviceCharacteristic"]}
    assert offered == {"accessTechnology": "FTTH", "downloadSpeed": 1000, "uploadSpeed": 500}

    assert full["qualificationResult"] == "unqualified"
    assert [r["code"] for r in full["eligibilityUnavailabilityReason"]] == ["NO_CAPACITY"]
    assert "alternateServiceProposal" not in full
    assert document["qualificationResult"] == "unqualified"  # any unqualified item


def test_without_provide_alternative_an_alternate_item_is_unqualified(network: Network) -> None:
    body = check_body(
        service_item(at(COPPER), specification=network.fibre_spec), instantSyncQualification=True
    )
    document = network.sq.check(body).json()
    (item,) = document["serviceQualificationItem"]
    assert item["qualificationResult"] == "unqualified"
    assert "alternateServiceProposal" not in item
    assert "eligibilityUnavailabilityReason" not in item
    assert document["provideAlternative"] is False


def test_a_slower_service_asked_by_characteristics_is_qualified(network: Network) -> None:
    wanted: list[dict[str, Any]] = [
        {"name": "accessTechnology", "value": ["FTTH", "VDSL"]},
        {"name": "downloadSpeed", "value": 80},
    ]
    body = check_body(
        service_item(at(COPPER), characteristics=wanted), instantSyncQualification=True
    )
    (item,) = network.sq.check(body).json()["serviceQualificationItem"]
    assert item["qualificationResult"] == "qualified"
    by_name = {c["name"]: c["value"] for c in item["service"]["serviceCharacteristic"]}
    assert by_name == {"accessTechnology": "VDSL", "downloadSpeed": 80}


def test_all_alternate_items_make_an_alternate_check(network: Network) -> None:
    body = check_body(
        service_item(at(COPPER), specification=network.fibre_spec),
        instantSyncQualification=True,
        provideAlternative=True,
    )
    document = network.sq.check(body).json()
    assert document["qualificationResult"] == "alternate"


def test_an_address_by_value_is_matched_to_the_register(network: Network) -> None:
    place = at_value(STREET_NAME.upper(), "1")  # normalised by the register
    body = check_body(
        service_item(place, specification=network.fibre_spec), instantSyncQualification=True
    )
    (item,) = network.sq.check(body).json()["serviceQualificationItem"]
    assert item["qualificationResult"] == "qualified"
    (judged_place,) = item["service"]["place"]
    assert judged_place["id"] == FIBRE
    assert judged_place["streetName"] == STREET_NAME.upper()


def test_an_unknown_address_is_unqualified_with_suggested_addresses(network: Network) -> None:
    place = at_value("Mill Lne", "1")
    body = check_body(
        service_item(place, specification=network.fibre_spec),
        instantSyncQualification=True,
        provideUnavailabilityReason=True,
    )
    document = network.sq.check(body).json()
    (item,) = document["serviceQualificationItem"]
    assert item["qualificationResult"] == "unqualified"
    assert [r["code"] for r in item["eligibilityUnavailabilityReason"]] == ["ADDRESS_NOT_FOUND"]
    asked, *suggested = item["service"]["place"]
    assert asked["role"] == "installationAddress"
    assert "id" not in asked
    assert 1 <= len(suggested) <= 5
    assert {s["role"] for s in suggested} == {"suggestedAddress"}
    assert FIBRE in {s["id"] for s in suggested}
    assert all(s["streetName"] == STREET_NAME for s in suggested)


def test_no_coverage_is_a_reason(network: Network) -> None:
    body = check_body(
        service_item(at(NOWHERE), specification=network.fibre_spec),
        instantSyncQualification=True,
        provideUnavailabilityReason=True,
    )
    (item,) = network.sq.check(body).json()["serviceQualificationItem"]
    assert item["qualificationResult"] == "unqualified"
    assert [r["code"] for r in item["eligibilityUnavailabilityReason"]] == ["NO_COVERAGE"]


def test_an_unknown_specification_is_an_unqualified_item(network: Network) -> None:
    body = check_body(
        service_item(at(FIBRE), specification="no-such-spec"),
        instantSyncQualification=True,
        provideUnavailabilityReason=True,
    )
    (item,) = network.sq.check(body).json()["serviceQualificationItem"]
    assert item["qualificationResult"] == "unqualified"
    codes = [r["code"] for r in item["eligibilityUnavailabilityReason"]]
    assert codes == ["PRODUCT_SPECIFICATION_NOT_FOUND"]
