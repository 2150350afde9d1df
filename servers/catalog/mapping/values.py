"""Shared value types: timestamps, periods, money, decimals and characteristic values."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from decimal import Decimal

from google.protobuf.timestamp_pb2 import Timestamp

from domain.catalog.errors import InvalidEntity
from domain.catalog.model import Value
from domain.shared.errors import FieldViolation
from domain.shared.money import Money
from domain.shared.time import TimePeriod
from ordercapture.type.v1 import characteristic_pb2, money_pb2, time_period_pb2

# Plain decimal notation with a dot, as the protos document: no exponent, NaN, Infinity or
# digit separators, which Decimal() would otherwise accept.
_DECIMAL = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")


def decimal_from(text: str, field: str) -> Decimal:
    """A decimal string from the wire; anything else is the caller's mistake."""
    if not _DECIMAL.fullmatch(text.strip()):
        raise InvalidEntity(
            f"{field} is not a decimal number",
            violations=(FieldViolation(field, f"{text[:40]!r} is not a decimal number"),),
        )
    return Decimal(text.strip())


def optional_decimal(text: str, field: str) -> Decimal | None:
    return decimal_from(text, field) if text.strip() else None


def decimal_text(number: Decimal | None) -> str:
    return "" if number is None else format(number, "f")


def time_from(stamp: Timestamp, present: bool) -> datetime | None:
    """An aware UTC datetime; None when the field is unset (proto3 has no null)."""
    return stamp.ToDatetime(tzinfo=UTC) if present else None


def stamp(moment: datetime | None) -> Timestamp | None:
    """None leaves the message field unset."""
    if moment is None:
        return None
    result = Timestamp()
    result.FromDatetime(moment.astimezone(UTC))
    return result


def period_from(message: time_period_pb2.TimePeriod) -> TimePeriod:
    return TimePeriod(
        start=time_from(message.start_time, message.HasField("start_time")),
        end=time_from(message.end_time, message.HasField("end_time")),
    )


def period_to(period: TimePeriod) -> time_period_pb2.TimePeriod:
    return time_period_pb2.TimePeriod(start_time=stamp(period.start), end_time=stamp(period.end))


def money_from(message: money_pb2.Money, field: str) -> Money:
    return Money(message.currency_code, decimal_from(message.amount, f"{field}.amount"))


def money_to(money: Money) -> money_pb2.Money:
    return money_pb2.Money(currency_code=money.currency_code, amount=decimal_text(money.amount))


def value_from(message: characteristic_pb2.CharacteristicValue, field: str) -> Value:
    """Text, an exact number or a flag; a value with none of them set is refused."""
    kind = message.WhichOneof("kind")
    if kind == "text":
        return message.text
    if kind == "number":
        return decimal_from(message.number, f"{field}.number")
    if kind == "flag":
        return message.flag
    raise InvalidEntity(
        f"{field} holds no value",
        violations=(FieldViolation(field, "one of text, number or flag is required"),),
    )


def value_to(value: Value) -> characteristic_pb2.CharacteristicValue:
    if isinstance(value, bool):
        return characteristic_pb2.CharacteristicValue(flag=value)
    if isinstance(value, Decimal):
        return characteristic_pb2.CharacteristicValue(number=decimal_text(value))
    return characteristic_pb2.CharacteristicValue(text=value)
