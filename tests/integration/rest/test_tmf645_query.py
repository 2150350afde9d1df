"""TMF645 queryServiceQualification over a real gRPC tier: answered in the request, not stored.
Every response body is validated against the official TMF645 v4 document."""

from __future__ import annotations

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
    QUERIES,
    STREET_NAME,
    Tmf645,
    at,
    at_value,
    fibre_specification,
    rollout_day,
    seed_network,
)


@dataclass
class Network:
    sq: Tmf645
    fibre_spec: str
    planned: str


@pytest.fixture(scope="module")
def network(tier: GrpcTier) -> Iterator[Network]:
    planned = rollout_day()
    seed_network(tier.target, planned)
    with facade(tier.target) as client:
        yield Network(
            Tmf645(client, Tmf645Validator(official_tmf645())), fibre_specification(client), planned
        )


def query(place: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    return {
        "@type": "QueryServiceQualification",
        "searchCriteria": {"@type": "ServiceQualificationItem", "service": {"place": place}},
        **extra,
    }


def offered(document: dict[str, Any]) -> list[tuple[str | None, dict[str, Any], str | None]]:
    return [
        (
            item["service"].get("serviceSpecification", {}).get("id"),
            {c["name"]: c["value"] for c in item["service"]["serviceCharacteristic"]},
            item.get("expectedServiceAvailabilityDate"),
        )
        for item in document["serviceQualificationItem"]
    ]


def test_a_fibre_address_offers_the_fibre_specification(network: Network) -> None:
    response = network.sq.query(query(at(FIBRE), externalId="q-1"))
    assert response.status_code == 200
    document = response.json()
    assert document["state"] == "done"
    assert document["externalId"] == "q-1"
    assert "id" not in document
    assert "href" not in document
    speeds = {"accessTechnology": "FTTH", "downloadSpeed": 1000, "uploadSpeed": 500}
    assert offered(document) == [(network.fibre_spec, speeds, None)]
    (place,) = document["searchCriteria"]["service"]["place"]
    assert place["id"] == FIBRE


def test_a_planned_rollout_has_its_availability_date(network: Network) -> None:
    document = network.sq.query(query(at(COPPER), instantSyncQualification=False)).json()
    assert document["state"] == "done"  # always answered in the request
    assert sorted(offered(document), key=lambda o: o[1]["accessTechnology"]) == [
        (
            None,
            {"accessTechnology": "FTTH", "downloadSpeed": 1000, "uploadSpeed": 500},
            f"{network.planned}T00:00:00Z",
        ),
        (None, {"accessTechnology": "VDSL", "downloadSpeed": 100, "uploadSpeed": 40}, None),
    ]


def test_a_full_access_node_offers_nothing(network: Network) -> None:
    assert network.sq.query(query(at(FULL))).json()["serviceQualificationItem"] == []


def test_no_coverage_offers_nothing(network: Network) -> None:
    assert network.sq.query(query(at(NOWHERE))).json()["serviceQualificationItem"] == []


def test_an_address_by_value_is_matched(network: Network) -> None:
    document = network.sq.query(query(at_value(STREET_NAME.lower(), "1"))).json()
    (place,) = document["searchCriteria"]["service"]["place"]
    assert place["id"] == FIBRE
    assert len(document["serviceQualificationItem"]) == 1


def test_an_unknown_address_answers_suggestions(network: Network) -> None:
    document = network.sq.query(query(at_value("Mil Lane", "2"))).json()
    assert document["serviceQualificationItem"] == []
    asked, *suggested = document["searchCriteria"]["service"]["place"]
    assert "id" not in asked
    assert 1 <= len(suggested) <= 5
    assert COPPER in {s["id"] for s in suggested}
    assert {s["role"] for s in suggested} == {"suggestedAddress"}


def test_the_customer_is_echoed(network: Network) -> None:
    party = [{"id": "cust-1", "role": "customer", "@referredType": "Individual"}]
    document = network.sq.query(query(at(FIBRE), relatedParty=party)).json()
    assert [p["id"] for p in document["relatedParty"]] == ["cust-1"]


def test_fields_select_attributes(network: Network) -> None:
    document = network.sq.query(query(at(FIBRE)), "?fields=state").json()
    assert document == {"@type": "QueryServiceQualification", "state": "done"}


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({}, "INVALID_BODY"),
        ({"searchCriteria": {"service": {"place": []}}}, "INVALID_BODY"),
        (
            {
                "searchCriteria": {
                    "service": {"place": at(FIBRE), "serviceSpecification": {"id": "x"}}
                }
            },
            "ATTRIBUTE_NOT_SUPPORTED",
        ),
        (query([{"role": "installationAddress"}]), "INVALID_ATTRIBUTE_VALUE"),
    ],
)
def test_bad_queries_are_400(network: Network, body: dict[str, Any], code: str) -> None:
    response = network.sq.query(body)
    assert response.status_code == 400, response.text
    assert response.json()["code"] == code


def test_queries_are_not_stored(network: Network) -> None:
    listed = network.sq.request("GET", QUERIES)
    assert listed.status_code == 405
    assert listed.headers["allow"] == "POST"
    assert network.sq.request("GET", f"{QUERIES}/anything").status_code == 404
