"""CheckProductOfferingQualification JSON <-> CheckEligibilityRequest / EligibilityCheck, and
the bodies refused with a 400 naming the attribute. Rendered checks are validated against the
official TMF679 v5 schema."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from google.protobuf import json_format
from google.protobuf.timestamp_pb2 import Timestamp

from ordercapture.qualification.v1 import check_pb2
from ordercapture.type.v1 import characteristic_pb2, configuration_pb2
from rest_facade.errors import TmfError
from rest_facade.qualification.mapping.check import check_request_from_tmf, check_to_tmf
from rest_facade.tmf_values import Hrefs
from tests.contract.official_tmf679 import problems

ROOT = "http://h/tmf-api/productOfferingQualification/v5"
ITEMS = "checkProductOfferingQualificationItem"
CS = check_pb2.CheckState
OC = check_pb2.Outcome


def item(**extra: Any) -> dict[str, Any]:
    return {"@type": "CheckProductOfferingQualificationItem", **extra}


def offering(offering_id: str) -> dict[str, str]:
    return {"@type": "ProductOfferingRef", "id": offering_id}


def customer(party_id: str, role: str = "customer") -> dict[str, Any]:
    return {
        "@type": "RelatedPartyOrPartyRole",
        "role": role,
        "partyOrPartyRole": {"@type": "PartyRef", "id": party_id},
    }


def address(**fields: str) -> dict[str, Any]:
    return {
        "@type": "RelatedPlaceRefOrValue",
        "role": "installationAddress",
        "place": {"@type": "GeographicAddress", **fields},
    }


def body(items: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    return {"@type": "CheckProductOfferingQualification", ITEMS: items, **extra}


def refused(document: dict[str, Any]) -> TmfError:
    with pytest.raises(TmfError) as caught:
        check_request_from_tmf(document, asynchronous=False)
    assert caught.value.status == 400
    return caught.value


def test_a_full_question_maps_onto_the_request() -> None:
    document = body(
        [
            item(
                id="a",
                action="modify",
                productOffering=offering("fibre-1000"),
                product={
                    "@type": "Product",
                    "productCharacteristic": [
                        {"@type": "NumberCharacteristic", "name": "speed", "value": Decimal("0.5")},
                        {"@type": "StringArrayCharacteristic", "name": "tv", "value": ["a", "b"]},
                        {"@type": "BooleanCharacteristic", "name": "staticIp", "value": True},
                    ],
                    "product": [{"@type": "Product", "productOffering": offering("router")}],
                    "place": [address(stateOrProvince="north", postcode="1000")],
                },
            ),
            item(category={"@type": "CategoryRef", "id": "mobile"}),
        ],
        description="shop visit",
        channel={"@type": "ChannelRef", "id": "shop"},
        relatedParty=[customer("p-1", role="Customer")],
        provideAlternative=True,
        provideResultReason=True,
        provideOnlyAvailable=True,
    )
    request = check_request_from_tmf(document, asynchronous=False)
    assert (request.party_id, request.channel, request.description) == ("p-1", "shop", "shop visit")
    assert request.place == check_pb2.Place(region="north", postcode="1000")
    assert request.options == check_pb2.CheckOptions(
        provide_alternatives=True, provide_reasons=True, only_available=True
    )
    assert not request.asynchronous
    first, second = request.items
    assert (first.id, first.offering_id, first.action) == (
        "a",
        "fibre-1000",
        check_pb2.ItemAction.ITEM_ACTION_MODIFY,
    )
    value = characteristic_pb2.CharacteristicValue
    assert [(c.name, list(c.values)) for c in first.configuration.characteristics] == [
        ("speed", [value(number="0.5")]),
        ("tv", [value(text="a"), value(text="b")]),
        ("staticIp", [value(flag=True)]),
    ]
    assert [c.offering_id for c in first.configuration.components] == ["router"]
    # Items without an id are numbered; without an action they are additions.
    assert (second.id, second.category_id, second.action) == (
        "2",
        "mobile",
        check_pb2.ItemAction.ITEM_ACTION_ADD,
    )


def test_the_expect_header_or_the_deprecated_flag_ask_for_background_judging() -> None:
    items = [item(productOffering=offering("o"))]
    assert check_request_from_tmf(body(items), asynchronous=True).asynchronous
    assert check_request_from_tmf(
        body(items, instantSyncQualification=False), asynchronous=False
    ).asynchronous
    assert not check_request_from_tmf(
        body(items, instantSyncQualification=True), asynchronous=False
    ).asynchronous


def test_a_place_ref_gives_the_register_id_and_items_may_repeat_the_same_place() -> None:
    place = {"@type": "RelatedPlaceRefOrValue", "place": {"@type": "PlaceRef", "id": "addr-7"}}
    product = {"@type": "Product", "place": [place]}
    request = check_request_from_tmf(
        body([item(productOffering=offering(o), product=product) for o in ("x", "y")]),
        asynchronous=False,
    )
    assert request.place == check_pb2.Place(id="addr-7")


def test_no_customer_is_an_anonymous_prospect() -> None:
    request = check_request_from_tmf(
        body([item(productOffering=offering("o"))]), asynchronous=False
    )
    assert request.party_id == ""


@pytest.mark.parametrize(
    ("document", "named"),
    [
        (body([]), ITEMS),
        (body([item()]), f"{ITEMS}[0]"),
        (
            body(
                [item(productOffering=offering("o"), category={"@type": "CategoryRef", "id": "c"})]
            ),
            f"{ITEMS}[0]",
        ),
        (body([item(productOffering=offering("o"), action="upgrade")]), f"{ITEMS}[0].action"),
        (body([item(productOffering={"@type": "ProductOfferingRef"})]), "productOffering"),
        (body([item(productOffering=offering("o"))], state="done"), "state"),
        (
            body([item(productOffering=offering("o"), qualificationItemResult="qualified")]),
            f"{ITEMS}[0].qualificationItemResult",
        ),
        (
            body(
                [item(productOffering=offering("o"))], relatedParty=[customer("a"), customer("b")]
            ),
            "relatedParty[1]",
        ),
        (
            body([item(productOffering=offering("o"))], relatedParty=[{"role": "customer"}]),
            "relatedParty[0].partyOrPartyRole",
        ),
        (
            body(
                [
                    item(
                        productOffering=offering(o),
                        product={"@type": "Product", "place": [address(postcode=p)]},
                    )
                    for o, p in (("x", "1000"), ("y", "2000"))
                ]
            ),
            f"{ITEMS}[1]",
        ),
        (
            body(
                [
                    item(
                        productOffering=offering("o"),
                        product={"@type": "Product", "place": [address(city="Town")]},
                    )
                ]
            ),
            "place[0].place",
        ),
        (
            body(
                [
                    item(
                        productOffering=offering("o"),
                        product={
                            "@type": "Product",
                            "productCharacteristic": [{"name": "speed", "value": {"x": 1}}],
                        },
                    )
                ]
            ),
            "productCharacteristic[0].value",
        ),
        (
            body(
                [
                    item(
                        productOffering=offering("o"),
                        product={"@type": "Product", "productCharacteristic": [{"value": "1"}]},
                    )
                ]
            ),
            "productCharacteristic[0].name",
        ),
        (
            body([item(productOffering=offering("o"), product={"@type": "Product", "id": "p"})]),
            f"{ITEMS}[0].product.id",
        ),
    ],
)
def test_malformed_questions_are_refused_naming_the_attribute(
    document: dict[str, Any], named: str
) -> None:
    assert named in refused(document).message


def timestamp(text: str) -> Timestamp:
    stamp = Timestamp()
    stamp.FromJsonString(text)
    return stamp


def judged_check(**extra: Any) -> check_pb2.EligibilityCheck:
    speed = characteristic_pb2.ConfiguredCharacteristic(
        name="speed", values=[characteristic_pb2.CharacteristicValue(number="500")]
    )
    check = check_pb2.EligibilityCheck(
        id="c-1",
        party_id="p-1",
        channel="web",
        place=check_pb2.Place(id="addr-7", region="north"),
        items=[
            check_pb2.CheckItem(
                id="1",
                offering_id="fibre-1000",
                action=check_pb2.ItemAction.ITEM_ACTION_ADD,
                configuration=configuration_pb2.RequestedConfiguration(characteristics=[speed]),
            ),
            check_pb2.CheckItem(
                id="2", category_id="mobile", action=check_pb2.ItemAction.ITEM_ACTION_NO_CHANGE
            ),
            check_pb2.CheckItem(
                id="3", offering_id="tv", action=check_pb2.ItemAction.ITEM_ACTION_ADD
            ),
        ],
        options=check_pb2.CheckOptions(provide_alternatives=True, provide_reasons=True),
        description="shop visit",
        state=CS.CHECK_STATE_DONE,
        outcome=OC.OUTCOME_UNQUALIFIED,
        results=[
            check_pb2.ItemResult(
                item_id="1",
                outcome=OC.OUTCOME_ALTERNATE,
                reasons=[check_pb2.Reason(code="REGION_NOT_SERVED", label="not here")],
                alternative_offering_ids=["fibre-500"],
            ),
            check_pb2.ItemResult(
                item_id="2", outcome=OC.OUTCOME_QUALIFIED, eligible_offering_ids=["m1", "m2"]
            ),
            check_pb2.ItemResult(item_id="3", outcome=OC.OUTCOME_UNQUALIFIED),
        ],
        create_time=timestamp("2026-01-01T10:00:00Z"),
        judge_time=timestamp("2026-01-01T10:00:01Z"),
        expire_time=timestamp("2026-01-02T10:00:00Z"),
    )
    check.MergeFrom(check_pb2.EligibilityCheck(**extra))
    return check


def render(check: check_pb2.EligibilityCheck) -> dict[str, Any]:
    document = check_to_tmf(check, Hrefs(ROOT))
    assert problems("get", "/checkProductOfferingQualification/{id}", 200, document) == []
    return document


def test_a_judged_check_renders_its_answer() -> None:
    document = render(judged_check())
    assert document["href"] == f"{ROOT}/checkProductOfferingQualification/c-1"
    assert document["state"] == "done"
    assert document["qualificationResult"] == "unqualified"
    assert document["creationDate"] == "2026-01-01T10:00:00Z"
    assert document["effectiveQualificationDate"] == "2026-01-01T10:00:01Z"
    assert document["expirationDate"] == "2026-01-02T10:00:00Z"
    assert document["channel"]["id"] == "web"
    assert document["relatedParty"][0]["partyOrPartyRole"]["id"] == "p-1"
    assert "note" not in document
    first, second, third = document[ITEMS]
    assert first["qualificationItemResult"] == "alternate"
    assert first["eligibilityResultReason"][0]["code"] == "REGION_NOT_SERVED"
    proposal = first["alternateProductOfferingProposal"][0]
    assert proposal["alternateProductOffering"]["id"] == "fibre-500"
    assert first["product"]["productCharacteristic"] == [
        {"@type": "NumberCharacteristic", "name": "speed", "valueType": "number", "value": 500}
    ]
    assert first["product"]["place"][0]["place"] == {
        "@type": "GeographicAddress",
        "id": "addr-7",
        "stateOrProvince": "north",
    }
    assert second["action"] == "noChange"
    assert second["category"]["id"] == "mobile"
    assert [
        i["productOffering"]["id"] for i in second["CheckProductOfferingQualificationItem"]
    ] == [
        "m1",
        "m2",
    ]
    assert third["qualificationItemResult"] == "unqualified"


def test_reasons_and_alternatives_only_when_asked_for() -> None:
    check = judged_check()
    check.options.Clear()
    document = render(check)
    assert document["provideAlternative"] is document["provideResultReason"] is False
    for entry in document[ITEMS]:
        assert "eligibilityResultReason" not in entry
        assert "alternateProductOfferingProposal" not in entry


def test_a_prospect_is_said_in_a_note_and_in_every_item_reason() -> None:
    document = render(judged_check(customer_is_prospect=True))
    assert [note["id"] for note in document["note"]] == ["CUSTOMER_IS_PROSPECT"]
    for entry in document[ITEMS]:
        assert "CUSTOMER_IS_PROSPECT" in [r["code"] for r in entry["eligibilityResultReason"]]


def test_only_available_leaves_out_the_items_without_an_answer() -> None:
    check = judged_check(options=check_pb2.CheckOptions(only_available=True))
    del check.results[2]
    assert [entry["id"] for entry in render(check)[ITEMS]] == ["1", "2"]


def test_an_acknowledged_check_has_no_answer_yet() -> None:
    check = check_pb2.EligibilityCheck(
        id="c-2",
        state=CS.CHECK_STATE_ACKNOWLEDGED,
        items=[check_pb2.CheckItem(id="1", offering_id="o")],
        options=check_pb2.CheckOptions(only_available=True),
        create_time=timestamp("2026-01-01T10:00:00Z"),
    )
    document = render(check)
    assert document["state"] == "acknowledged"
    assert "qualificationResult" not in document
    assert "effectiveQualificationDate" not in document
    assert [entry["id"] for entry in document[ITEMS]] == ["1"]
    assert "qualificationItemResult" not in document[ITEMS][0]


def test_a_failed_check_says_why_in_a_note() -> None:
    check = check_pb2.EligibilityCheck(
        id="c-3",
        state=CS.CHECK_STATE_TERMINATED_WITH_ERROR,
        error="catalog unavailable",
        items=[check_pb2.CheckItem(id="1", offering_id="o")],
    )
    document = render(check)
    assert document["state"] == "terminatedWithError"
    assert document["note"] == [
        {"@type": "Note", "id": "JUDGING_FAILED", "text": "catalog unavailable"}
    ]


def test_a_rendered_question_reads_back_as_the_same_request() -> None:
    check = judged_check()
    document = check_to_tmf(check, Hrefs(ROOT))
    question = {k: v for k, v in document.items() if k in {"description", "channel", ITEMS}}
    for entry in question[ITEMS]:
        for answer in (
            "qualificationItemResult",
            "eligibilityResultReason",
            "alternateProductOfferingProposal",
            "CheckProductOfferingQualificationItem",
        ):
            entry.pop(answer, None)
    question["relatedParty"] = document["relatedParty"]
    request = check_request_from_tmf(
        {"@type": "CheckProductOfferingQualification", **question}, asynchronous=False
    )
    assert list(request.items) == list(check.items)
    assert (request.party_id, request.channel, request.description) == ("p-1", "web", "shop visit")
    assert request.place == check.place


def test_other_parties_and_an_items_own_attributes_are_kept() -> None:
    """Parties of other roles kept whole, an item's own attributes with its id (the default id
    when it has none); the customer is still the one the tier reads."""
    payer = customer("b", "payer")
    document = body(
        [
            item(productOffering=offering("o"), quantity=2),
            item(productOffering=offering("p"), id="x", expectedActivationDate="2030-01-01"),
            item(productOffering=offering("q")),
        ],
        relatedParty=[payer, customer("a")],
    )
    request = check_request_from_tmf(document, asynchronous=False)
    assert request.party_id == "a"
    kept = json_format.MessageToDict(request.extension)
    assert kept["relatedParty"] == [payer]
    assert kept[ITEMS] == [
        {"id": "1", "quantity": 2},
        {"id": "x", "expectedActivationDate": "2030-01-01"},
    ]
