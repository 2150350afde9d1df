"""QueryProductOfferingQualification <-> CreateEligibilityQueryRequest / EligibilityQuery.

A query is stored like a check. `searchCriteria` narrows the search by `category` (with its
subcategories) and by `productOffering` (one offering: TMF679 v5 gives searchCriteria a single
item), and gives the place in `product.place`. The answer lists one
`qualifiedProductOfferingItem` per eligible offering. Top-level attributes a query does not
model are kept in its extension and given back, as for checks, and so are the parties of roles
other than customer.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ordercapture.qualification.v1 import check_pb2, eligibility_service_pb2, query_pb2
from rest_facade.extension_attributes import merged
from rest_facade.extension_changes import kept, with_nested
from rest_facade.qualification.mapping import notes
from rest_facade.qualification.mapping.party import customer_to_tmf, parties_from_tmf
from rest_facade.qualification.mapping.place import place_from_product, place_to_tmf
from rest_facade.qualification.mapping.vocabulary import TASK_STATE_NAMES
from rest_facade.tmf_readers import (
    array,
    nested,
    reference_id,
    refuse_unknown,
    text,
)
from rest_facade.tmf_values import Hrefs, JsonObject, timestamp_to_tmf

TMF_TYPE = "QueryProductOfferingQualification"
COLLECTION = "queryProductOfferingQualification"
ITEM_TYPE = "QueryProductOfferingQualificationItem"
ANSWER = "qualifiedProductOfferingItem"
ACCEPTED = frozenset(
    {"description", "channel", "relatedParty", "searchCriteria", "instantSyncQualification"}
)
CRITERIA_ACCEPTED = ("category", "productOffering", "product")
PRODUCT_ACCEPTED = ("place",)
# Set by the server; refused on create and patch.
SERVER_MANAGED = frozenset(
    {
        "id",
        "href",
        "state",
        "creationDate",
        "effectiveQualificationDate",
        "expirationDate",
        ANSWER,
    }
)
# First-level attributes of a query (for `fields`); `note` as for checks.
ATTRIBUTES = ACCEPTED | SERVER_MANAGED | {"@type", "note"}
MODELLED = ACCEPTED | SERVER_MANAGED
# The only attribute a patch may change; the question and its answer are immutable.
PATCHABLE: Mapping[str, tuple[str, ...]] = {"description": ("description",)}
# Several searched offerings (possible through gRPC) do not fit TMF's single searchCriteria.
SEARCHED_OFFERINGS_NOTE = "SEARCHED_OFFERINGS"


def query_request_from_tmf(
    document: Mapping[str, Any], *, asynchronous: bool
) -> eligibility_service_pb2.CreateEligibilityQueryRequest:
    document, extension = kept(document, ACCEPTED, SERVER_MANAGED, TMF_TYPE)
    refuse_unknown(document, ACCEPTED)
    criteria = nested(document, "searchCriteria")
    refuse_unknown(criteria, CRITERIA_ACCEPTED, "searchCriteria")
    product = nested(criteria, "product", "searchCriteria")
    refuse_unknown(product, PRODUCT_ACCEPTED, "searchCriteria.product")
    party_id, other_parties = parties_from_tmf(array(document, "relatedParty"))
    extension = with_nested(extension, "relatedParty", other_parties)
    request = eligibility_service_pb2.CreateEligibilityQueryRequest(
        party_id=party_id,
        channel=reference_id(document, "channel"),
        category_id=reference_id(criteria, "category", "searchCriteria"),
        description=text(document, "description"),
        # The deprecated instantSyncQualification=false asks for what `Expect: 202-Accepted`
        # now asks for.
        asynchronous=asynchronous or document.get("instantSyncQualification") is False,
        extension=extension,
    )
    offering_id = reference_id(criteria, "productOffering", "searchCriteria")
    if offering_id:
        request.offering_ids.append(offering_id)
    place = place_from_product(product, "searchCriteria.product")
    if place is not None:
        request.place.CopyFrom(place)
    return request


def query_to_tmf(query: query_pb2.EligibilityQuery, hrefs: Hrefs) -> JsonObject:
    """The stored query: the question as understood and, once done, the eligible offerings."""
    document: JsonObject = {
        "id": query.id,
        "href": hrefs.of(COLLECTION, query.id),
        "@type": TMF_TYPE,
        "state": TASK_STATE_NAMES.get(query.state, "acknowledged"),
    }
    if query.description:
        document["description"] = query.description
    if query.HasField("create_time"):
        document["creationDate"] = timestamp_to_tmf(query.create_time)
    if query.HasField("judge_time"):
        document["effectiveQualificationDate"] = timestamp_to_tmf(query.judge_time)
    if query.HasField("expire_time"):
        document["expirationDate"] = timestamp_to_tmf(query.expire_time)
    if query.channel:
        document["channel"] = {"@type": "ChannelRef", "id": query.channel}
    parties = customer_to_tmf(query.party_id)
    if parties:
        document["relatedParty"] = parties
    document["searchCriteria"] = _criteria_to_tmf(query)
    if query.state == check_pb2.CheckState.CHECK_STATE_DONE:
        document[ANSWER] = [
            _offering_to_tmf(n, offering) for n, offering in enumerate(query.offerings, start=1)
        ]
    return notes.with_said(merged(document, query.extension), said_of(query))


def said_of(query: query_pb2.EligibilityQuery) -> list[JsonObject]:
    """The tier's notes on a query."""
    said = notes.of_task(query.customer_is_prospect, query.error)
    if len(query.offering_ids) > 1:
        said.append(
            {
                "@type": "Note",
                "id": SEARCHED_OFFERINGS_NOTE,
                "text": "Searched within the offerings " + ", ".join(query.offering_ids) + ".",
            }
        )
    return said


def _criteria_to_tmf(query: query_pb2.EligibilityQuery) -> JsonObject:
    criteria: JsonObject = {"@type": ITEM_TYPE}
    if query.category_id:
        criteria["category"] = {"@type": "CategoryRef", "id": query.category_id}
    if len(query.offering_ids) == 1:
        criteria["productOffering"] = {"@type": "ProductOfferingRef", "id": query.offering_ids[0]}
    if query.HasField("place"):
        criteria["product"] = {"@type": "Product", "place": [place_to_tmf(query.place)]}
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
