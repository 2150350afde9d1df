"""Each rule kind alone: passes when it should, refuses with its stable reason otherwise."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from domain.qualification.model import EligibilityQuestion, PartyType, PlaceFacts
from domain.qualification.rules import (
    AgeBandRule,
    ChannelRule,
    ExclusionRule,
    GeographyRule,
    MaxQuantityRule,
    MinimumCreditClassRule,
    PrerequisiteRule,
    Rule,
    RuleBook,
    SegmentRule,
    TimeWindow,
    ValidityWindowRule,
)
from tests.unit.qualification.builders import NOW, customer, item, question

OFFER = "off-x"


def code_of(rule: Rule, q: EligibilityQuestion) -> str | None:
    reason = rule.refusal(q, q.items[0])
    return None if reason is None else reason.code


def test_segment_and_party_type() -> None:
    rule = SegmentRule(
        id="r", offering_id=OFFER, segments=("business",), party_types=(PartyType.ORGANIZATION,)
    )
    business = customer(segment="business", party_type=PartyType.ORGANIZATION)
    assert code_of(rule, question(item(OFFER), who=business)) is None
    assert code_of(rule, question(item(OFFER))) == "SEGMENT_NOT_ELIGIBLE"
    sole_trader = customer(segment="business", party_type=PartyType.INDIVIDUAL)
    assert code_of(rule, question(item(OFFER), who=sole_trader)) == "PARTY_TYPE_NOT_ELIGIBLE"


def test_channel() -> None:
    rule = ChannelRule(id="r", offering_id=OFFER, channels=("shop", "agent"))
    assert code_of(rule, question(item(OFFER), channel="shop")) is None
    assert code_of(rule, question(item(OFFER), channel="web")) == "CHANNEL_NOT_ELIGIBLE"


def test_geography_by_region_and_postcode_prefix() -> None:
    rule = GeographyRule(id="r", offering_id=OFFER, regions=("north",), postcode_prefixes=("12",))
    inside = PlaceFacts("p1", region="north", postcode="12345")
    assert code_of(rule, question(item(OFFER), place=inside)) is None
    wrong_postcode = PlaceFacts("p2", region="north", postcode="99999")
    assert code_of(rule, question(item(OFFER), place=wrong_postcode)) == "GEOGRAPHY_NOT_ELIGIBLE"
    wrong_region = PlaceFacts("p3", region="south", postcode="12345")
    assert code_of(rule, question(item(OFFER), place=wrong_region)) == "GEOGRAPHY_NOT_ELIGIBLE"
    assert code_of(rule, question(item(OFFER))) == "PLACE_REQUIRED"


@pytest.mark.parametrize(
    ("owns", "also_ordering", "expected"),
    [
        (("off-fibre",), (), None),
        ((), ("off-fibre",), None),
        ((), ("off-other",), "PREREQUISITE_MISSING"),
        ((), (), "PREREQUISITE_MISSING"),
    ],
)
def test_prerequisite_owned_or_in_the_same_request(
    owns: tuple[str, ...], also_ordering: tuple[str, ...], expected: str | None
) -> None:
    rule = PrerequisiteRule(id="r", offering_id=OFFER, any_of=("off-fibre", "off-dsl"))
    q = question(item(OFFER), *(item(o) for o in also_ordering), who=customer(owns=owns))
    assert code_of(rule, q) == expected


def test_exclusion_owned_or_requested() -> None:
    rule = ExclusionRule(id="r", offering_id=OFFER, excluded=("off-y",))
    assert code_of(rule, question(item(OFFER))) is None
    assert code_of(rule, question(item(OFFER), item("off-y"))) == "INCOMPATIBLE_OFFERING"
    owner = customer(owns=("off-y",))
    assert code_of(rule, question(item(OFFER), who=owner)) == "INCOMPATIBLE_OFFERING"


def test_maximum_quantity_counts_owned_and_requested() -> None:
    rule = MaxQuantityRule(id="r", offering_id=OFFER, maximum=2)
    assert code_of(rule, question(item(OFFER, quantity=2))) is None
    assert code_of(rule, question(item(OFFER, quantity=3))) == "MAXIMUM_QUANTITY_EXCEEDED"
    owner = customer(owns=(OFFER,))
    assert code_of(rule, question(item(OFFER, quantity=2), who=owner)) == (
        "MAXIMUM_QUANTITY_EXCEEDED"
    )


@pytest.mark.parametrize(
    ("credit_class", "expected"),
    [("A", None), ("B", None), ("C", "CREDIT_CLASS_TOO_LOW"), ("Z", "CREDIT_CLASS_TOO_LOW")],
)
def test_minimum_credit_class(credit_class: str, expected: str | None) -> None:
    rule = MinimumCreditClassRule(id="r", offering_id=OFFER, minimum="B")
    assert code_of(rule, question(item(OFFER), who=customer(credit_class=credit_class))) == expected


def test_age_band_counts_birthdays_exactly() -> None:
    rule = AgeBandRule(id="r", offering_id=OFFER, minimum_age=18, maximum_age=26)
    eighteen_today = date(NOW.year - 18, NOW.month, NOW.day)
    assert code_of(rule, question(item(OFFER), who=customer(born=eighteen_today))) is None
    one_day_short = eighteen_today + timedelta(days=1)
    assert code_of(rule, question(item(OFFER), who=customer(born=one_day_short))) == (
        "AGE_NOT_ELIGIBLE"
    )
    assert code_of(rule, question(item(OFFER), who=customer(born=date(1970, 1, 1)))) == (
        "AGE_NOT_ELIGIBLE"
    )
    assert code_of(rule, question(item(OFFER), who=customer(born=None))) == "AGE_UNKNOWN"


def test_validity_window() -> None:
    rule = ValidityWindowRule(
        id="r", offering_id=OFFER, window=TimeWindow(NOW - timedelta(days=1), NOW)
    )
    assert code_of(rule, question(item(OFFER))) is None
    later = question(item(OFFER), at=NOW + timedelta(seconds=1))
    assert code_of(rule, later) == "OUTSIDE_SALES_WINDOW"


def test_rule_book_reads_only_the_offerings_rules() -> None:
    mine = ChannelRule(id="a", offering_id=OFFER, channels=("web",))
    other = ChannelRule(id="b", offering_id="off-other", channels=("shop",))
    book = RuleBook([mine, other])
    assert book.for_offering(OFFER) == (mine,)
    assert book.for_offering("off-none") == ()
