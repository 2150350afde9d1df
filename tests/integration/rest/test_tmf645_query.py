"""TMF645 queryServiceQualification over a real gRPC tier: created (answered now or in the
background), listed, retrieved, patched and deleted. Every response body is validated against
the official TMF645 v4 document."""

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
    """Answered in the request unless `instantSyncQualification` says otherwise."""
    return {
        "@type": "QueryServiceQualification",
        "searchCriteria": {"@type": "ServiceQualificationItem", "service": {"place": place}},
        "instantSyncQualification": True,
        **extra,
    }


def made(sq: Tmf645, **extra: Any) -> dict[str, Any]:
    response = sq.query(query(at(FIBRE), **extra))
    assert response.status_code == 200, response.text
    document: dict[str, Any] = response.json()
    return document


def offered(document: dict[str, Any]) -> list[tuple[str | None, dict[str, Any], str | None]]:
    return [
        (
            item["service"].get("serviceSpecification", {}).get("id"),
            {c["name"]: c["value"] for c in item["service"]["serviceCharacteristic"]},
            item.get("expectedServiceAvailabilityDate"),
        )
        for item in document["serviceQualificationItem"]
    ]


def test_instant_sync_answers_200_with_the_stored_answer(network: Network) -> None:
    response = network.sq.query(query(at(FIBRE), externalId="q-1", description="a look"))
    assert response.status_code == 200
    assert "location" not in response.headers
    document = response.json()
    assert document["state"] == "done"
    assert (document["externalId"], document["description"]) == ("q-1", "a look")
    assert document["href"].endswith(f"{QUERIES}/{document['id']}")
    assert document["effectiveQualificationDate"] >= document["queryServiceQualificationDate"]
    assert document["expirationDate"] > document["effectiveQualificationDate"]
    speeds = {"accessTechnology": "FTTH", "downloadSpeed": 1000, "uploadSpeed": 500}
    assert offered(document) == [(network.fibre_spec, speeds, None)]
    (place,) = document["searchCriteria"]["service"]["place"]
    assert place["id"] == FIBRE
    # Stored: the same answer is retrieved later.
    assert network.sq.retrieve(document["id"], of=QUERIES).json() == document


def test_without_instant_sync_the_query_is_accepted_then_answered(network: Network) -> None:
    body = query(at(COPPER))
    del body["instantSyncQualification"]
    response = network.sq.query(body)
    assert response.status_code == 201
    document = response.json()
    assert document["state"] in ("accepted", "inProgress", "done")
    assert response.headers["location"] == document["href"]
    answered = network.sq.settled(document["id"], of=QUERIES)
    assert answered["state"] == "done"
    assert answered["queryServiceQualificationDate"] == document["queryServiceQualificationDate"]
    assert sorted(offered(answered), key=lambda o: o[1]["accessTechnology"]) == [
        (
            None,
            {"accessTechnology": "FTTH", "downloadSpeed": 1000, "uploadSpeed": 500},
            f"{network.planned}T00:00:00Z",
        ),
        (None, {"accessTechnology": "VDSL", "downloadSpeed": 100, "uploadSpeed": 40}, None),
    ]


def test_instant_sync_false_is_answered_in_the_background_too(network: Network) -> None:
    response = network.sq.query(query(at(FIBRE), instantSyncQualification=False))
    assert response.status_code == 201
    assert network.sq.settled(response.json()["id"], of=QUERIES)["state"] == "done"


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
    assert set(document) == {"@type", "id", "href", "state"}
    assert document["state"] == "done"


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


def test_list_counts_pages_and_selects_fields(network: Network) -> None:
    sq = network.sq
    ids = {made(sq, externalId=f"list-{n}")["id"] for n in range(3)}
    everything = sq.list("?limit=1000", of=QUERIES)
    total = int(everything.headers["x-total-count"])
    assert total >= 3
    assert int(everything.headers["x-result-count"]) == len(everything.json()) == total
    assert ids <= {q["id"] for q in everything.json()}

    page = sq.list("?offset=1&limit=2&fields=state,externalId", of=QUERIES)
    assert page.headers["x-total-count"] == str(total)
    assert page.headers["x-result-count"] == "2"
    assert [q["id"] for q in page.json()] == [q["id"] for q in everything.json()[1:3]]
    for found in page.json():
        assert set(found) <= {"id", "href", "@type", "state", "externalId"}


def test_list_filters_by_state(network: Network) -> None:
    sq = network.sq
    made(sq)
    done = sq.list("?state=done&limit=1000", of=QUERIES)
    assert int(done.headers["x-total-count"]) == len(done.json()) >= 1
    assert {q["state"] for q in done.json()} == {"done"}
    none = sq.list("?state=terminatedWithError", of=QUERIES)
    assert (none.headers["x-total-count"], none.json()) == ("0", [])


@pytest.mark.parametrize(
    ("suffix", "code"),
    [
        ("?state=finished", "INVALID_QUERY_PARAMETER"),
        ("?href=x", "INVALID_QUERY_PARAMETER"),
        ("?sort=state", "INVALID_QUERY_PARAMETER"),
        ("?fields=colour", "INVALID_QUERY_PARAMETER"),
    ],
)
def test_bad_list_queries_are_refused(network: Network, suffix: str, code: str) -> None:
    response = network.sq.list(suffix, of=QUERIES)
    assert response.status_code == 400, response.text
    assert response.json()["code"] == code


def test_retrieve_selects_fields(network: Network) -> None:
    query_id = made(network.sq, externalId="fields")["id"]
    body = network.sq.retrieve(query_id, "?fields=externalId,state", of=QUERIES).json()
    assert body == {
        "@type": "QueryServiceQualification",
        "id": query_id,
        "href": body["href"],
        "externalId": "fields",
        "state": "done",
    }


def test_patch_changes_description_and_external_id_only(network: Network) -> None:
    sq = network.sq
    created = made(sq, externalId="before", description="first")
    changed = sq.patch(
        created["id"],
        {"@type": "QueryServiceQualification", "externalId": "after", "description": "second"},
        of=QUERIES,
    )
    assert changed.status_code == 200
    body = changed.json()
    assert (body["externalId"], body["description"]) == ("after", "second")
    assert body["serviceQualificationItem"] == created["serviceQualificationItem"]
    assert body["state"] == created["state"]

    cleared = sq.patch(
        created["id"], {"description": None}, media_type="application/json", of=QUERIES
    )
    assert cleared.status_code == 200
    assert "description" not in cleared.json()
    assert cleared.json()["externalId"] == "after"
    assert sq.retrieve(created["id"], of=QUERIES).json() == cleared.json()


@pytest.mark.parametrize(
    ("patch", "attribute"),
    [
        ({"state": "done"}, "state"),
        ({"searchCriteria": {}}, "searchCriteria"),
        ({"instantSyncQualification": False}, "instantSyncQualification"),
        ({"serviceQualificationItem": []}, "serviceQualificationItem"),
        ({"externalId": "x", "expirationDate": "2030-01-01T00:00:00Z"}, "expirationDate"),
        ({"relatedParty": []}, "relatedParty"),
    ],
)
def test_patching_anything_else_is_refused_naming_it(
    network: Network, patch: dict[str, Any], attribute: str
) -> None:
    created = made(network.sq, externalId="kept")
    response = network.sq.patch(created["id"], patch, of=QUERIES)
    assert response.status_code == 400
    assert f"'{attribute}'" in response.json()["message"]
    assert network.sq.retrieve(created["id"], of=QUERIES).json()["externalId"] == "kept"


def test_patch_needs_strings(network: Network) -> None:
    created = made(network.sq)
    assert network.sq.patch(created["id"], {"externalId": 7}, of=QUERIES).status_code == 400


def test_delete_removes_the_query(network: Network) -> None:
    sq = network.sq
    query_id = made(sq)["id"]
    deleted = sq.delete(query_id, of=QUERIES)
    assert (deleted.status_code, deleted.content) == (204, b"")
    missing = sq.retrieve(query_id, of=QUERIES)
    assert missing.status_code == 404
    assert missing.json()["code"] == "AVAILABILITY_QUERY_NOT_FOUND"
    assert sq.delete(query_id, of=QUERIES).status_code == 404


def test_unknown_ids_are_404(network: Network) -> None:
    sq = network.sq
    assert sq.retrieve("no-such-query", of=QUERIES).status_code == 404
    assert sq.patch("no-such-query", {"externalId": "x"}, of=QUERIES).status_code == 404
    assert sq.delete("no-such-query", of=QUERIES).status_code == 404


def test_methods_not_served_are_405_with_allow(network: Network) -> None:
    response = network.sq.request("PUT", f"{QUERIES}/anything", json={})
    assert response.status_code == 405
    assert response.headers["allow"] == "DELETE, GET, PATCH"
    response = network.sq.request("PUT", QUERIES, json={})
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, POST"
