"""Commercial eligibility: who the customer is, what they ask for, and what the answer is per
item. Independent of the catalog context: what it needs of offerings comes through ports."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime


class PartyType(enum.Enum):
    INDIVIDUAL = "individual"
    ORGANIZATION = "organization"


class ItemAction(enum.Enum):
    ADD = "add"
    MODIFY = "modify"
    DELETE = "delete"
    NO_CHANGE = "noChange"


class Outcome(enum.Enum):
    QUALIFIED = "qualified"
    UNQUALIFIED = "unqualified"
    ALTERNATE = "alternate"


# Credit classes from best to worst; a rule's minimum admits that class and better ones.
CREDIT_CLASSES = ("A", "B", "C", "D", "E")
PROSPECT_SEGMENT = "prospect"


@dataclass(frozen=True, slots=True, kw_only=True)
class CustomerProfile:
    party_id: str
    party_type: PartyType = PartyType.INDIVIDUAL
    segment: str = PROSPECT_SEGMENT
    credit_class: str = "C"
    region: str = ""
    date_of_birth: date | None = None
    owned_offering_ids: tuple[str, ...] = ()
    # True when the party is unknown and these are the defaults for a prospect.
    is_prospect: bool = False
    update_time: datetime | None = None

    def age_on(self, day: date) -> int | None:
        if self.date_of_birth is None:
            return None
        born = self.date_of_birth
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))

    def owned_quantity(self, offering_id: str) -> int:
        return self.owned_offering_ids.count(offering_id)


@dataclass(frozen=True, slots=True)
class PlaceFacts:
    """What eligibility needs to know of the place: where it lies."""

    place_id: str = ""
    region: str = ""
    postcode: str = ""


@dataclass(frozen=True, slots=True)
class RequestedConfiguration:
    """Characteristic values and bundle components as the caller sent them. Opaque here: the
    catalog judges it (ConfigurationChecker); `document` is the adapter's serialised form."""

    document: str


@dataclass(frozen=True, slots=True, kw_only=True)
class RequestedItem:
    """An offering, or (with `category_id` and no offering) any offering of a category."""

    item_id: str
    offering_id: str = ""
    category_id: str = ""
    action: ItemAction = ItemAction.ADD
    quantity: int = 1
    configuration: RequestedConfiguration | None = None

    @property
    def is_category(self) -> bool:
        return bool(self.category_id) and not self.offering_id


@dataclass(frozen=True, slots=True, kw_only=True)
class EligibilityQuestion:
    """May this customer, through this channel, at this place, have these items now?"""

    customer: CustomerProfile
    channel: str
    items: tuple[RequestedItem, ...]
    at: datetime
    place: PlaceFacts | None = None

    def requested_offering_ids(self) -> frozenset[str]:
        return frozenset(
            i.offering_id for i in self.items if i.action is ItemAction.ADD and i.offering_id
        )


@dataclass(frozen=True, slots=True)
class Reason:
    """Why an item is not (or not as asked) qualified: a stable code and a label."""

    code: str
    label: str


@dataclass(frozen=True, slots=True, kw_only=True)
class ItemVerdict:
    item_id: str
    offering_id: str
    outcome: Outcome
    reasons: tuple[Reason, ...] = ()
    alternative_offering_ids: tuple[str, ...] = field(default=())
    # For a category item: the offerings of the category this customer may have.
    eligible_offering_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CheckOptions:
    """How the caller wants the answer; stored with the check."""

    provide_alternatives: bool = False
    provide_reasons: bool = False
    only_available: bool = False


@dataclass(frozen=True, slots=True)
class OfferingSummary:
    """An orderable offering as eligible-offering searches list it."""

    offering_id: str
    name: str = ""
    category_ids: tuple[str, ...] = ()


def overall_outcome(verdicts: tuple[ItemVerdict, ...]) -> Outcome:
    """TMF645's rule: all qualified -> qualified; any unqualified -> unqualified; else alternate."""
    outcomes = {v.outcome for v in verdicts}
    if Outcome.UNQUALIFIED in outcomes:
        return Outcome.UNQUALIFIED
    if outcomes <= {Outcome.QUALIFIED}:
        return Outcome.QUALIFIED
    return Outcome.ALTERNATE
