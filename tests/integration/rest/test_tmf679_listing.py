"""Listing checks (filters pushed down to the tier, paging, counts, fields) and querying
eligible offerings, over a real gRPC tier; every response validates against TMF679 v5."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.integration.rest.harness import GrpcTier, Tmf620, facade, unique
from tests.integration.rest.tmf679 import (
    Shop,
    Tmf679,
    at_region,
    check_body,
    item,
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


def counts(response: Any) -> tuple[int, int]:
    return int(response.headers["X-Total-Count"]), int(response.headers["X-Result-Count"])


def test_the_checks_of_a_customer_are_listed_newest_first_with_counts(
    api: Tmf679, shop: Shop
) -> None:
    party = unique("lister")
    ids = []
    for n in range(3):
        response = api.check(check_body(party, [item(shop.basic)], description=f"n{n}"))
        assert response.status_code == 201
        ids.append(response.json()["id"])
    listed = api.list(f"?relatedParty.id={party}")
    assert listed.status_code == 200
    assert counts(listed) == (3, 3)
    assert [c["id"] for c in listed.json()] == list(reversed(ids))
    page = api.list(f"?relatedParty.id={party}&offset=1&limit=1")
    assert counts(page) == (3, 1)
    assert [c["id"] for c in page.json()] == [ids[1]]
    beyond = api.list(f"?relatedParty.id={party}&offset=5")
    assert counts(beyond) == (3, 0)
    assert beyond.json() == []
    same = api.list(f"?relatedParty.partyOrPartyRole.id={party}")
    assert [c["id"] for c in same.json()] == [c["id"] for c in listed.json()]


def test_the_state_filter_is_pushed_down(api: Tmf679, shop: Shop) -> None:
    party = unique("states")
    assert api.check(check_body(party, [item(shop.basic)])).status_code == 201
    background = api.check(
        check_body(party, [item(shop.basic)]), headers={"Expect": "202-Accepted"}
    )
    api.until_judged(background.json()["id"])
    done = api.list(f"?relatedParty.id={party}&state=done")
    assert counts(done) == (2, 2)
    assert {c["state"] for c in done.json()} == {"done"}
    waiting = api.list(f"?relatedParty.id={party}&state=acknowledged,inProgress")
    assert counts(waiting) == (0, 0)


def test_fields_select_attributes_of_each_listed_check(api: Tmf679, shop: Shop) -> None:
    party = unique("fields")
    api.check(check_body(party, [item(shop.basic)]))
    listed = api.list(f"?relatedParty.id={party}&fields=qualificationResult,state")
    (entry,) = listed.json()
    assert set(entry) == {"id", "href", "@type", "qualificationResult", "state"}


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("?state=finished", 400),
        ("?relatedParty.id=a,b", 400),
        ("?channel.id=web", 400),
        ("?sort=creationDate", 400),
        ("?limit=0", 400),
        ("?limit=1001", 400),
        ("?offset=-1", 400),
        ("?fields=colour", 400),
        ("?filter=state", 501),
    ],
)
def test_queries_the_tier_cannot_answer_are_refused(api: Tmf679, query: str, status: int) -> None:
    response = api.list(query)
    assert response.status_code == status, response.text
    assert response.json()["@type"] == "Error"


def test_a_query_lists_the_eligible_offerings_of_a_category(api: Tmf679, shop: Shop) -> None:
    poor = api.query(query_body(shop.poor_customer, shop.category, description="what fits?"))
    assert poor.status_code == 200, poor.text
    document = poor.json()
    assert document["state"] == "done"
    assert document["description"] == "what fits?"
    assert document["searchCriteria"]["category"]["id"] == shop.category
    offered = {i["productOffering"]["id"] for i in document["qualifiedProductOfferingItem"]}
    assert shop.basic in offered
    assert shop.premium not in offered
    assert shop.shop_only not in offered
    good = api.query(query_body(shop.good_customer, shop.category)).json()
    offered_good = {i["productOffering"]["id"] for i in good["qualifiedProductOfferingItem"]}
    assert {shop.basic, shop.premium} <= offered_good


def test_a_query_uses_the_place_and_channel(api: Tmf679, shop: Shop) -> None:
    body = query_body(shop.good_customer, shop.category)
    body["searchCriteria"]["product"] = at_region("south")
    south = api.query(body).json()
    offered = {i["productOffering"]["id"] for i in south["qualifiedProductOfferingItem"]}
    assert shop.north_only not in offered
    body["searchCriteria"]["product"] = at_region("north")
    body["channel"] = {"@type": "ChannelRef", "id": "shop"}
    north = api.query(body).json()
    offered = {i["productOffering"]["id"] for i in north["qualifiedProductOfferingItem"]}
    assert {shop.north_only, shop.shop_only} <= offered


def test_a_query_for_an_unknown_customer_says_prospect(api: Tmf679, shop: Shop) -> None:
    document = api.query(query_body(unique("stranger"), shop.category)).json()
    assert [note["id"] for note in document["note"]] == ["CUSTOMER_IS_PROSPECT"]


def test_queries_are_not_stored(api: Tmf679, shop: Shop) -> None:
    document = api.query(query_body(shop.good_customer, shop.category)).json()
    assert "id" not in document
    assert "href" not in document
    listing = api.request("GET", "/queryProductOfferingQualification")
    assert listing.status_code == 405
    assert listing.headers["Allow"] == "POST"
    assert api.request("GET", "/queryProductOfferingQualification/x").status_code == 404


@pytest.mark.parametrize(
    ("body", "headers", "status", "code"),
    [
        (
            {
                "@type": "QueryProductOfferingQualification",
                "searchCriteria": {
                    "@type": "QueryProductOfferingQualificationItem",
                    "productOffering": {"@type": "ProductOfferingRef", "id": "o"},
                },
            },
            {},
            400,
            "ATTRIBUTE_NOT_SUPPORTED",
        ),
        ({"@type": "QueryProductOfferingQualification"}, {"Expect": "202-Accepted"}, 417, None),
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
