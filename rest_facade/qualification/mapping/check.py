"""CheckProductOfferingQualification <-> CheckEligibilityRequest / EligibilityCheck.

Top-level attributes a check does not model (a channel's subtype with its `@schemaLocation`,
`note`, official attributes this product does not read) are kept in the check's extension and
given back on every read. So are the parties of roles other than customer and the attributes
of an item the question does not model (below `relatedParty` and the items in the extension,
see extension_attributes).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from google.protobuf import json_format

from ordercapture.qualification.v1 import check_pb2, eligibility_service_pb2
from rest_facade.extension_attributes import merged, to_struct
from rest_facade.extension_changes import kept, with_nested
from rest_facade.qualification.mapping import notes
from rest_facade.qualification.mapping.items import item_from_tmf, items_to_tmf
from rest_facade.qualification.mapping.party import customer_to_tmf, parties_from_tmf
from rest_facade.qualification.mapping.place import same_place
from rest_facade.qualification.mapping.vocabulary import OUTCOME_NAMES, TASK_STATE_NAMES
from rest_facade.tmf_readers import (
    array,
    flag,
    member,
    reference_id,
    refuse_unknown,
    text,
)
from rest_facade.tmf_values import Hrefs, JsonObject, invalid, timestamp_to_tmf

TMF_TYPE = "CheckProductOfferingQualification"
COLLECTION = "checkProductOfferingQualification"
ITEMS = "checkProductOfferingQualificationItem"

# What a create body may carry.
ACCEPTED = frozenset(
    {
        "description",
        "channel",
        "relatedParty",
        ITEMS,
        "provideAlternative",
        "provideResultReason",
        "provideOnlyAvailable",
        "instantSyncQualification",
    }
)
# Set by the server; refused on create and patch.
SERVER_MANAGED = frozenset(
    {
        "id",
        "href",
        "state",
        "creationDate",
        "effectiveQualificationDate",
        "expirationDate",
        "qualificationResult",
    }
)
# `note`: the channel's notes are kept (extension), the tier's own follow them.
ATTRIBUTES = ACCEPTED | SERVER_MANAGED | {"@type", "note"}
MODELLED = ACCEPTED | SERVER_MANAGED
# The only attribute a patch may change; the question and its answer are immutable.
PATCHABLE: Mapping[str, tuple[str, ...]] = {"description": ("description",)}


def check_request_from_tmf(
    document: Mapping[str, Any], *, asynchronous: bool
) -> eligibility_service_pb2.CheckEligibilityRequest:
    document, extension = kept(document, ACCEPTED, SERVER_MANAGED, TMF_TYPE)
    refuse_unknown(document, ACCEPTED)
    entries = array(document, ITEMS)
    if not entries:
        raise invalid(ITEMS, "at least one item is required")
    party_id, other_parties = parties_from_tmf(array(document, "relatedParty"))
    extension = with_nested(extension, "relatedParty", other_parties)
    request = eligibility_service_pb2.CheckEligibilityRequest(
        party_id=party_id,
        channel=reference_id(document, "channel"),
        description=text(document, "description"),
        options=check_pb2.CheckOptions(
            provide_alternatives=flag(document, "provideAlternative"),
            provide_reasons=flag(document, "provideResultReason"),
            only_available=flag(document, "provideOnlyAvailable"),
        ),
        # The deprecated instantSyncQualification=false asks for what `Expect: 202-Accepted`
        # now asks for.
        asynchronous=asynchronous or document.get("instantSyncQualification") is False,
        extension=extension,
    )
    place: check_pb2.Place | None = None
    item_extras: list[JsonObject] = []
    for index, entry in enumerate(entries):
        where = f"{ITEMS}[{index}]"
        item, item_place, extras = item_from_tmf(
            member(entry, where), where, default_id=str(index + 1)
        )
        request.items.append(item)
        place = same_place(place, item_place, where)
        if extras is not None:
            item_extras.append(extras)
    if place is not None:
        request.place.CopyFrom(place)
    extension = with_nested(extension, ITEMS, item_extras)
    if extension is not None:
        request.extension.CopyFrom(extension)
    return request


def check_to_tmf(check: check_pb2.EligibilityCheck, hrefs: Hrefs) -> JsonObject:
    document: JsonObject = {
        "id": check.id,
        "href": hrefs.of(COLLECTION, check.id),
        "@type": TMF_TYPE,
        "state": TASK_STATE_NAMES.get(check.state, "acknowledged"),
    }
    if check.description:
        document["description"] = check.description
    if check.HasField("create_time"):
        document["creationDate"] = timestamp_to_tmf(check.create_time)
    if check.HasField("judge_time"):
        document["effectiveQualificationDate"] = timestamp_to_tmf(check.judge_time)
    if check.HasField("expire_time"):
        document["expirationDate"] = timestamp_to_tmf(check.expire_time)
    if check.outcome in OUTCOME_NAMES:
        document["qualificationResult"] = OUTCOME_NAMES[check.outcome]
    document["provideAlternative"] = check.options.provide_alternatives
    document["provideResultReason"] = check.options.provide_reasons
    document["provideOnlyAvailable"] = check.options.only_available
    if check.channel:
        document["channel"] = {"@type": "ChannelRef", "id": check.channel}
    parties = customer_to_tmf(check.party_id)
    if parties:
        document["relatedParty"] = parties
    document[ITEMS] = items_to_tmf(check)
    # The kept attributes of an item the answer leaves out (provideOnlyAvailable) go with it.
    kept_attributes = json_format.MessageToDict(check.extension)
    shown = {item["id"] for item in document[ITEMS]}
    if ITEMS in kept_attributes:
        kept_attributes[ITEMS] = [
            extras for extras in kept_attributes[ITEMS] if extras.get("id") in shown
        ]
    return notes.with_said(merged(document, to_struct(kept_attributes)), notes.of_check(check))
