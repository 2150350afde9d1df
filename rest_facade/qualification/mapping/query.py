"""QueryProductOfferingQualification <-> FindEligibleOfferings.

A query is answered at once and not stored (FindEligibleOfferings keeps nothing), so it has no
id or href. `searchCriteria` narrows by `category` and gives the place in `product.place`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from google.protobuf.timestamp_pb2 import Timestamp

from ordercapture.qualification.v1 import check_pb2, eligibility_service_pb2
from rest_facade.errors import bad_request
from rest_facade.qualification.mapping import notes
from rest_facade.qualification.mapping.party import customer_from_tmf, customer_to_tmf
from rest_facade.qualification.mapping.place import place_from_product, place_to_tmf
from rest_facade.qualification.mapping.values import (
    array,
    nested,
    reference_id,
    refuse_unknown,
    text,
)
from rest_facade.tmf_values import JsonObject, invalid, timestamp_to_tmf

TMF_TYPE = "QueryProductOfferingQualification"
ITEM_TYPE = "QueryProductOfferingQualificationItem"
ACCEPTED = frozenset(
    {"description", "channel", "relatedParty", "searchCriteria", "instantSyncQualification"}
)
CRITERIA_ACCEPTED = ("category", "product")
PRODUCT_ACCEPTED = ("place",)


def find_request_from_tmf(
    document: Mapping[str, Any],
) -> eligibility_service_pb2.FindEligibleOfferingsRequest:
    refuse_unknown(document, ACCEPTED)
    if document.get("instantSyncQualification") is False:
        raise invalid(
            "instantSyncQualification", "queries are answered at once; only true is accepted"
        )
    criteria = nested(document, "searchCriteria")
    if "productOffering" in criteria:
        raise bad_request(
            "ATTRIBUTE_NOT_SUPPORTED",
            "Attribute 'searchCriteria.productOffering' is not supported: to ask whether a "
            "given offering is eligible, create a checkProductOfferingQualification.",
        )
    refuse_unknown(criteria, CRITERIA_ACCEPTED, "searchCriteria")
    product = nested(criteria, "product", "searchCriteria")
    refuse_unknown(product, PRODUCT_ACCEPTED, "searchCriteria.product")
    request = eligibility_service_pb2.FindEligibleOfferingsRequest(
        party_id=customer_from_tmf(array(document, "relatedParty")),
        channel=reference_id(document, "channel"),
        category_id=reference_id(criteria, "category", "searchCriteria"),
    )
    place = place_from_product(product, "searchCriteria.product")
    if place is not None:
        request.place.CopyFrom(place)
    return request


def query_to_tmf(
    document: Mapping[str, Any],
    request: eligibility_service_pb2.FindEligibleOfferingsRequest,
    response: eligibility_service_pb2.FindEligibleOfferingsResponse,
    answered: Timestamp,
) -> JsonObject:
    """The answered query: the question as understood, and one item per eligible offering."""
    at = timestamp_to_tmf(answered)
    query: JsonObject = {
        "@type": TMF_TYPE,
        "state": "done",
        "creationDate": at,
        "effectiveQualificationDate": at,
    }
    description = text(document, "description")
    if description:
        query["description"] = description
    if request.channel:
        query["channel"] = {"@type": "ChannelRef", "id": request.channel}
    parties = customer_to_tmf(request.party_id)
    if parties:
        query["relatedParty"] = parties
    query["searchCriteria"] = _criteria_to_tmf(request)
    query["qualifiedProductOfferingItem"] = [
        _offering_to_tmf(n, offering) for n, offering in enumerate(response.offerings, start=1)
    ]
    if response.customer_is_prospect:
        query["note"] = [notes.prospect_note()]
    return query


def _criteria_to_tmf(request: eligibility_service_pb2.FindEligibleOfferingsRequest) -> JsonObject:
    criteria: JsonObject = {"@type": ITEM_TYPE}
    if request.category_id:
        criteria["category"] = {"@type": "CategoryRef", "id": request.category_id}
    if request.HasField("place"):
        criteria["product"] = {"@type": "Product", "place": [place_to_tmf(request.place)]}
    return criteria


def _offering_to_tmf(number: int, offering: check_pb2.EligibleOffering) -> JsonObject:
    item: JsonObject = {
        "@type": ITEM_TYPE,
        "id": str(number),
        "productOffering": {"@type": "ProductOfferingRef", "id": offering.offering_id},
    }
    if offering.name:
        item["productOffering"]["name"] = offering.name
    if offering.category_ids:
        item["category"] = {"@type": "CategoryRef", "id": offering.category_ids[0]}
    return item


# First-level attributes of an answered query (for `fields`).
ATTRIBUTES = ACCEPTED | {
    "@type",
    "state",
    "creationDate",
    "effectiveQualificationDate",
    "qualifiedProductOfferingItem",
    "note",
}
