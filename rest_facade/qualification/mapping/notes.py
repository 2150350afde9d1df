"""What the tier says of a whole check or query, as TMF notes: the customer was judged as a
prospect, or judging failed."""

from __future__ import annotations

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
