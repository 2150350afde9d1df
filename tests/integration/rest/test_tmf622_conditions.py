"""Filters on any attribute of productOrder and cancelProductOrder, evaluated by the tier in its
database: every entry of the condition tables is proved against a stored order (its own value
finds it, `.ne` of that value does not), then the operators, typing and refusals."""

from __future__ import annotations

from typing import Any

import pytest

from rest_facade.ordering.conditions import CANCELLATION_CONDITIONS, ORDER_CONDITIONS
from tests.integration.rest.condition_proofs import proved
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
    absent = {entry for entry in ORDER_CONDITIONS if absent_from_sample(entry)}
    proved(api.list, api.retrieve, [sample], attribute, aliases=ALIASES, absent=absent)


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
    # The sample is cancelled at once (effective date set); it asks for no date of its own.
    absent = {"requestedCancellationDate"}
    proved(
        api.list_cancellations,
        api.retrieve_cancellation,
        [response.json()],
        attribute,
        absent=absent,
    )


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
