"""What the tier says of a whole check or query, as TMF notes: the customer was judged as a
prospect, or judging failed. Notes a channel sent are kept in the extension and come first;
the tier's own follow them (and are never stored back into the extension by a patch)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ordercapture.qualification.v1 import check_pb2
from rest_facade.tmf_values import JsonObject

PROSPECT_CODE = "CUSTOMER_IS_PROSPECT"
PROSPECT_LABEL = "The customer is not known; it was judged as a prospect with default attributes."


def prospect_note() -> JsonObject:
    return {"@type": "Note", "id": PROSPECT_CODE, "text": PROSPECT_LABEL}


def of_check(check: check_pb2.EligibilityCheck) -> list[JsonObject]:
    return of_task(check.customer_is_prospect, check.error)


def of_task(customer_is_prospect: bool, error: str) -> list[JsonObject]:
    said: list[JsonObject] = []
    if customer_is_prospect:
        said.append(prospect_note())
    if error:
        said.append({"@type": "Note", "id": "JUDGING_FAILED", "text": error})
    return said


def with_said(document: JsonObject, said: list[JsonObject]) -> JsonObject:
    """The representation with the tier's notes after the channel's own (kept ones)."""
    if said:
        given = document.get("note")
        document["note"] = [*(given if isinstance(given, list) else []), *said]
    return document


def without_said(patch: Mapping[str, Any], said: list[JsonObject]) -> dict[str, Any]:
    """The patch with the tier's own notes taken out of a patched `note` (a JSON Patch hands
    on the whole array as read, the tier's notes included)."""
    given = patch.get("note")
    if not isinstance(given, list) or not said:
        return dict(patch)
    kept = [entry for entry in given if entry not in said]
    return {**patch, "note": kept or None}
