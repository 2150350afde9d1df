"""Every response of an ordering journey validates against the OFFICIAL TMF622 v5 schemas
(ProductOrder and CancelProductOrder bodies against the operation's response schema, errors
against `Error`), and carries an X-Correlation-ID (the client checks both as each response
comes)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.contract.official_tmf622 import official_validator
from tests.integration.rest.harness import GrpcTier, unique
from tests.integration.rest.tmf622 import (
    CANCELLATIONS,
    JSON_PATCH,
    ORDERS,
    Tmf622,
    api_fixture,  # noqa: F401 - the fixture named "api", over the sqlite tier below
    cancel_body,
    complete,
    item,
    order_body,
    seeded_tier,
)


@pytest.fixture(scope="module", params=["sqlite"])
def tier(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[GrpcTier]:
    with seeded_tier(request, tmp_path_factory) as running:
        yield running


def journey(api: Tmf622, target: str) -> None:
    """Walks every served operation, the options and the error paths."""
    marker = unique("journey")
    configured = item()
    configured["product"]["productCharacteristic"] = [
        {"@type": "NumberCharacteristic", "name": "downloadSpeed", "value": 500}
    ]
    full = order_body(
        configured,
        externalId=[{"@type": "ExternalIdentifier", "id": marker}],
        note=[{"@type": "Note", "text": "journey"}],
        billingAccount={"@type": "BillingAccountRef", "id": "ba-1"},
        requestedCompletionDate="2031-01-01T00:00:00Z",
    )
    acknowledged = api.create(full, {"Idempotency-Key": marker}).json()
    api.create(full, {"Idempotency-Key": marker})
    bundle = item("b", offering_id="off-home-trio", productOrderItem=[item("b1", address_id="")])
    draft = api.create(order_body(bundle, requestedInitialState="draft")).json()
    api.list()
    api.list(f"?externalId={marker}&state=acknowledged&fields=state&limit=1&sort=-creationDate")
    api.retrieve(acknowledged["id"], "?fields=productOrderItem.state")
    api.patch(draft["id"], {"description": "merge"})
    api.patch(draft["id"], [{"op": "add", "path": "/priority", "value": "1"}], JSON_PATCH)
    api.patch(acknowledged["id"], {"description": "late change"}, "application/json")
    cancelled = api.cancel(cancel_body(acknowledged["id"])).json()
    api.list_cancellations()
    api.list_cancellations(f"?productOrder.id={acknowledged['id']}&state=done&fields=state")
    api.retrieve_cancellation(cancelled["id"])
    finished = api.create(order_body()).json()
    complete(target, finished["id"])
    api.retrieve(finished["id"])

    # Errors: 400, 404, 405, 409, 415, 422, 501.
    api.create({"@type": "ProductOrder"})
    api.create(order_body(item(colour="red")))
    api.create(order_body(item(offering_id=unique("missing"))))
    api.create(order_body(description="other"), {"Idempotency-Key": marker})
    api.list("?colour=red")
    api.list("?filter=state")
    api.retrieve("missing")
    api.patch(finished["id"], {"description": "too late"})
    api.patch(draft["id"], {"state": "cancelled"})
    api.patch(draft["id"], {"description": "x"}, "text/plain")
    api.request("PUT", f"{ORDERS}/{draft['id']}")
    api.request("PATCH", f"{CANCELLATIONS}/{cancelled['id']}")
    api.cancel(cancel_body(finished["id"]))
    api.retrieve_cancellation("missing")
    api.delete(acknowledged["id"])
    api.delete(draft["id"])
    api.delete(draft["id"])


def test_every_response_of_a_journey_validates_against_tmf622_v5(
    api: Tmf622, tier: GrpcTier
) -> None:
    journey(api, tier.target)  # the client asserts each response as it comes
    validator = official_validator()
    statuses = {exchange.status for exchange in api.exchanges}
    assert {200, 201, 204, 400, 404, 405, 409, 415, 422, 501} <= statuses, statuses
    templates = (ORDERS, f"{ORDERS}/{{id}}", CANCELLATIONS, f"{CANCELLATIONS}/{{id}}")
    assert all(template in validator.paths for template in templates)
    served = {(e.method, e.status) for e in api.exchanges if e.path.startswith(ORDERS)}
    expected = {("POST", 201), ("GET", 200), ("PATCH", 200), ("DELETE", 204)}
    assert expected <= served, served
    cancelled = {(e.method, e.status) for e in api.exchanges if e.path.startswith(CANCELLATIONS)}
    assert {("POST", 201), ("GET", 200)} <= cancelled, cancelled
