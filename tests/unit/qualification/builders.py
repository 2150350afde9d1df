"""Concise eligibility questions for the rule tests."""

from __future__ import annotations

from datetime import UTC, date, datetime

from domain.qualification.model import (
    CustomerProfile,
    EligibilityQuestion,
    ItemAction,
    PartyType,
    PlaceFacts,
    RequestedItem,
)

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


def customer(
    *,
    segment: str = "residential",
    party_type: PartyType = PartyType.INDIVIDUAL,
    credit_class: str = "B",
    born: date | None = date(1990, 6, 15),
    owns: tuple[str, ...] = (),
) -> CustomerProfile:
    return CustomerProfile(
        party_id="cust-1",
        party_type=party_type,
        segment=segment,
        credit_class=credit_class,
        region="north",
        date_of_birth=born,
        owned_offering_ids=owns,
    )


def item(
    offering_id: str, *, item_id: str = "", quantity: int = 1, action: ItemAction = ItemAction.ADD
) -> RequestedItem:
    return RequestedItem(
        item_id=item_id or offering_id, offering_id=offering_id, action=action, quantity=quantity
    )


def question(
    *items: RequestedItem,
    who: CustomerProfile | None = None,
    channel: str = "web",
    place: PlaceFacts | None = None,
    at: datetime = NOW,
) -> EligibilityQuestion:
    return EligibilityQuestion(
        customer=who or customer(), channel=channel, items=items, at=at, place=place
    )
