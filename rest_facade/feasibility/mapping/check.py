"""CheckServiceQualification <-> CheckFeasibilityRequest / FeasibilityCheck.

`instantSyncQualification` true judges in the request; otherwise the check is stored accepted
and judged in the background. `description` and `externalId` are the caller's; they may change
later. Top-level attributes a check does not model (a channel's subtype with its
`@schemaLocation`, attributes this product does not read) are kept in its extension and given
back on every read; they may be patched.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ordercapture.feasibility.v1 import check_pb2, feasibility_service_pb2
from rest_facade.extension_attributes import merged as with_kept
from rest_facade.extension_changes import kept
from rest_facade.feasibility.mapping.check_item import item_from_tmf, item_to_tmf, results_by_item
from rest_facade.feasibility.mapping.party import parties_to_tmf, party_id_from_tmf
from rest_facade.feasibility.mapping.vocabulary import RESULT_NAMES, STATE_NAMES
from rest_facade.tmf_readers import array, flag, text
from rest_facade.tmf_values import Hrefs, JsonObject, invalid, timestamp_to_tmf

TMF_TYPE = "CheckServiceQualification"
COLLECTION = "checkServiceQualification"

# Set by the server: accepted on create (a client may echo them) and ignored; refused on patch.
SERVER_MANAGED = frozenset(
    {
        "id",
        "href",
        "state",
        "qualificationResult",
        "checkServiceQualificationDate",
        "effectiveQualificationDate",
        "expirationDate",
        "estimatedResponseDate",
    }
)
# Fixed once the check is made: refused on patch.
FIXED = frozenset(
    {
        "instantSyncQualification",
        "provideAlternative",
        "provideUnavailabilityReason",
        "relatedParty",
        "serviceQualificationItem",
    }
)
# Patchable attribute -> proto field-mask paths.
UPDATE_PATHS: Mapping[str, tuple[str, ...]] = {
    "description": ("description",),
    "externalId": ("external_id",),
}
ATTRIBUTES = SERVER_MANAGED | FIXED | frozenset(UPDATE_PATHS) | {"@type"}
# What the mapping reads or ignores; any other top-level attribute is kept in the extension.
MODELLED = SERVER_MANAGED | FIXED | frozenset(UPDATE_PATHS)


def create_request_from_tmf(
    document: Mapping[str, Any],
) -> feasibility_service_pb2.CheckFeasibilityRequest:
    document, extension = kept(document, MODELLED, (), TMF_TYPE)
    items = array(document, "serviceQualificationItem")
    if not items:
        raise invalid("serviceQualificationItem", "at least one item is required")
    return feasibility_service_pb2.CheckFeasibilityRequest(
        party_id=party_id_from_tmf(array(document, "relatedParty"), "relatedParty"),
        items=[
            item_from_tmf(item, n, f"serviceQualificationItem[{n}]") for n, item in enumerate(items)
        ],
        options=check_pb2.CheckOptions(
            provide_alternatives=flag(document, "provideAlternative"),
            provide_reasons=flag(document, "provideUnavailabilityReason"),
        ),
        description=text(document, "description"),
        external_id=text(document, "externalId"),
        asynchronous=not flag(document, "instantSyncQualification"),
        extension=extension,
    )


def check_to_tmf(check: check_pb2.FeasibilityCheck, hrefs: Hrefs) -> JsonObject:
    document: JsonObject = {
        "@type": TMF_TYPE,
        "id": check.id,
        "href": hrefs.of(COLLECTION, check.id),
        "provideAlternative": check.options.provide_alternatives,
        "provideUnavailabilityReason": check.options.provide_reasons,
    }
    if check.state in STATE_NAMES:
        document["state"] = STATE_NAMES[check.state]
    if check.outcome in RESULT_NAMES:
        document["qualificationResult"] = RESULT_NAMES[check.outcome]
    if check.HasField("create_time"):
        document["checkServiceQualificationDate"] = timestamp_to_tmf(check.create_time)
    if check.HasField("judge_time"):
        document["effectiveQualificationDate"] = timestamp_to_tmf(check.judge_time)
    if check.HasField("expire_time"):
        document["expirationDate"] = timestamp_to_tmf(check.expire_time)
    if check.description:
        document["description"] = check.description
    if check.external_id:
        document["externalId"] = check.external_id
    parties = parties_to_tmf(check.party_id)
    if parties:
        document["relatedParty"] = parties
    results = results_by_item(check)
    document["serviceQualificationItem"] = [
        item_to_tmf(item, results.get(item.id), check) for item in check.items
    ]
    return with_kept(document, check.extension)


def update_from_tmf(check_id: str, merged: Mapping[str, Any]) -> check_pb2.FeasibilityCheck:
    """The check's new descriptive values, from the patched representation."""
    return check_pb2.FeasibilityCheck(
        id=check_id,
        description=text(merged, "description"),
        external_id=text(merged, "externalId"),
    )
