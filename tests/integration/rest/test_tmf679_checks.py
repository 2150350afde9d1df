"""checkProductOfferingQualification over a real gRPC tier: synchronous and background
judging, the provide* options, customers, channels and places, patch and delete. Every
response is held to the official TMF679 v5 schemas by the client."""

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
)

ITEMS = "checkProductOfferingQualificationItem"
ASYNC = {"Expect": "202-Accepted"}


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


def created(api: Tmf679, body: dict[str, Any], **options: Any) -> dict[str, Any]:
    response = api.check(body, **options)
    assert response.status_code == 201, response.text
    document: dict[str, Any] = response.json()
    assert response.headers["Location"] == document["href"]
    return document


def results(document: dict[str, Any]) -> dict[str, str]:
    return {i["id"]: i.get("qualificationItemResult", "") for i in document[ITEMS]}


def test_a_synchronous_check_is_judged_stored_and_returned(api: Tmf679, shop: Shop) -> None:
    document = created(api, check_body(shop.good_customer, [item(shop.basic)]))
    assert document["state"] == "done"
    assert document["qualificationResult"] == "qualified"
    assert results(document) == {"1": "qualified"}
    for attribute in ("creationDate", "effectiveQualificationDate", "expirationDate"):
        assert attribute in document
    assert document["expirationDate"] > document["creationDate"]
    assert api.retrieve(document["id"]).json() == document


def test_a_refused_item_gets_reasons_and_alternatives_when_asked(api: Tmf679, shop: Shop) -> None:
    body = check_body(
        shop.poor_customer,
        [item(shop.premium, id="p")],
        provideAlternative=True,
        provideResultReason=True,
    )
    document = created(api, body)
    (entry,) = document[ITEMS]
    assert entry["qualificationItemResult"] == "alternate"
    assert document["qualificationResult"] == "alternate"
    assert entry["eligibilityResultReason"], entry
    assert all(r["code"] for r in entry["eligibilityResultReason"])
    proposals = entry["alternateProductOfferingProposal"]
    assert [p["alternateProductOffering"]["id"] for p in proposals] == [shop.basic]


def test_reasons_and_alternatives_are_left_out_unless_asked(api: Tmf679, shop: Shop) -> None:
    document = created(api, check_body(shop.poor_customer, [item(shop.premium)]))
    (entry,) = document[ITEMS]
    assert entry["qualificationItemResult"] in ("alternate", "unqualified")
    assert "eligibilityResultReason" not in entry
    assert "alternateProductOfferingProposal" not in entry


def test_the_same_offering_is_qualified_for_a_good_customer(api: Tmf679, shop: Shop) -> None:
    document = created(api, check_body(shop.good_customer, [item(shop.premium)]))
    assert results(document) == {"1": "qualified"}


def test_an_unknown_offering_is_an_unqualified_item_not_an_error(api: Tmf679, shop: Shop) -> None:
    body = check_body(
        shop.good_customer, [item(shop.basic), item(unique("missing"))], provideResultReason=True
    )
    document = created(api, body)
    assert results(document) == {"1": "qualified", "2": "unqualified"}
    assert document["qualificationResult"] == "unqualified"
    assert document[ITEMS][1]["eligibilityResultReason"]


def test_only_available_leaves_refused_items_out(api: Tmf679, shop: Shop) -> None:
    body = check_body(
        shop.good_customer,
        [item(shop.basic), item(unique("missing"))],
        provideOnlyAvailable=True,
    )
    document = created(api, body)
    assert results(document) == {"1": "qualified"}
    assert document["provideOnlyAvailable"] is True


def test_an_unknown_customer_is_judged_as_a_prospect_and_told_so(api: Tmf679, shop: Shop) -> None:
    body = check_body(unique("stranger"), [item(shop.basic)], provideResultReason=True)
    document = created(api, body)
    assert "CUSTOMER_IS_PROSPECT" in [note["id"] for note in document["note"]]
    codes = [r["code"] for r in document[ITEMS][0]["eligibilityResultReason"]]
    assert "CUSTOMER_IS_PROSPECT" in codes
    known = created(api, check_body(shop.good_customer, [item(shop.basic)]))
    assert "note" not in known


def test_the_customer_role_is_read_in_any_case(api: Tmf679, shop: Shop) -> None:
    body = check_body(shop.good_customer, [item(shop.premium)])
    body["relatedParty"][0]["role"] = "Customer"
    document = created(api, body)
    assert document["relatedParty"][0]["partyOrPartyRole"]["id"] == shop.good_customer
    assert results(document) == {"1": "qualified"}


def test_the_place_of_the_items_decides_geography_rules(api: Tmf679, shop: Shop) -> None:
    north = created(
        api, check_body(shop.good_customer, [item(shop.north_only, product=at_region("north"))])
    )
    south = created(
        api, check_body(shop.good_customer, [item(shop.north_only, product=at_region("south"))])
    )
    assert results(north) == {"1": "qualified"}
    assert results(south) == {"1": "unqualified"}
    place = north[ITEMS][0]["product"]["place"][0]["place"]
    assert place["stateOrProvince"] == "north"


def test_the_channel_decides_channel_rules(api: Tmf679, shop: Shop) -> None:
    web = created(api, check_body(shop.good_customer, [item(shop.shop_only)]))
    body = check_body(shop.good_customer, [item(shop.shop_only)])
    body["channel"] = {"@type": "ChannelRef", "id": "shop"}
    in_shop = created(api, body)
    assert results(web) == {"1": "unqualified"}
    assert results(in_shop) == {"1": "qualified"}
    assert in_shop["channel"]["id"] == "shop"


def speed(value: Any) -> dict[str, Any]:
    characteristic = {"@type": "NumberCharacteristic", "name": "downloadSpeed", "value": value}
    return {"@type": "Product", "productCharacteristic": [characteristic]}


def test_the_requested_configuration_is_checked_by_the_catalog(api: Tmf679, shop: Shop) -> None:
    body = check_body(
        shop.good_customer,
        [item(shop.fibre, product=speed(1000)), item(shop.fibre, product=speed(700))],
        provideResultReason=True,
    )
    document = created(api, body)
    assert results(document) == {"1": "qualified", "2": "unqualified"}
    allowed, refused = document[ITEMS]
    assert allowed["product"]["productCharacteristic"][0]["value"] == 1000
    codes = [r["code"] for r in refused["eligibilityResultReason"]]
    assert "CHARACTERISTIC_VALUE_NOT_ALLOWED" in codes


def test_a_category_item_lists_the_eligible_offerings(api: Tmf679, shop: Shop) -> None:
    body = check_body(shop.poor_customer, [item(category_id=shop.category)])
    document = created(api, body)
    (entry,) = document[ITEMS]
    assert entry["category"]["id"] == shop.category
    eligible = {
        nested["productOffering"]["id"]
        for nested in entry.get("CheckProductOfferingQualificationItem", [])
    }
    assert shop.basic in eligible
    assert shop.premium not in eligible  # credit class E is too low
    assert shop.shop_only not in eligible  # asked through the web


def test_with_expect_202_the_check_is_acknowledged_then_judged_in_the_background(
    api: Tmf679, shop: Shop
) -> None:
    body = check_body(
        shop.poor_customer,
        [item(shop.premium)],
        provideResultReason=True,
        provideAlternative=True,
    )
    response = api.check(body, headers=ASYNC)
    assert response.status_code == 202, response.text
    acknowledged = response.json()
    assert response.headers["Location"] == acknowledged["href"]
    assert acknowledged["state"] in ("acknowledged", "inProgress", "done")
    judged = api.until_judged(acknowledged["id"])
    assert judged["state"] == "done"
    assert results(judged) == {"1": "alternate"}
    assert judged[ITEMS][0]["eligibilityResultReason"]


def test_the_deprecated_instant_sync_flag_false_also_judges_in_the_background(
    api: Tmf679, shop: Shop
) -> None:
    body = check_body(shop.good_customer, [item(shop.basic)], instantSyncQualification=False)
    response = api.check(body)
    assert response.status_code == 202, response.text
    assert api.until_judged(response.json()["id"])["qualificationResult"] == "qualified"


def test_an_unsupported_expectation_is_refused(api: Tmf679, shop: Shop) -> None:
    response = api.check(
        check_body(shop.good_customer, [item(shop.basic)]), headers={"Expect": "x"}
    )
    assert response.status_code == 417
    assert response.json()["code"] == "EXPECTATION_FAILED"


def test_fields_select_attributes_on_create_and_retrieve(api: Tmf679, shop: Shop) -> None:
    response = api.check(check_body(shop.good_customer, [item(shop.basic)]), query="?fields=state")
    assert response.status_code == 201
    assert set(response.json()) == {"id", "href", "@type", "state"}
    check_id = response.json()["id"]
    selected = api.retrieve(check_id, "?fields=qualificationResult").json()
    assert set(selected) == {"id", "href", "@type", "qualificationResult"}


def test_only_the_description_may_be_patched(api: Tmf679, shop: Shop) -> None:
    document = created(api, check_body(shop.good_customer, [item(shop.basic)], description="a"))
    patched = api.patch(document["id"], {"@type": document["@type"], "description": "b"})
    assert patched.status_code == 200, patched.text
    assert patched.json()["description"] == "b"
    assert api.retrieve(document["id"]).json()["description"] == "b"
    plain = api.patch(document["id"], {"description": "c"}, media_type="application/json")
    assert plain.json()["description"] == "c"
    removed = api.patch(document["id"], {"description": None})
    assert "description" not in removed.json()
    for attribute, value in [
        ("state", "cancelled"),
        ("qualificationResult", "qualified"),
        ("provideAlternative", True),
        ("checkProductOfferingQualificationItem", []),
        ("id", "other"),
    ]:
        refused = api.patch(document["id"], {attribute: value})
        assert refused.status_code == 400, attribute
        assert refused.json()["code"] == "ATTRIBUTE_NOT_PATCHABLE"
        assert f"'{attribute}'" in refused.json()["message"]
    after = api.retrieve(document["id"]).json()
    assert {k: v for k, v in after.items() if k != "description"} == {
        k: v for k, v in document.items() if k != "description"
    }


def test_patch_of_an_unknown_check_is_404(api: Tmf679) -> None:
    response = api.patch(unique("missing"), {"description": "x"})
    assert response.status_code == 404


def test_a_deleted_check_is_gone(api: Tmf679, shop: Shop) -> None:
    document = created(api, check_body(shop.good_customer, [item(shop.basic)]))
    assert api.delete(document["id"]).status_code == 204
    assert api.retrieve(document["id"]).status_code == 404
    assert api.delete(document["id"]).status_code == 404
