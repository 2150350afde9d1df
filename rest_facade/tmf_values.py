"""TMF JSON <-> shared proto value types (Money, TimePeriod, Timestamp, references).

Shared by every TMF API of the facade. Amounts never pass through binary floating point on the
way in: request bodies are parsed with Decimal (see `http.json_body`) and written to the proto
as decimal strings.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import quote

from google.protobuf.timestamp_pb2 import Timestamp

from ordercapture.type.v1 import money_pb2, time_period_pb2
from rest_facade.errors import TmfError, bad_request

JsonObject = dict[str, Any]


def invalid(attribute: str, message: str) -> TmfError:
    return bad_request("INVALID_ATTRIBUTE_VALUE", f"Attribute '{attribute}': {message}")


@dataclass(frozen=True, slots=True)
class Hrefs:
    """Builds resource URLs under the API root the client called, e.g.
    `http://host/tmf-api/productCatalogManagement/v5`."""

    root: str

    def of(self, collection: str, entity_id: str) -> str:
        return f"{self.root}/{collection}/{quote(entity_id, safe='')}"


def reference(
    hrefs: Hrefs, collection: str, entity_id: str, ref_type: str, referred_type: str
) -> JsonObject:
    return {
        "@type": ref_type,
        "id": entity_id,
        "href": hrefs.of(collection, entity_id),
        "@referredType": referred_type,
    }


def reference_id(value: Any, attribute: str) -> str:
    if not isinstance(value, Mapping) or not isinstance(value.get("id"), str) or not value["id"]:
        raise invalid(attribute, "a reference needs an 'id'")
    return str(value["id"])


# --- numbers ---------------------------------------------------------------------------------


def to_decimal(value: Any, attribute: str) -> Decimal:
    """A JSON number as an exact Decimal (floats only arrive from callers that parsed without
    Decimal; their shortest repr is what the client wrote)."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise invalid(attribute, "a number is expected")
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if not number.is_finite():
        raise invalid(attribute, "a finite number is expected")
    return number


def decimal_text(number: Decimal) -> str:
    """Plain positional notation: `1E+2` -> `100`, `10.50` stays `10.50`."""
    return format(number, "f")


def json_number(text: str) -> int | float:
    """A proto decimal string as a JSON number: integral values exactly as int, others as the
    float whose shortest repr is the decimal (exact up to 15 significant digits)."""
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"not a decimal number: {text!r}") from None
    if number == number.to_integral_value():
        return int(number)
    return float(number)


# --- money -----------------------------------------------------------------------------------


def money_to_tmf(money: money_pb2.Money) -> JsonObject:
    return {"unit": money.currency_code, "value": json_number(money.amount)}


def money_from_tmf(value: Any, attribute: str) -> money_pb2.Money:
    if not isinstance(value, Mapping):
        raise invalid(attribute, "an object {unit, value} is expected")
    unit = value.get("unit")
    if not isinstance(unit, str) or not unit:
        raise invalid(attribute, "'unit' (an ISO 4217 currency code) is required")
    if "value" not in value:
        raise invalid(attribute, "'value' is required")
    amount = to_decimal(value["value"], f"{attribute}.value")
    return money_pb2.Money(currency_code=unit, amount=decimal_text(amount))


# --- time ------------------------------------------------------------------------------------


def timestamp_to_tmf(timestamp: Timestamp) -> str:
    return timestamp.ToJsonString()


def day_to_tmf(day: str) -> str:
    """A proto calendar day (YYYY-MM-DD) as a TMF date-time: midnight UTC of that day."""
    return datetime.fromisoformat(day).replace(tzinfo=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def timestamp_from_tmf(value: Any, attribute: str) -> Timestamp:
    if not isinstance(value, str):
        raise invalid(attribute, "a date-time string is expected")
    try:
        instant = datetime.fromisoformat(value)
    except ValueError:
        raise invalid(attribute, f"'{value}' is not an RFC 3339 date-time") from None
    if instant.tzinfo is None:
        raise invalid(attribute, f"'{value}' has no time zone offset")
    timestamp = Timestamp()
    timestamp.FromDatetime(instant.astimezone(UTC))
    return timestamp


def time_period_to_tmf(period: time_period_pb2.TimePeriod) -> JsonObject:
    document: JsonObject = {}
    if period.HasField("start_time"):
        document["startDateTime"] = timestamp_to_tmf(period.start_time)
    if period.HasField("end_time"):
        document["endDateTime"] = timestamp_to_tmf(period.end_time)
    return document


def time_period_from_tmf(value: Any, attribute: str) -> time_period_pb2.TimePeriod:
    if not isinstance(value, Mapping):
        raise invalid(attribute, "an object {startDateTime, endDateTime} is expected")
    period = time_period_pb2.TimePeriod()
    if value.get("startDateTime") is not None:
        period.start_time.CopyFrom(
            timestamp_from_tmf(value["startDateTime"], f"{attribute}.startDateTime")
        )
    if value.get("endDateTime") is not None:
        period.end_time.CopyFrom(
            timestamp_from_tmf(value["endDateTime"], f"{attribute}.endDateTime")
        )
    return period
