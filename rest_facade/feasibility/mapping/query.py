"""QueryServiceQualification <-> FindAvailableServicesRequest / Response.

A query is answered in the request and not stored (FindAvailableServices keeps nothing): the
answer has state `done`, no `id` and no `href`, whatever `instantSyncQualification` says.

Results: one serviceQualificationItem per available service and deliverable catalog
specification (a ServiceRefOrValue names one serviceSpecification), or one without a
specification for a technology no specification is deliverable with yet (a planned rollout,
with its expectedServiceAvailabilityDate). Technologies whose access node has no free port are
not available and are left out. An unknown place gives no items and its suggested addresses
in searchCriteria.service.place (role `suggestedAddress`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import datetime
from typing import Any

from ordercapture.feasibility.v1 import check_pb2, feasibility_service_pb2
from rest_facade.feasibility.mapping.characteristics import network_characteristics
from rest_facade.feasibility.mapping.check_item import SERVICE_TYPE, specification_ref
from rest_facade.feasibility.mapping.party import parties_to_tmf, party_id_from_tmf
from rest_facade.feasibility.mapping.places import place_from_tmf, places_to_tmf
from rest_facade.feasibility.mapping.values import array, day_to_tmf, obj, refuse_unknown, text
from rest_facade.tmf_values import JsonObject

TMF_TYPE = "QueryServiceQualification"
ITEM_TYPE = "ServiceQualificationItem"

# Output-only attributes a client may echo back; ignored.
SERVER_MANAGED = frozenset(
    {
        "id",
        "href",
        "state",
        "queryServiceQualificationDate",
        "effectiveQualificationDate",
        "estimatedResponseDate",
        "expirationDate",
        "serviceQualificationItem",
    }
)
ACCEPTED = frozenset({"searchCriteria", "externalId", "instantSyncQualification", "relatedParty"})
ATTRIBUTES = SERVER_MANAGED | ACCEPTED | {"@type"}

FindRequest = feasibility_service_pb2.FindAvailableServicesRequest
FindResponse = feasibility_service_pb2.FindAvailableServicesResponse


def find_request_from_tmf(document: Mapping[str, Any]) -> tuple[FindRequest, str]:
    """The request, and the customer's id (informational, echoed back)."""
    refuse_unknown(document, ATTRIBUTES)
    text(document, "externalId")  # echoed back: refuse a non-string now, not when answering
    criteria = obj(document.get("searchCriteria"), "searchCriteria")
    refuse_unknown(criteria, {"service"}, "searchCriteria")
    service = obj(criteria.get("service"), "searchCriteria.service")
    refuse_unknown(service, {"place"}, "searchCriteria.service")
    place = place_from_tmf(
        array(service, "place", "searchCriteria.service"), "searchCriteria.service.place"
    )
    party_id = party_id_from_tmf(array(document, "relatedParty"), "relatedParty")
    return FindRequest(place=place), party_id


def query_to_tmf(
    document: Mapping[str, Any],
    place: check_pb2.PlaceSelector,
    party_id: str,
    found: FindResponse,
    answered: datetime,
) -> JsonObject:
    when = answered.strftime("%Y-%m-%dT%H:%M:%SZ")
    query: JsonObject = {
        "@type": TMF_TYPE,
        "state": "done",
        "instantSyncQualification": True,
        "queryServiceQualificationDate": when,
        "effectiveQualificationDate": when,
        "searchCriteria": {
            "@type": ITEM_TYPE,
            "service": {
                "@type": SERVICE_TYPE,
                "place": places_to_tmf(place, found.address.id, found.suggestions),
            },
        },
        "serviceQualificationItem": [
            {"@type": ITEM_TYPE, "id": str(n), **content}
            for n, content in enumerate(_items(found, place), start=1)
        ],
    }
    external_id = text(document, "externalId")
    if external_id:
        query["externalId"] = external_id
    parties = parties_to_tmf(party_id)
    if parties:
        query["relatedParty"] = parties
    return query


def _items(found: FindResponse, place: check_pb2.PlaceSelector) -> Iterator[JsonObject]:
    for service in found.services:
        if not service.has_capacity and not service.available_from:
            continue
        characteristics = network_characteristics(
            service.technology, service.max_download_mbps, service.max_upload_mbps
        )
        content: JsonObject = {}
        if service.available_from:
            content["expectedServiceAvailabilityDate"] = day_to_tmf(service.available_from)
        base: JsonObject = {
            "@type": SERVICE_TYPE,
            "serviceCharacteristic": characteristics,
            "place": places_to_tmf(place, found.address.id, ()),
        }
        if not service.product_specification_ids:
            yield {**content, "service": base}
        for spec_id in service.product_specification_ids:
            yield {
                **content,
                "service": {**base, "serviceSpecification": specification_ref(spec_id)},
            }
