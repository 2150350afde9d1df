"""Every response of a qualification journey validates against the OFFICIAL TMF679 v5 schemas
(success bodies against the operation's response schema, the creates' 202 against the check
or query, errors against `Error`)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.contract.official_tmf679 import official_validator
from tests.integration.rest.harness import GrpcTier, Tmf620, facade, unique
from tests.integration.rest.tmf679 import (
    CHECKS,
    QUERIES,
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


def journey(api: Tmf679, catalog: Tmf620, target: str) -> None:
    """Walks every served operation, the options and the error paths."""
    shop = open_shop(catalog, target)
    full = check_body(
        shop.poor_customer,
        [
            item(shop.premium, product=at_region("north")),
            item(shop.north_only),
            item(category_id=shop.category),
            item(unique("missing")),
        ],
        provideAlternative=True,
        provideResultReason=True,
        description="journey",
    )
    judged = api.check(full).json()
    api.check({**full, "provideOnlyAvailable": True})
    api.check(check_body(unique("prospect"), [item(shop.basic)], provideResultReason=True))
    background = api.check(full, headers={"Expect": "202-Accepted"}).json()
    api.until_judged(background["id"])
    api.list()
    api.list(f"?relatedParty.id={shop.poor_customer}&state=done&fields=state&limit=1&offset=1")
    api.retrieve(judged["id"], "?fields=checkProductOfferingQualificationItem")
    api.patch(judged["id"], {"description": "patched"})
    api.patch(judged["id"], {"description": None}, media_type="application/json")
    asked = api.query(query_body(shop.good_customer, shop.category)).json()
    api.query(query_body(unique("prospect"), offering_id=shop.basic))
    waiting = api.query(query_body(shop.poor_customer), headers={"Expect": "202-Accepted"}).json()
    api.until_answered(waiting["id"])
    api.list_queries()
    api.list_queries(f"?relatedParty.id={shop.poor_customer}&state=done&fields=state&limit=1")
    api.retrieve_query(asked["id"], "?fields=qualifiedProductOfferingItem")
    api.patch_query(asked["id"], {"description": "patched"})
    api.patch_query(asked["id"], {"description": None}, media_type="application/json")

    # Errors: 400 (schema, body, query, patch rule), 404, 405, 415, 417, 501.
    api.check({"checkProductOfferingQualificationItem": []})
    api.check(check_body(shop.good_customer, [item()]))
    api.list("?colour=red")
    api.patch(judged["id"], {"state": "done"})
    api.patch(judged["id"], {"op": "add"}, media_type="application/json-patch+json")
    api.patch(judged["id"], {"description": "x"}, media_type="text/plain")
    api.retrieve("missing")
    api.request("PUT", f"{CHECKS}/{judged['id']}")
    api.request("PUT", f"{QUERIES}/{asked['id']}")
    api.query(query_body(shop.good_customer), headers={"Expect": "later"})
    api.list("?filter=state")
    api.list_queries("?sort=state")
    api.patch_query(asked["id"], {"searchCriteria": {}})
    api.retrieve_query("missing")
    api.delete(judged["id"])
    api.delete(judged["id"])
    api.delete_query(asked["id"])
    api.delete_query(asked["id"])


def test_every_response_of_a_journey_validates_against_tmf679_v5(
    poq: tuple[Tmf679, Tmf620], tier: GrpcTier
) -> None:
    api, catalog = poq
    journey(api, catalog, tier.target)  # the client asserts each response as it comes
    validator = official_validator()
    statuses = {exchange.status for exchange in api.exchanges}
    assert {200, 201, 202, 204, 400, 404, 405, 415, 417, 501} <= statuses, statuses
    templates = (CHECKS, f"{CHECKS}/{{id}}", QUERIES, f"{QUERIES}/{{id}}")
    assert all(template in validator.paths for template in templates)
    queried = {(e.method, e.status) for e in api.exchanges if e.path.startswith(QUERIES)}
    expected = {("POST", 201), ("POST", 202), ("GET", 200), ("PATCH", 200), ("DELETE", 204)}
    assert expected <= queried, queried
