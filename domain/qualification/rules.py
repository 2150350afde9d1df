"""Eligibility rules as data: one small type per rule kind, each judging one requested item.
Rules belong to an offering and may name alternatives to propose when they fail."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from domain.qualification.model import (
    CREDIT_CLASSES,
    EligibilityQuestion,
    PartyType,
    Reason,
    RequestedItem,
)


@dataclass(frozen=True, slots=True)
class TimeWindow:
    start: datetime | None = None
    end: datetime | None = None

    def contains(self, instant: datetime) -> bool:
        after_start = self.start is None or instant >= self.start
        return after_start and (self.end is None or instant <= self.end)


@dataclass(frozen=True, slots=True, kw_only=True)
class Rule:
    id: str
    offering_id: str
    # Offerings to propose instead when this rule refuses the item.
    alternative_offering_ids: tuple[str, ...] = ()

    def refusal(self, question: EligibilityQuestion, item: RequestedItem) -> Reason | None:
        """None when the item passes this rule; else why it does not."""
        raise NotImplementedError


@dataclass(frozen=True, slots=True, kw_only=True)
class SegmentRule(Rule):
    segments: tuple[str, ...] = ()  # empty: any segment
    party_types: tuple[PartyType, ...] = ()  # empty: any party type

    def refusal(self, question: EligibilityQuestion, item: RequestedItem) -> Reason | None:
        customer = question.customer
        if self.segments and customer.segment not in self.segments:
            return Reason("SEGMENT_NOT_ELIGIBLE", f"not offered to the {customer.segment} segment")
        if self.party_types and customer.party_type not in self.party_types:
            return Reason("PARTY_TYPE_NOT_ELIGIBLE", f"not offered to {customer.party_type.value}s")
        return None


@dataclass(frozen=True, slots=True, kw_only=True)
class ChannelRule(Rule):
    channels: tuple[str, ...]

    def refusal(self, question: EligibilityQuestion, item: RequestedItem) -> Reason | None:
        if question.channel in self.channels:
            return None
        return Reason("CHANNEL_NOT_ELIGIBLE", f"not sold through the {question.channel} channel")


@dataclass(frozen=True, slots=True, kw_only=True)
class GeographyRule(Rule):
    regions: tuple[str, ...] = ()
    postcode_prefixes: tuple[str, ...] = ()

    def refusal(self, question: EligibilityQuestion, item: RequestedItem) -> Reason | None:
        place = question.place
        if place is None:
            return Reason("PLACE_REQUIRED", "a place is needed to decide availability")
        in_region = not self.regions or place.region in self.regions
        in_postcode = not self.postcode_prefixes or place.postcode.startswith(
            self.postcode_prefixes
        )
        if in_region and in_postcode:
            return None
        return Reason("GEOGRAPHY_NOT_ELIGIBLE", "not offered at this place")


@dataclass(frozen=True, slots=True, kw_only=True)
class PrerequisiteRule(Rule):
    """The customer must own, or be ordering in the same request, one of these."""

    any_of: tuple[str, ...]

    def refusal(self, question: EligibilityQuestion, item: RequestedItem) -> Reason | None:
        held = set(question.customer.owned_offering_ids) | question.requested_offering_ids()
        if held.intersection(self.any_of):
            return None
        return Reason("PREREQUISITE_MISSING", f"needs one of: {', '.join(self.any_of)}")


@dataclass(frozen=True, slots=True, kw_only=True)
class ExclusionRule(Rule):
    """Not together with these, whether owned or requested in the same request."""

    excluded: tuple[str, ...]

    def refusal(self, question: EligibilityQuestion, item: RequestedItem) -> Reason | None:
        held = set(question.customer.owned_offering_ids) | question.requested_offering_ids()
        clashes = sorted(held.intersection(self.excluded) - {item.offering_id})
        if not clashes:
            return None
        return Reason("INCOMPATIBLE_OFFERING", f"not together with: {', '.join(clashes)}")


@dataclass(frozen=True, slots=True, kw_only=True)
class MaxQuantityRule(Rule):
    """At most this many per customer, counting what is owned and what is requested."""

    maximum: int

    def refusal(self, question: EligibilityQuestion, item: RequestedItem) -> Reason | None:
        requested = sum(i.quantity for i in question.items if i.offering_id == item.offering_id)
        total = question.customer.owned_quantity(item.offering_id) + requested
        if total <= self.maximum:
            return None
        return Reason("MAXIMUM_QUANTITY_EXCEEDED", f"at most {self.maximum} per customer")


@dataclass(frozen=True, slots=True, kw_only=True)
class MinimumCreditClassRule(Rule):
    minimum: str

    def refusal(self, question: EligibilityQuestion, item: RequestedItem) -> Reason | None:
        actual = question.customer.credit_class
        if _credit_rank(actual) <= _credit_rank(self.minimum):
            return None
        return Reason("CREDIT_CLASS_TOO_LOW", f"needs credit class {self.minimum} or better")


@dataclass(frozen=True, slots=True, kw_only=True)
class AgeBandRule(Rule):
    minimum_age: int | None = None
    maximum_age: int | None = None

    def refusal(self, question: EligibilityQuestion, item: RequestedItem) -> Reason | None:
        age = question.customer.age_on(question.at.date())
        if age is None:
            return Reason("AGE_UNKNOWN", "the customer's date of birth is needed")
        too_young = self.minimum_age is not None and age < self.minimum_age
        too_old = self.maximum_age is not None and age > self.maximum_age
        if too_young or too_old:
            return Reason("AGE_NOT_ELIGIBLE", f"not offered at age {age}")
        return None


@dataclass(frozen=True, slots=True, kw_only=True)
class ValidityWindowRule(Rule):
    window: TimeWindow

    def refusal(self, question: EligibilityQuestion, item: RequestedItem) -> Reason | None:
        if self.window.contains(question.at):
            return None
        return Reason("OUTSIDE_SALES_WINDOW", "not on sale at this time")


def _credit_rank(credit_class: str) -> int:
    # An unknown class ranks worst, so it never passes a minimum by accident.
    return (
        CREDIT_CLASSES.index(credit_class)
        if credit_class in CREDIT_CLASSES
        else len(CREDIT_CLASSES)
    )


class RuleBook:
    """Every rule, indexed by offering: judging an item reads only its offering's rules."""

    def __init__(self, rules: Iterable[Rule]) -> None:
        by_offering: dict[str, list[Rule]] = defaultdict(list)
        for rule in rules:
            by_offering[rule.offering_id].append(rule)
        self._by_offering = {k: tuple(v) for k, v in by_offering.items()}

    def for_offering(self, offering_id: str) -> tuple[Rule, ...]:
        return self._by_offering.get(offering_id, ())
