"""Listing checks (filters pushed down to the tier, paging, counts, fields), over a real gRPC
tier; every response validates against TMF679 v5. Queries: test_tmf679_queries.py."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.integration.rest.harness import GrpcTier, Tmf620, facade, unique
from tests.integration.rest.tmf679 import (
    Shop,
    Tmf679,
    check_body,
    item,
    open_shop,
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
        ("?relatedParty.role=customer", 400),
        ("?channel.name=web", 400),
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
