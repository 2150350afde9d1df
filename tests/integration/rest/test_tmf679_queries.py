"""Eligibility queries as a stored resource (create 201 / 202, list, retrieve, patch, delete)
over a real gRPC tier on both backends; every response validates against TMF679 v5."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.integration.rest.harness import GrpcTier, Tmf620, facade, unique
from tests.integration.rest.tmf679 import (
    BASE,
    QUERIES,
    Shop,
    Tmf679,
    at_region,
    open_shop,
    query_body,
)


@pytest.fixture(scope="module")
def poq(tier: GrpcTier) -> Iterator[tuple[Tmf679, Tmf620]]:
    with facade(tier.target) as client:
        yield Tmf679(client), Tmf620(client)


@pytest.fixture(scope="module")
def api(poq: tuple[Tmf679, Tmf620]) -> Tmf679:
    return poq[0]


@pytest.fixture(scope="module")
def shop(poq: tuple[Tmf679, Tmf620], tier: GrpcTier) -> Shop:
    return open_shop(poq[1], tier.target)


def offered(document: dict[str, Any]) -> set[str]:
    return {i["productOffering"]["id"] for i in document["qualifiedProductOfferingItem"]}


def counts(response: Any) -> tuple[int, int]:
    return int(response.headers["X-Total-Count"]), int(response.headers["X-Result-Count"])


def test_a_query_is_answered_stored_and_retrievable(api: Tmf679, shop: Shop) -> None:
    created = api.query(query_body(shop.poor_customer, shop.category, description="what fits?"))
    assert created.status_code == 201, created.text
    document = created.json()
    assert document["state"] == "done"
    assert document["description"] == "what fits?"
    assert document["searchCriteria"]["category"]["id"] == shop.category
    assert created.headers["Location"] == document["href"]
    assert document["href"].endswith(f"{BASE}{QUERIES}/{document['id']}")
    assert shop.basic in offered(document)
    assert shop.premium not in offered(document)
    assert shop.shop_only not in offered(document)
    assert {"creationDate", "effectiveQualificationDate", "expirationDate"} <= set(document)
    retrieved = api.retrieve_query(document["id"])
    assert retrieved.status_code == 200
    assert retrieved.json() == document
    good = api.query(query_body(shop.good_customer, shop.category)).json()
    assert {shop.basic, shop.premium} <= offered(good)


def test_a_query_uses_the_place_and_channel(api: Tmf679, shop: Shop) -> None:
    body = query_body(shop.good_customer, shop.category)
    body["searchCriteria"]["product"] = at_region("south")
    south = api.query(body).json()
    assert shop.north_only not in offered(south)
    assert south["searchCriteria"]["product"]["place"][0]["place"]["stateOrProvince"] == "south"
    body["searchCriteria"]["product"] = at_region("north")
    body["channel"] = {"@type": "ChannelRef", "id": "shop"}
    north = api.query(body).json()
    assert {shop.north_only, shop.shop_only} <= offered(north)
    assert north["channel"]["id"] == "shop"


def test_a_query_for_one_offering_says_whether_it_is_eligible(api: Tmf679, shop: Shop) -> None:
    good = api.query(query_body(shop.good_customer, offering_id=shop.premium)).json()
    assert offered(good) == {shop.premium}
    assert good["searchCriteria"]["productOffering"]["id"] == shop.premium
    poor = api.query(query_body(shop.poor_customer, offering_id=shop.premium)).json()
    assert poor["state"] == "done"
    assert poor["qualifiedProductOfferingItem"] == []
    both = api.query(query_body(shop.good_customer, shop.category, offering_id=shop.basic))
    assert offered(both.json()) == {shop.basic}
    unknown = api.query(query_body(shop.good_customer, offering_id=unique("missing")))
    assert unknown.status_code == 201, unknown.text
    assert unknown.json()["qualifiedProductOfferingItem"] == []


def test_a_query_within_an_unknown_category_is_refused_or_fails(api: Tmf679) -> None:
    response = api.query(query_body(unique("asker"), unique("no-category")))
    assert response.status_code == 404, response.text
    assert response.json()["code"] == "CATEGORY_NOT_FOUND"
    # In the background the category is only read when answering: the query fails, saying why.
    background = api.query(
        query_body(unique("asker"), unique("no-category")), headers={"Expect": "202-Accepted"}
    )
    assert background.status_code == 202, background.text
    failed = api.until_answered(background.json()["id"])
    assert failed["state"] == "terminatedWithError"
    assert "qualifiedProductOfferingItem" not in failed
    (note,) = failed["note"]
    assert note["id"] == "JUDGING_FAILED"
    assert "does not exist" in note["text"]


def test_a_query_for_an_unknown_customer_says_prospect(api: Tmf679, shop: Shop) -> None:
    document = api.query(query_body(unique("stranger"), shop.category)).json()
    assert [note["id"] for note in document["note"]] == ["CUSTOMER_IS_PROSPECT"]


@pytest.mark.parametrize(
    ("headers", "extra"),
    [({"Expect": "202-Accepted"}, {}), ({}, {"instantSyncQualification": False})],
)
def test_a_background_query_is_acknowledged_then_answered(
    api: Tmf679, shop: Shop, headers: dict[str, str], extra: dict[str, Any]
) -> None:
    accepted = api.query(query_body(shop.good_customer, shop.category, **extra), headers=headers)
    assert accepted.status_code == 202, accepted.text
    document = accepted.json()
    assert document["state"] == "acknowledged"
    assert "qualifiedProductOfferingItem" not in document
    assert accepted.headers["Location"] == document["href"]
    answered = api.until_answered(document["id"])
    assert answered["state"] == "done"
    assert {shop.basic, shop.premium} <= offered(answered)


def test_queries_are_listed_filtered_and_paged(api: Tmf679, shop: Shop) -> None:
    party = unique("asker")
    ids = [
        api.query(query_body(party, shop.category, description=f"n{n}")).json()["id"]
        for n in range(3)
    ]
    listed = api.list_queries(f"?relatedParty.id={party}")
    assert listed.status_code == 200
    assert counts(listed) == (3, 3)
    assert [q["id"] for q in listed.json()] == list(reversed(ids))
    page = api.list_queries(f"?relatedParty.partyOrPartyRole.id={party}&offset=1&limit=1")
    assert counts(page) == (3, 1)
    assert [q["id"] for q in page.json()] == [ids[1]]
    done = api.list_queries(f"?relatedParty.id={party}&state=done&fields=state")
    assert counts(done) == (3, 3)
    assert all(set(q) == {"id", "href", "@type", "state"} for q in done.json())
    waiting = api.list_queries(f"?relatedParty.id={party}&state=acknowledged")
    assert counts(waiting) == (0, 0)
    # Queries and checks are separate collections.
    assert counts(api.list(f"?relatedParty.id={party}")) == (0, 0)


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("?state=finished", 400),
        ("?relatedParty.role=customer", 400),
        ("?channel.name=web", 400),
        ("?sort=creationDate", 400),
        ("?limit=0", 400),
        ("?fields=colour", 400),
        ("?filter=state", 501),
    ],
)
def test_list_queries_the_tier_cannot_answer_are_refused(
    api: Tmf679, query: str, status: int
) -> None:
    response = api.list_queries(query)
    assert response.status_code == status, response.text
    assert response.json()["@type"] == "Error"


@pytest.mark.parametrize("media_type", ["application/merge-patch+json", "application/json"])
def test_only_the_description_of_a_query_can_be_patched(
    api: Tmf679, shop: Shop, media_type: str
) -> None:
    created = api.query(query_body(shop.good_customer, shop.category)).json()
    patched = api.patch_query(created["id"], {"description": "kept"}, media_type)
    assert patched.status_code == 200, patched.text
    assert patched.json()["description"] == "kept"
    assert offered(patched.json()) == offered(created)
    assert api.retrieve_query(created["id"]).json()["description"] == "kept"
    removed = api.patch_query(created["id"], {"description": None}, media_type)
    assert "description" not in removed.json()
    refused = api.patch_query(created["id"], {"searchCriteria": {}}, media_type)
    assert refused.status_code == 400
    assert refused.json()["code"] == "ATTRIBUTE_NOT_PATCHABLE"
    assert "'searchCriteria'" in refused.json()["message"]
    wrong = api.patch_query(created["id"], {"description": 7}, media_type)
    assert wrong.status_code == 400
    assert "description" in wrong.json()["message"]


def test_a_deleted_query_is_gone(api: Tmf679, shop: Shop) -> None:
    created = api.query(query_body(shop.good_customer, shop.category)).json()
    assert api.delete_query(created["id"]).status_code == 204
    missing = api.retrieve_query(created["id"])
    assert missing.status_code == 404
    assert missing.json()["code"] == "ELIGIBILITY_QUERY_NOT_FOUND"
    assert api.delete_query(created["id"]).status_code == 404
    assert api.patch_query(created["id"], {"description": "x"}).status_code == 404


@pytest.mark.parametrize(
    ("body", "headers", "status", "code"),
    [
        (
            {
                "@type": "QueryProductOfferingQualification",
                "searchCriteria": {
                    "@type": "QueryProductOfferingQualificationItem",
                    "promotion": {"id": "p"},
                },
            },
            {},
            400,
            "ATTRIBUTE_NOT_SUPPORTED",
        ),
        (
            {
                "@type": "QueryProductOfferingQualification",
                "searchCriteria": {
                    "@type": "QueryProductOfferingQualificationItem",
                    "productOffering": {"@type": "ProductOfferingRef", "id": ""},
                },
            },
            {},
            400,
            "INVALID_ATTRIBUTE_VALUE",
        ),
        (
            {"@type": "QueryProductOfferingQualification", "id": "mine"},
            {},
            400,
            "ATTRIBUTE_NOT_SUPPORTED",
        ),
        ({"@type": "QueryProductOfferingQualification"}, {"Expect": "later"}, 417, None),
        ({"searchCriteria": {}}, {}, 400, None),
    ],
)
def test_what_a_query_cannot_do_is_refused(
    api: Tmf679, body: dict[str, Any], headers: dict[str, str], status: int, code: str | None
) -> None:
    response = api.query(body, headers=headers)
    assert response.status_code == status, response.text
    if code:
        assert response.json()["code"] == code
