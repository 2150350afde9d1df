"""TMF645 checkServiceQualification list, retrieve, patch and delete, and the error paths, over a
real gRPC tier. Every response body is validated against the official TMF645 v4 document."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.contract.official_tmf645 import Tmf645Validator, official_tmf645
from tests.integration.rest.harness import GrpcTier, facade
from tests.integration.rest.tmf645 import (
    CHECKS,
    FIBRE,
    Tmf645,
    at,
    check_body,
    rollout_day,
    seed_network,
    service_item,
)

WANTED: list[dict[str, Any]] = [
    {"name": "accessTechnology", "value": "FTTH"},
    {"name": "downloadSpeed", "value": 100},
]


@pytest.fixture(scope="module")
def sq(tier: GrpcTier) -> Iterator[Tmf645]:
    seed_network(tier.target, rollout_day())
    with facade(tier.target) as client:
        yield Tmf645(client, Tmf645Validator(official_tmf645()))


def made(sq: Tmf645, **extra: Any) -> dict[str, Any]:
    body = check_body(
        service_item(at(FIBRE), characteristics=WANTED), instantSyncQualification=True, **extra
    )
    response = sq.check(body)
    assert response.status_code == 200, response.text
    document: dict[str, Any] = response.json()
    return document


def test_list_counts_pages_and_selects_fields(sq: Tmf645) -> None:
    ids = {made(sq, externalId=f"list-{n}")["id"] for n in range(3)}
    everything = sq.list("?limit=1000")
    total = int(everything.headers["x-total-count"])
    assert total >= 3
    assert int(everything.headers["x-result-count"]) == len(everything.json()) == total
    assert ids <= {c["id"] for c in everything.json()}

    page = sq.list("?offset=1&limit=2&fields=state,externalId")
    assert page.headers["x-total-count"] == str(total)
    assert page.headers["x-result-count"] == "2"
    assert [c["id"] for c in page.json()] == [c["id"] for c in everything.json()[1:3]]
    for check in page.json():
        assert set(check) <= {"id", "href", "@type", "state", "externalId"}
        assert check["state"] == "done"


def test_list_filters_by_state(sq: Tmf645) -> None:
    made(sq)
    done = sq.list("?state=done&limit=1000")
    assert int(done.headers["x-total-count"]) == len(done.json()) >= 1
    assert {c["state"] for c in done.json()} == {"done"}
    none = sq.list("?state=terminatedWithError")
    assert none.headers["x-total-count"] == "0"
    assert none.json() == []
    either = sq.list("?state=done,terminatedWithError&limit=1000")
    assert either.headers["x-total-count"] == done.headers["x-total-count"]


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("?state=finished", "INVALID_QUERY_PARAMETER"),
        ("?href=x", "INVALID_QUERY_PARAMETER"),
        ("?sort=-checkServiceQualificationDate", "INVALID_QUERY_PARAMETER"),
        ("?fields=nonsense", "INVALID_QUERY_PARAMETER"),
        ("?limit=0", "INVALID_QUERY_PARAMETER"),
    ],
)
def test_bad_list_queries_are_refused(sq: Tmf645, query: str, code: str) -> None:
    response = sq.list(query)
    assert response.status_code == 400
    assert response.json()["code"] == code


def test_retrieve_selects_fields(sq: Tmf645) -> None:
    check_id = made(sq, externalId="fields")["id"]
    document = sq.retrieve(
        check_id, "?fields=externalId,serviceQualificationItem.qualificationResult"
    )
    body = document.json()
    assert set(body) == {"id", "href", "@type", "externalId", "serviceQualificationItem"}
    assert body["serviceQualificationItem"] == [
        {"@type": "CheckServiceQualificationItem", "id": "1", "qualificationResult": "qualified"}
    ]


def test_patch_changes_description_and_external_id_only(sq: Tmf645) -> None:
    created = made(sq, externalId="before", description="first")
    changed = sq.patch(
        created["id"],
        {"@type": "CheckServiceQualification", "externalId": "after", "description": "second"},
    )
    assert changed.status_code == 200
    body = changed.json()
    assert (body["externalId"], body["description"]) == ("after", "second")
    assert body["serviceQualificationItem"] == created["serviceQualificationItem"]
    assert body["state"] == created["state"]

    cleared = sq.patch(created["id"], {"description": None}, media_type="application/json")
    assert cleared.status_code == 200
    assert "description" not in cleared.json()
    assert cleared.json()["externalId"] == "after"
    assert sq.retrieve(created["id"]).json() == cleared.json()


@pytest.mark.parametrize(
    ("patch", "attribute"),
    [
        ({"state": "done"}, "state"),
        ({"qualificationResult": "qualified"}, "qualificationResult"),
        ({"provideAlternative": True}, "provideAlternative"),
        ({"serviceQualificationItem": []}, "serviceQualificationItem"),
        ({"externalId": "x", "expirationDate": "2030-01-01T00:00:00Z"}, "expirationDate"),
        ({"relatedParty": []}, "relatedParty"),
        ({"estimatedResponseDate": "2030-01-01T00:00:00Z"}, "estimatedResponseDate"),
    ],
)
def test_patching_anything_else_is_refused_naming_it(
    sq: Tmf645, patch: dict[str, Any], attribute: str
) -> None:
    created = made(sq, externalId="kept")
    response = sq.patch(created["id"], patch)
    assert response.status_code == 400
    assert f"'{attribute}'" in response.json()["message"]
    assert sq.retrieve(created["id"]).json()["externalId"] == "kept"


def test_patch_needs_strings(sq: Tmf645) -> None:
    created = made(sq)
    response = sq.patch(created["id"], {"externalId": 7})
    assert response.status_code == 400


def test_delete_removes_the_check(sq: Tmf645) -> None:
    check_id = made(sq)["id"]
    deleted = sq.delete(check_id)
    assert deleted.status_code == 204
    assert deleted.content == b""
    missing = sq.retrieve(check_id)
    assert missing.status_code == 404
    assert missing.json()["code"] == "FEASIBILITY_CHECK_NOT_FOUND"
    assert sq.delete(check_id).status_code == 404


def test_unknown_ids_are_404(sq: Tmf645) -> None:
    assert sq.retrieve("no-such-check").status_code == 404
    assert sq.patch("no-such-check", {"externalId": "x"}).status_code == 404
    assert sq.delete("no-such-check").status_code == 404


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"serviceQualificationItem": []}, "INVALID_BODY"),
        ({}, "INVALID_BODY"),
        ({"serviceQualificationItem": [{"service": {"place": []}}]}, "INVALID_BODY"),
        (
            {"serviceQualificationItem": [service_item(at(FIBRE))]},  # nothing asked for
            "INVALID_FEASIBILITY_REQUEST",
        ),
        (
            {
                "serviceQualificationItem": [
                    service_item(at(FIBRE), characteristics=WANTED, item_id="a"),
                    service_item(at(FIBRE), characteristics=WANTED, item_id="a"),
                ]
            },
            "INVALID_FEASIBILITY_REQUEST",
        ),
        (
            {
                "serviceQualificationItem": [
                    service_item(
                        at(FIBRE), characteristics=[{"name": "downloadSpeed", "value": 0.5}]
                    )
                ]
            },
            "INVALID_FEASIBILITY_REQUEST",
        ),
    ],
)
def test_bad_checks_are_400(sq: Tmf645, body: dict[str, Any], code: str) -> None:
    response = sq.check(body)
    assert response.status_code == 400, response.text
    assert response.json()["code"] == code


def test_malformed_json_is_400(sq: Tmf645) -> None:
    response = sq.request(
        "POST",
        CHECKS,
        content=b'{"serviceQualificationItem": [',
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == 400
    assert response.json()["code"] == "MALFORMED_JSON"


def test_methods_not_served_are_405_with_allow(sq: Tmf645) -> None:
    response = sq.request("PUT", f"{CHECKS}/anything", json={})
    assert response.status_code == 405
    assert response.headers["allow"] == "DELETE, GET, PATCH"
