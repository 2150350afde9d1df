"""Filters on any attribute of productOrder and cancelProductOrder, evaluated by the tier in its
database: every entry of the condition tables is proved against a stored order (its own value
finds it, `.ne` of that value does not), then the operators, typing and refusals."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import pytest

from rest_facade.ordering.conditions import CANCELLATION_CONDITIONS, ORDER_CONDITIONS
from tests.integration.rest.harness import unique
from tests.integration.rest.tmf622 import (
    Tmf622,
    api_fixture,  # noqa: F401 - the fixture named "api"
    cancel_body,
    item,
    order_body,
    tier_fixture,  # noqa: F401 - the fixture named "tier"
)

# Attributes the sample order cannot carry at creation: set by later steps of the lifecycle,
# or by references the sample does not make. Each is still resolved by the tier (a condition
# on it is accepted and finds nothing here).
NOT_IN_SAMPLE = {
    "cancellationReason",
    "completionDate",
    "cancellationDate",
    "expectedCompletionDate",
    "relatedParty.partyOrPartyRole.name",
    "productOrderItem.productOrderItem.productOrderItemRelationship.id",
}
# The same, for an item at any depth.
ITEM_NOT_IN_SAMPLE = (
    "product.id",
    "product.productCharacteristic.name",
    "product.product.productOffering.id",
    "productOfferingQualificationItem.productOfferingQualificationId",
    "productOfferingQualificationItem.itemId",
    "qualification.id",
    "qualification.name",
    "productOrderItemRelationship.relationshipType",
)
# Spellings channels still use for an attribute, filtered like the attribute.
ALIASES = {
    "relatedParty.id": "relatedParty.partyOrPartyRole.id",
    "channel.id": "channel.channel.id",
    "externalId": "externalId.id",
}


def absent_from_sample(attribute: str) -> bool:
    if attribute in NOT_IN_SAMPLE:
        return True
    inner = attribute.removeprefix("productOrderItem.").removeprefix("productOrderItem.")
    return attribute.startswith("productOrderItem.") and inner in ITEM_NOT_IN_SAMPLE


def values_at(document: Any, path: list[str]) -> list[Any]:
    """Every value found at the dotted path, arrays crossed on the way."""
    if isinstance(document, list):
        return [v for member in document for v in values_at(member, path)]
    if not path:
        return [document]
    if not isinstance(document, dict) or path[0] not in document:
        return []
    return values_at(document[path[0]], path[1:])


def text(value: Any) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


@pytest.fixture(scope="module")
def sample(api: Tmf622) -> dict[str, Any]:
    bundle = item(
        "1",
        productOrderItem=[item("1.1")],
        productOrderItemRelationship=[{"@type": "OrderItemRelationship", "id": "2"}],
    )
    body = order_body(
        bundle,
        item("2", quantity=2),
        description=unique("Fibre for Müller"),
        category="B2C",
        priority="1",
        requestedStartDate="2030-01-02T09:00:00Z",
        requestedCompletionDate="2030-02-02T09:00:00+01:00",
        note=[{"@type": "Note", "id": "n1", "author": "agent", "text": "call first"}],
        billingAccount={"@type": "BillingAccountRef", "id": unique("ba")},
        externalId=[
            {
                "@type": "ExternalIdentifier",
                "id": unique("crm"),
                "owner": "crm",
                "externalIdentifierType": "ticket",
            }
        ],
    )
    return api.created(body)


def listed(api: Tmf622, query: str) -> list[str]:
    response = api.list(f"?{query}&limit=1000")
    assert response.status_code == 200, response.text
    ids = [one["id"] for one in response.json()]
    assert response.headers["X-Total-Count"] == str(len(ids))
    return ids


@pytest.mark.parametrize("attribute", sorted(ORDER_CONDITIONS))
def test_every_order_attribute_filters_in_the_tier(
    api: Tmf622, sample: dict[str, Any], attribute: str
) -> None:
    spelt = ALIASES.get(attribute, attribute)
    found = values_at(sample, spelt.split("."))
    own = f"id={sample['id']}"
    if not found:
        assert absent_from_sample(attribute), f"{attribute}: no value in the sample order"
        other = "2000-01-01T00:00:00Z" if attribute.endswith("Date") else "nothing-like-it"
        assert listed(api, f"{own}&{attribute}.ne={other}") == [sample["id"]]
        return
    assert not absent_from_sample(attribute)
    value = quote(text(found[0]), safe="")
    assert listed(api, f"{own}&{attribute}={value}") == [sample["id"]]
    assert listed(api, f"{own}&{attribute}.ne={value}") == []
    # Across all orders, every one found by the value does carry it.
    for order_id in listed(api, f"{attribute}={value}")[:5]:
        stored = api.retrieve(order_id).json()
        assert text(found[0]) in [text(v) for v in values_at(stored, spelt.split("."))]


def test_operators_compare_by_type(api: Tmf622, sample: dict[str, Any]) -> None:
    own = f"id={sample['id']}"
    assert listed(api, f"{own}&requestedStartDate.gt=2030-01-02T08:59:59Z") == [sample["id"]]
    assert listed(api, f"{own}&requestedStartDate.gt=2030-01-02T10:00:00%2B01:00") == []
    assert listed(api, f"{own}&requestedStartDate%3E%3D2030-01-02T09:00:00Z") == [sample["id"]]
    assert listed(api, f"{own}&requestedStartDate<2030-01-02T09:00:00Z") == []
    assert listed(api, f"{own}&productOrderItem.quantity.gte=2") == [sample["id"]]
    assert listed(api, f"{own}&productOrderItem.quantity.gt=2") == []
    # Numbers compare as numbers, not as text ("10" > "2" as text).
    assert listed(api, f"{own}&productOrderItem.quantity.lt=10") == [sample["id"]]
    assert listed(api, f"{own}&description.regex=M.ller") == [sample["id"]]
    assert listed(api, f"{own}&description.regex=%5EMüller") == []


def test_or_by_comma_and_by_repetition_and_across_attributes(
    api: Tmf622, sample: dict[str, Any]
) -> None:
    own = f"id={sample['id']}"
    assert listed(api, f"{own}&priority=9,1") == [sample["id"]]
    assert listed(api, f"{own}&priority=9&priority=1") == [sample["id"]]
    assert listed(api, f"{own}&priority=1&category=B2B") == []
    assert listed(api, f'{own}&category="B2C"') == [sample["id"]]


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ("requestedStartDate.gt=tomorrow", "requestedStartDate.gt"),
        ("productOrderItem.quantity=two", "productOrderItem.quantity"),
        ("state=shipped", "state"),
        ("state.gt=acknowledged", "state.gt"),
        ("description.regex=(", "description.regex"),
        ("colour=red", "colour"),
        ("productOrderItem.colour=red", "productOrderItem.colour"),
    ],
)
def test_bad_filters_are_refused_naming_the_parameter(api: Tmf622, query: str, named: str) -> None:
    response = api.list(f"?{query}")
    assert response.status_code == 400, response.text
    assert f"'{named}'" in response.json()["message"]


@pytest.mark.parametrize("attribute", sorted(CANCELLATION_CONDITIONS))
def test_every_cancellation_attribute_filters_in_the_tier(
    api: Tmf622, sample: dict[str, Any], attribute: str
) -> None:
    response = api.cancel(cancel_body(api.created(order_body())["id"], reason=unique("moved")))
    assert response.status_code == 201, response.text
    task = response.json()
    found = values_at(task, attribute.split("."))
    own = f"id={task['id']}"
    if not found:
        assert attribute == "effectiveCancellationDate" or attribute == "requestedCancellationDate"
        assert listed_cancellations(api, f"{own}&{attribute}.ne=2030-01-01T00:00:00Z") == [
            task["id"]
        ]
        return
    value = quote(text(found[0]), safe="")
    assert listed_cancellations(api, f"{own}&{attribute}={value}") == [task["id"]]
    assert listed_cancellations(api, f"{own}&{attribute}.ne={value}") == []


def listed_cancellations(api: Tmf622, query: str) -> list[str]:
    response = api.list_cancellations(f"?{query}&limit=1000")
    assert response.status_code == 200, response.text
    return [one["id"] for one in response.json()]


def test_type_filters_find_subtypes_and_the_base_type(api: Tmf622) -> None:
    subtype = unique("FibreOrder")
    body = order_body(**{"@type": subtype, "@schemaLocation": "https://example.com/fibre.json"})
    kept = api.created(body)
    base = api.created(order_body())
    assert kept["@type"] == subtype
    assert listed(api, f"@type={subtype}") == [kept["id"]]
    own = f"id={kept['id']},{base['id']}"
    assert listed(api, f"{own}&@type=ProductOrder") == [base["id"]]
    assert sorted(listed(api, f"{own}&@type=ProductOrder,{subtype}")) == sorted(
        [kept["id"], base["id"]]
    )
    assert listed(api, f"{own}&@type.ne=ProductOrder") == [kept["id"]]
