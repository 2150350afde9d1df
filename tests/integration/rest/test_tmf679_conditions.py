"""Filters on any attribute of checkProductOfferingQualification and
queryProductOfferingQualification, evaluated by the tier in its database: every entry of the
condition tables is proved against a stored check or query (its own value finds it, `.ne` of
that value does not, and X-Total-Count counts the filtered set), then the operators, typing and
refusals. Every response validates against TMF679 v5."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest

from rest_facade.qualification.queries import CHECK_CONDITIONS, QUERY_CONDITIONS
from tests.integration.rest.condition_proofs import listed, proved
from tests.integration.rest.harness import GrpcTier, Tmf620, facade, unique
from tests.integration.rest.tmf679 import Shop, Tmf679, check_body, item, open_shop, query_body

# Older spellings of an attribute the representation carries under another path.
ALIASES = {"relatedParty.id": "relatedParty.partyOrPartyRole.id"}


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


def place() -> dict[str, Any]:
    return {
        "@type": "RelatedPlaceRefOrValue",
        "role": "installationAddress",
        "place": {
            "@type": "GeographicAddress",
            "id": unique("addr"),
            "stateOrProvince": "north",
            "postcode": "NW1 1AA",
        },
    }


@pytest.fixture(scope="module")
def sample_check(api: Tmf679, shop: Shop) -> dict[str, Any]:
    """A judged check carrying every attribute the table maps: a configured offering with a
    bundle component, a category answered with its eligible offerings, and a refused premium
    offering with reasons and an alternative."""
    configured = item(
        shop.fibre,
        id="1",
        action="modify",
        product={
            "@type": "Product",
            "productCharacteristic": [
                {"@type": "NumberCharacteristic", "name": "downloadSpeed", "value": 1000}
            ],
            "product": [
                {
                    "@type": "Product",
                    "productOffering": {"@type": "ProductOfferingRef", "id": shop.basic},
                    "productCharacteristic": [
                        {"@type": "StringCharacteristic", "name": "colour", "value": "red"}
                    ],
                }
            ],
            "place": [place()],
        },
    )
    body = check_body(
        shop.poor_customer,
        [configured, item(category_id=shop.category, id="2"), item(shop.premium, id="3")],
        description=unique("Fibre for Müller"),
        provideAlternative=True,
        provideResultReason=True,
    )
    response = api.check(body)
    assert response.status_code == 201, response.text
    document: dict[str, Any] = response.json()
    assert document["state"] == "done"
    return document


@pytest.fixture(scope="module")
def sample_query(api: Tmf679, shop: Shop) -> dict[str, Any]:
    body = query_body(
        shop.good_customer,
        category_id=shop.category,
        offering_id=shop.basic,
        description=unique("Search for Müller"),
    )
    body["searchCriteria"]["product"] = {"@type": "Product", "place": [place()]}
    response = api.query(body)
    assert response.status_code == 201, response.text
    document: dict[str, Any] = response.json()
    assert document["qualifiedProductOfferingItem"]
    return document


@pytest.mark.parametrize("attribute", sorted(CHECK_CONDITIONS))
def test_every_check_attribute_filters_in_the_tier(
    api: Tmf679, sample_check: dict[str, Any], attribute: str
) -> None:
    proved(api.list, api.retrieve, [sample_check], attribute, aliases=ALIASES)


@pytest.mark.parametrize("attribute", sorted(QUERY_CONDITIONS))
def test_every_query_attribute_filters_in_the_tier(
    api: Tmf679, sample_query: dict[str, Any], attribute: str
) -> None:
    proved(api.list_queries, api.retrieve_query, [sample_query], attribute, aliases=ALIASES)


def test_dates_compare_as_times(api: Tmf679, sample_check: dict[str, Any]) -> None:
    own = f"id={sample_check['id']}"
    created = sample_check["creationDate"]
    at = quote(created, safe="")
    assert listed(api.list(f"?{own}&creationDate.gte={at}")) == [sample_check["id"]]
    assert listed(api.list(f"?{own}&creationDate.gt={at}")) == []
    assert listed(api.list(f"?{own}&creationDate.lte={at}")) == [sample_check["id"]]
    assert listed(api.list(f"?{own}&creationDate.lt={at}")) == []
    # The encoded operator forms, and an offset other than Z.
    assert listed(api.list(f"?{own}&creationDate%3E%3D{at}")) == [sample_check["id"]]
    assert listed(api.list(f"?{own}&creationDate%3C{at}")) == []
    assert listed(api.list(f"?{own}&expirationDate.gt=2000-01-01T01:00:00%2B01:00")) == [
        sample_check["id"]
    ]
    assert listed(api.list(f"?{own}&effectiveQualificationDate.lt=2000-01-01T00:00:00Z")) == []


def test_regex_or_and(api: Tmf679, sample_check: dict[str, Any]) -> None:
    own = f"id={sample_check['id']}"
    one = [sample_check["id"]]
    assert listed(api.list(f"?{own}&description.regex=M.ller")) == one
    assert listed(api.list(f"?{own}&description.regex=%5EM.ller")) == []
    # OR by comma and by repeating the parameter.
    result = sample_check["qualificationResult"]
    others = [r for r in ("qualified", "unqualified", "alternate") if r != result]
    assert listed(api.list(f"?{own}&qualificationResult={others[0]},{result}")) == one
    repeated = f"qualificationResult={result}&qualificationResult={others[1]}"
    assert listed(api.list(f"?{own}&{repeated}")) == one
    assert listed(api.list(f"?{own}&qualificationResult={others[0]},{others[1]}")) == []
    # AND across attributes: an item's result and the channel (web).
    item_result = "checkProductOfferingQualificationItem.qualificationItemResult"
    answered = sample_check["checkProductOfferingQualificationItem"][0]["qualificationItemResult"]
    assert listed(api.list(f"?{own}&{item_result}={answered}&channel.id=web")) == one
    assert listed(api.list(f"?{own}&{item_result}={answered}&channel.id=shop")) == []
    # The typed filters and conditions combine.
    party = sample_check["relatedParty"][0]["partyOrPartyRole"]["id"]
    assert listed(api.list(f"?relatedParty.id={party}&state=done&{own}")) == one


def test_queries_combine_operators(api: Tmf679, sample_query: dict[str, Any]) -> None:
    own = f"id={sample_query['id']}"
    one = [sample_query["id"]]
    created = quote(sample_query["creationDate"], safe="")
    assert listed(api.list_queries(f"?{own}&creationDate%3E%3D{created}")) == one
    assert listed(api.list_queries(f"?{own}&creationDate.lt={created}")) == []
    assert listed(api.list_queries(f"?{own}&description.regex=Search")) == one
    assert listed(api.list_queries(f"?{own}&state=acknowledged,done")) == one
    assert listed(api.list_queries(f"?{own}&state=acknowledged&state=inProgress")) == []


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("?creationDate=yesterday", "creationDate"),
        ("?creationDate.gt=2030-01-01T00:00:00", "creationDate.gt"),
        ("?state.gt=done", "state.gt"),
        ("?state=finished", "state"),
        ("?provideAlternative=maybe", "provideAlternative"),
        ("?qualificationResult.regex=qual", "qualificationResult.regex"),
        ("?description.regex=(", "description.regex"),
        ("?colour=red", "colour"),
        ("?checkProductOfferingQualificationItem.colour=red", "colour"),
        ("?href=x", "href"),
    ],
)
def test_refusals_name_the_parameter(api: Tmf679, query: str, parameter: str) -> None:
    response = api.list(query)
    assert response.status_code == 400, response.text
    error = response.json()
    assert error["code"] == "INVALID_QUERY_PARAMETER"
    assert parameter in error["message"]


def test_query_refusals_name_the_parameter(api: Tmf679) -> None:
    response = api.list_queries("?expirationDate.lte=soon")
    assert response.status_code == 400, response.text
    assert "expirationDate.lte" in response.json()["message"]
    unknown = api.list_queries("?qualifiedProductOfferingItem.id=1")
    assert unknown.status_code == 400, unknown.text
