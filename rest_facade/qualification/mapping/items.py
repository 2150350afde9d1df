"""checkProductOfferingQualificationItem <-> CheckItem (question) and ItemResult (answer).

An item asks for an offering (`productOffering`) or any offering of a category (`category`).
For a category item the eligible offerings are listed as nested items (the v5 attribute
`CheckProductOfferingQualificationItem` inside the item), each qualified.

Attributes of an item the question does not model (`expectedActivationDate`, `note`, a
subtype's own) are kept with the item's id (extension_attributes.element_extras) and merged
back into the item; the answer's attributes are the server's and refused.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ordercapture.qualification.v1 import check_pb2
from rest_facade.extension_attributes import element_extras
from rest_facade.qualification.mapping.configuration import (
    configuration_from_tmf,
    configuration_to_tmf,
)
from rest_facade.qualification.mapping.notes import PROSPECT_CODE, PROSPECT_LABEL
from rest_facade.qualification.mapping.place import place_from_product, place_to_tmf
from rest_facade.qualification.mapping.vocabulary import ACTION_NAMES, ACTIONS, OUTCOME_NAMES
from rest_facade.tmf_readers import (
    nested,
    reference_id,
    refuse_unknown,
    text,
)
from rest_facade.tmf_values import JsonObject, invalid

ITEM_TYPE = "CheckProductOfferingQualificationItem"
ITEM_ACCEPTED = ("id", "action", "productOffering", "category", "product")
# The answer's attributes: set by the server, refused in a question.
ITEM_SERVER_MANAGED = (
    "state",
    "qualificationItemResult",
    "eligibilityResultReason",
    "alternateProductOfferingProposal",
    "terminationError",
    ITEM_TYPE,
)
PRODUCT_ACCEPTED = ("productCharacteristic", "product", "place")


def item_from_tmf(
    document: Mapping[str, Any], where: str, *, default_id: str
) -> tuple[check_pb2.CheckItem, check_pb2.Place | None, JsonObject | None]:
    """The item, the place its product names (None when it names none) and the item's kept
    attributes (None when there are none)."""
    item = check_pb2.CheckItem(id=text(document, "id", where) or default_id)
    extras = element_extras(
        document, (*ITEM_ACCEPTED, *ITEM_SERVER_MANAGED), {"id": item.id}, ITEM_TYPE
    )
    refuse_unknown(
        {name: value for name, value in document.items() if extras is None or name not in extras},
        ITEM_ACCEPTED,
        where,
    )
    offering_id = reference_id(document, "productOffering", where)
    category_id = reference_id(document, "category", where)
    if bool(offering_id) == bool(category_id):
        raise invalid(where, "give either 'productOffering' or 'category'")
    if offering_id:
        item.offering_id = offering_id
    else:
        item.category_id = category_id
    action = text(document, "action", where) or "add"
    if action not in ACTIONS:
        raise invalid(f"{where}.action", f"'{action}' is not one of: {', '.join(ACTIONS)}")
    item.action = ACTIONS[action]
    product = nested(document, "product", where)
    refuse_unknown(product, PRODUCT_ACCEPTED, f"{where}.product")
    configuration = configuration_from_tmf(product, f"{where}.product")
    if configuration.ListFields():  # nothing requested: leave the field unset
        item.configuration.CopyFrom(configuration)
    return item, place_from_product(product, f"{where}.product"), extras


def items_to_tmf(check: check_pb2.EligibilityCheck) -> list[JsonObject]:
    """One entry per item, in request order; with only_available, a judged check lists only
    the items that have an answer (the tier leaves out refused ones)."""
    results = {result.item_id: result for result in check.results}
    judged = check.state == check_pb2.CheckState.CHECK_STATE_DONE
    rendered: list[JsonObject] = []
    for item in check.items:
        result = results.get(item.id)
        if result is None and judged and check.options.only_available:
            continue
        rendered.append(_item_to_tmf(item, result, check))
    return rendered


def _item_to_tmf(
    item: check_pb2.CheckItem,
    result: check_pb2.ItemResult | None,
    check: check_pb2.EligibilityCheck,
) -> JsonObject:
    document: JsonObject = {
        "@type": ITEM_TYPE,
        "id": item.id,
        "action": ACTION_NAMES.get(item.action, "add"),
    }
    if item.HasField("offering_id"):
        document["productOffering"] = offering_ref(item.offering_id)
    else:
        document["category"] = {"@type": "CategoryRef", "id": item.category_id}
    product = configuration_to_tmf(item.configuration)
    if check.HasField("place"):
        product["place"] = [place_to_tmf(check.place)]
    if product:
        document["product"] = {"@type": "Product", **product}
    if result is not None:
        document.update(_result_to_tmf(item.id, result, check))
    return document


def _result_to_tmf(
    item_id: str, result: check_pb2.ItemResult, check: check_pb2.EligibilityCheck
) -> JsonObject:
    document: JsonObject = {}
    if result.outcome in OUTCOME_NAMES:
        document["qualificationItemResult"] = OUTCOME_NAMES[result.outcome]
    if check.options.provide_reasons:
        reasons = [(r.code, r.label) for r in result.reasons]
        if check.customer_is_prospect:
            reasons.append((PROSPECT_CODE, PROSPECT_LABEL))
        if reasons:
            document["eligibilityResultReason"] = [
                {"@type": "EligibilityResultReason", "code": code, "label": label}
                for code, label in reasons
            ]
    if check.options.provide_alternatives and result.alternative_offering_ids:
        document["alternateProductOfferingProposal"] = [
            {
                "@type": "AlternateProductOfferingProposal",
                "id": str(n),
                "alternateProductOffering": offering_ref(offering_id),
            }
            for n, offering_id in enumerate(result.alternative_offering_ids, start=1)
        ]
    if result.eligible_offering_ids:
        document[ITEM_TYPE] = [
            {
                "@type": ITEM_TYPE,
                "id": f"{item_id}.{n}",
                "productOffering": offering_ref(offering_id),
                "qualificationItemResult": OUTCOME_NAMES[check_pb2.Outcome.OUTCOME_QUALIFIED],
            }
            for n, offering_id in enumerate(result.eligible_offering_ids, start=1)
        ]
    return document


def offering_ref(offering_id: str) -> JsonObject:
    return {"@type": "ProductOfferingRef", "id": offering_id}
