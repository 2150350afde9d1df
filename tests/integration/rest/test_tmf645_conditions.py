"""Filters on any attribute of checkServiceQualification and queryServiceQualification,
evaluated by the tier in its database: every entry of the condition tables is proved against a
stored check or query (its own value finds it, `.ne` of that value does not, and X-Total-Count
counts the filtered set), then the operators, typing and refusals. Every response validates
against the official TMF645 v4 document."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import pytest

from rest_facade.feasibility.queries import CHECK_CONDITIONS, QUERY_CONDITIONS
from tests.contract.official_tmf645 import Tmf645Validator, official_tmf645
from tests.integration.rest.condition_proofs import listed, proved
from tests.integration.rest.harness import GrpcTier, facade, unique
from tests.integration.rest.tmf645 import (
    COPPER,
    FIBRE,
    QUERIES,
    STREET,
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

# Set only when judging fails, which the samples do not.
NOT_IN_SAMPLE = {"serviceQualificationItem.terminationError.value"}


@dataclass
class Network:
    sq: Tmf645
    fibre_spec: str


@pytest.fixture(scope="module")
def network(tier: GrpcTier) -> Iterator[Network]:
    seed_network(tier.target, rollout_day())
    with facade(tier.target) as client:
        yield Network(
            Tmf645(client, Tmf645Validator(official_tmf645())), fibre_specification(client)
        )


def party() -> list[dict[str, Any]]:
    return [{"@type": "RelatedParty", "id": unique("cust"), "role": "customer"}]


@pytest.fixture(scope="module")
def sample_checks(network: Network) -> list[dict[str, Any]]:
    """One judged check: a qualified item at a register address, an alternate one at a typed
    address (with reasons and proposals)."""
    speed = {"@type": "Characteristic", "name": "downloadSpeed", "value": 500}
    body = check_body(
        service_item(
            at(FIBRE), specification=network.fibre_spec, characteristics=[speed], item_id="a"
        ),
        service_item(
            at_value(STREET_NAME, STREET[COPPER]),
            specification=network.fibre_spec,
            item_id="b",
        ),
        description=unique("Fibre for Müller"),
        externalId=unique("crm"),
        relatedParty=party(),
        instantSyncQualification=True,
        provideAlternative=True,
        provideUnavailabilityReason=True,
    )
    response = network.sq.check(body)
    assert response.status_code == 200, response.text
    document: dict[str, Any] = response.json()
    assert document["state"] == "done"
    return [document]


def made_query(network: Network, place: list[dict[str, Any]]) -> dict[str, Any]:
    body = {
        "@type": "QueryServiceQualification",
        "searchCriteria": {"@type": "ServiceQualificationItem", "service": {"place": place}},
        "instantSyncQualification": True,
        "description": unique("Search for Müller"),
        "externalId": unique("crm"),
        "relatedParty": party(),
    }
    response = network.sq.query(body)
    assert response.status_code == 200, response.text
    document: dict[str, Any] = response.json()
    assert document["state"] == "done"
    return document


@pytest.fixture(scope="module")
def sample_queries(network: Network) -> list[dict[str, Any]]:
    """A query at a register address, then one at a typed address (for the postal fields)."""
    return [
        made_query(network, at(FIBRE)),
        made_query(network, at_value(STREET_NAME, STREET[FIBRE])),
    ]


@pytest.mark.parametrize("attribute", sorted(CHECK_CONDITIONS))
def test_every_check_attribute_filters_in_the_tier(
    network: Network, sample_checks: list[dict[str, Any]], attribute: str
) -> None:
    sq = network.sq
    proved(sq.list, sq.retrieve, sample_checks, attribute, absent=NOT_IN_SAMPLE)


@pytest.mark.parametrize("attribute", sorted(QUERY_CONDITIONS))
def test_every_query_attribute_filters_in_the_tier(
    network: Network, sample_queries: list[dict[str, Any]], attribute: str
) -> None:
    sq = network.sq
    proved(
        lambda query: sq.list(query, of=QUERIES),
        lambda query_id: sq.retrieve(query_id, of=QUERIES),
        sample_queries,
        attribute,
        absent=NOT_IN_SAMPLE,
    )


def test_dates_compare_as_times(network: Network, sample_checks: list[dict[str, Any]]) -> None:
    sq, sample = network.sq, sample_checks[0]
    own, one = f"id={sample['id']}", [sample["id"]]
    at = quote(sample["checkServiceQualificationDate"], safe="")
    attribute = "checkServiceQualificationDate"
    assert listed(sq.list(f"?{own}&{attribute}.gte={at}")) == one
    assert listed(sq.list(f"?{own}&{attribute}.gt={at}")) == []
    assert listed(sq.list(f"?{own}&{attribute}.lte={at}")) == one
    assert listed(sq.list(f"?{own}&{attribute}.lt={at}")) == []
    # Encoded operator forms, and an offset other than Z.
    assert listed(sq.list(f"?{own}&{attribute}%3E%3D{at}")) == one
    assert listed(sq.list(f"?{own}&{attribute}%3E{at}")) == []
    assert listed(sq.list(f"?{own}&expirationDate.gt=2000-01-01T01:00:00%2B01:00")) == one
    assert listed(sq.list(f"?{own}&effectiveQualificationDate.lt=2000-01-01T00:00:00Z")) == []


def test_regex_or_and(network: Network, sample_checks: list[dict[str, Any]]) -> None:
    sq, sample = network.sq, sample_checks[0]
    own, one = f"id={sample['id']}", [sample["id"]]
    assert listed(sq.list(f"?{own}&description.regex=M.ller")) == one
    assert listed(sq.list(f"?{own}&description.regex=%5EM.ller")) == []
    # OR by comma and by repetition, on an item's result (one qualified, one not).
    results = "serviceQualificationItem.qualificationResult"
    assert listed(sq.list(f"?{own}&{results}=unqualified,qualified")) == one
    assert listed(sq.list(f"?{own}&{results}=unqualified&{results}=qualified")) == one
    assert listed(sq.list(f"?{own}&{results}.ne=unqualified,qualified")) == []
    # AND across attributes.
    external = quote(sample["externalId"], safe="")
    assert listed(sq.list(f"?externalId={external}&{results}=qualified")) == one
    assert listed(sq.list(f"?externalId={external}&provideAlternative=false")) == []
    assert listed(sq.list(f"?externalId={external}&state=done")) == one


def test_queries_compare_dates_and_text(
    network: Network, sample_queries: list[dict[str, Any]]
) -> None:
    sq, sample = network.sq, sample_queries[0]
    own, one = f"id={sample['id']}", [sample["id"]]
    created = quote(sample["queryServiceQualificationDate"], safe="")

    def listing(query: str) -> list[str]:
        return listed(sq.list(query, of=QUERIES))

    assert listing(f"?{own}&queryServiceQualificationDate%3E%3D{created}") == one
    assert listing(f"?{own}&queryServiceQualificationDate.lt={created}") == []
    assert listing(f"?{own}&externalId.regex=%5Ecrm-") == one
    assert listing(f"?{own}&state=accepted,done") == one


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("?checkServiceQualificationDate=yesterday", "checkServiceQualificationDate"),
        ("?expirationDate.gt=2030-01-01T00:00:00", "expirationDate.gt"),
        ("?state.lt=done", "state.lt"),
        ("?state=finished", "state"),
        ("?provideAlternative=maybe", "provideAlternative"),
        ("?qualificationResult.regex=qual", "qualificationResult.regex"),
        ("?description.regex=(", "description.regex"),
        ("?colour=red", "colour"),
        ("?serviceQualificationItem.service.colour=red", "colour"),
        ("?href=x", "href"),
    ],
)
def test_refusals_name_the_parameter(network: Network, query: str, parameter: str) -> None:
    response = network.sq.list(query)
    assert response.status_code == 400, response.text
    error = response.json()
    assert error["code"] == "INVALID_QUERY_PARAMETER"
    assert parameter in error["message"]


def test_query_refusals_name_the_parameter(network: Network) -> None:
    response = network.sq.list("?queryServiceQualificationDate.lte=soon", of=QUERIES)
    assert response.status_code == 400, response.text
    assert "queryServiceQualificationDate.lte" in response.json()["message"]
    unknown = network.sq.list("?serviceQualificationItem.id=1", of=QUERIES)
    assert unknown.status_code == 400, unknown.text
