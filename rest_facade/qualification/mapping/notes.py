"""What the tier says of a whole check, as TMF notes: the customer was judged as a prospect,
or judging failed."""

from __future__ import annotations

from ordercapture.qualification.v1 import check_pb2
from rest_facade.tmf_values import JsonObject

PROSPECT_CODE = "CUSTOMER_IS_PROSPECT"
PROSPECT_LABEL = "The customer is not known; it was judged as a prospect with default attributes."


def prospect_note() -> JsonObject:
    return {"@type": "Note", "id": PROSPECT_CODE, "text": PROSPECT_LABEL}


def of_check(check: check_pb2.EligibilityCheck) -> list[JsonObject]:
    said: list[JsonObject] = []
    if check.customer_is_prospect:
        said.append(prospect_note())
    if check.error:
        said.append({"@type": "Note", "id": "JUDGING_FAILED", "text": check.error})
    return said
