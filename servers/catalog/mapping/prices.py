"""Offering prices. Amounts are decimal strings on the wire and Decimals in the domain."""

from __future__ import annotations

from domain.catalog.model import OfferingPrice, PriceKind
from ordercapture.catalog.v1 import price_pb2
from servers.catalog.mapping.common import entity_fields_from, entity_fields_to
from servers.catalog.mapping.enums import PRICE_KINDS_OUT, price_kind_from
from servers.catalog.mapping.values import decimal_text, money_from, money_to, optional_decimal


def price_from(message: price_pb2.OfferingPrice, *, kind_required: bool = True) -> OfferingPrice:
    """`kind_required=False` is for updates whose mask leaves `kind` alone: an unset kind is
    then simply not part of the change (the placeholder never reaches storage)."""
    if kind_required or message.kind != price_pb2.PRICE_KIND_UNSPECIFIED:
        kind = price_kind_from(message.kind, "kind")
    else:
        kind = PriceKind.ONE_TIME
    return OfferingPrice(
        **entity_fields_from(message),
        kind=kind,
        amount=money_from(message.amount, "amount") if message.HasField("amount") else None,
        recurring_period=message.recurring_period,
        unit_of_measure=message.unit_of_measure,
        discount_percentage=optional_decimal(message.discount_percentage, "discount_percentage"),
    )


def price_to(price: OfferingPrice) -> price_pb2.OfferingPrice:
    return price_pb2.OfferingPrice(
        **entity_fields_to(price),
        kind=PRICE_KINDS_OUT[price.kind],
        amount=money_to(price.amount) if price.amount is not None else None,
        recurring_period=price.recurring_period,
        unit_of_measure=price.unit_of_measure,
        discount_percentage=decimal_text(price.discount_percentage),
    )
