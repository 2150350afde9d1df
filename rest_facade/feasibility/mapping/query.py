"""QueryServiceQualification <-> CreateAvailabilityQueryRequest / AvailabilityQuery.

A query is stored like a check: `instantSyncQualification` true answers in the request;
otherwise it is stored accepted and answered in the background. `description` and `externalId`
are the caller's; they may change later.

Results: one serviceQualificationItem per available service and deliverable catalog
specification (a ServiceRefOrValue names one serviceSpecification), or one without a
specification for a technology no specification is deliverable with yet (a planned rollout,
with its expectedServiceAvailabilityDate). Technologies whose access node has no free port are
not available and are left out. An unknown place gives no items and its suggested addresses
in searchCriteria.service.place (role `suggestedAddress`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ordercapture.feasibility.v1 import feasibility_service_pb2, query_pb2
from rest_facade.extension_attributes import merged as with_kept
from rest_facade.extension_changes import kept
from rest_facade.feasibility.mapping.characteristics import network_characteristics
from rest_facade.feasibility.mapping.check_item import SERVICE_TYPE, specification_ref
from rest_facade.feasibility.mapping.party import parties_to_tmf, party_id_from_tmf
from rest_facade.feasibility.mapping.places import place_from_tmf, places_to_tmf
from rest_facade.feasibility.mapping.vocabulary import STATE_NAMES
from rest_facade.tmf_readers import (
    array,
    flag,
    member,
    refuse_unknown,
    text,
)
from rest_facade.tmf_values import Hrefs, JsonObject, day_to_tmf, timestamp_to_tmf

TMF_TYPE = "QueryServiceQualification"
COLLECTION = "queryServiceQualification"
ITEM_TYPE = "ServiceQualificationItem"

# Set by the server: accepted on create (a client may echo them) and ignored; refused on patch.
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
# Fixed once the query is made: refused on patch.
FIXED = frozenset({"searchCriteria", "instantSyncQualification", "relatedParty"})
# Patchable attribute -> proto field-mask paths.
UPDATE_PATHS: Mapping[str, tuple[str, ...]] = {
    "description": ("description",),
    "externalId": ("external_id",),
}
ATTRIBUTES = SERVER_MANAGED | FIXED | frozenset(UPDATE_PATHS) | {"@type"}
# What the mapping reads or ignores; any other top-level attribute is kept in the extension.
MODELLED = SERVER_MANAGED | FIXED | frozenset(UPDATE_PATHS)

CreateRequest = feasibility_service_pb2.CreateAvailabilityQueryRequest
Query = query_pb2.AvailabilityQuery


def create_request_from_tmf(document: Mapping[str, Any]) -> CreateRequest:
    document, extension = kept(document, MODELLED, (), TMF_TYPE)
    criteria = member(document.get("searchCriteria"), "searchCriteria")
    refuse_unknown(criteria, {"service"}, "searchCriteria")
    service = member(criteria.get("service"), "searchCriteria.service")
    refuse_unknown(service, {"place"}, "searchCriteria.service")
    place = place_from_tmf(
        array(service, "place", "searchCriteria.service"), "searchCriteria.service.place"
    )
    return CreateRequest(
        place=place,
        party_id=party_id_from_tmf(array(document, "relatedParty"), "relatedParty"),
        description=text(document, "description"),
        external_id=text(document, "externalId"),
        asynchronous=not flag(document, "instantSyncQualification"),
        extension=extension,
    )


def query_to_tmf(query: Query, hrefs: Hrefs) -> JsonObject:
    document: JsonObject = {
        "@type": TMF_TYPE,
        "id": query.id,
        "href": hrefs.of(COLLECTION, query.id),
    }
    if query.state in STATE_NAMES:
        document["state"] = STATE_NAMES[query.state]
    if query.HasField("create_time"):
        document["queryServiceQualificationDate"] = timestamp_to_tmf(query.create_time)
    if query.HasField("judge_time"):
        document["effectiveQualificationDate"] = timestamp_to_tmf(query.judge_time)
    if query.HasField("expire_time"):
        document["expirationDate"] = timestamp_to_tmf(query.expire_time)
    if query.description:
        document["description"] = query.description
    if query.external_id:
        document["externalId"] = query.external_id
    parties = parties_to_tmf(query.party_id)
    if parties:
        document["relatedParty"] = parties
    document["searchCriteria"] = {
        "@type": ITEM_TYPE,
        "service": {
            "@type": SERVICE_TYPE,
            "place": places_to_tmf(query.place, query.address.id, query.suggestions),
        },
    }
    document["serviceQualificationItem"] = [
        {"@type": ITEM_TYPE, "id": str(n), **content}
        for n, content in enumerate(_items(query), start=1)
    ]
    return with_kept(document, query.extension)


def update_from_tmf(query_id: str, merged: Mapping[str, Any]) -> Query:
    """The query's new descriptive values, from the patched representation."""
    return Query(
        id=query_id,
        description=text(merged, "description"),
        external_id=text(merged, "externalId"),
    )


def _items(query: Query) -> Iterator[JsonObject]:
    for service in query.services:
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
            "place": places_to_tmf(query.place, query.address.id, ()),
        }
        if not service.product_specification_ids:
            yield {**content, "service": base}
        for spec_id in service.product_specification_ids:
            yield {
                **content,
                "service": {**base, "serviceSpecification": specification_ref(spec_id)},
            }
