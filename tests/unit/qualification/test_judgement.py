"""Verdicts per item: availability first, rules combined, alternatives, the overall result."""

from __future__ import annotations

from domain.qualification.judgement import OfferingAvailability, judge
from domain.qualification.model import ItemAction, ItemVerdict, Outcome, overall_outcome
from domain.qualification.rules import (
    ChannelRule,
    ExclusionRule,
    MinimumCreditClassRule,
    RuleBook,
    SegmentRule,
)
from tests.unit.qualification.builders import customer, item, question

AVAILABLE = {
    o: OfferingAvailability(o, orderable=True)
    for o in ("off-fibre-1000", "off-fibre-500", "off-fibre-300", "off-tv", "off-sat")
}
AVAILABLE["off-old"] = OfferingAvailability("off-old", orderable=False, why_not="retired")

CREDIT = MinimumCreditClassRule(
    id="credit",
    offering_id="off-fibre-1000",
    minimum="A",
    alternative_offering_ids=("off-fibre-500", "off-fibre-300"),
)
FIBRE_500_BUSINESS_ONLY = SegmentRule(id="seg", offering_id="off-fibre-500", segments=("business",))


def test_unknown_and_unavailable_offerings_are_unqualified_with_a_reason() -> None:
    verdicts = judge(question(item("off-nope"), item("off-old")), RuleBook([]), AVAILABLE)
    assert [(v.outcome, v.reasons[0].code) for v in verdicts] == [
        (Outcome.UNQUALIFIED, "OFFERING_UNKNOWN"),
        (Outcome.UNQUALIFIED, "OFFERING_NOT_ORDERABLE"),
    ]
    assert verdicts[1].reasons[0].label == "retired"


def test_every_failing_rule_is_reported() -> None:
    rules = RuleBook(
        [
            ChannelRule(id="c", offering_id="off-tv", channels=("shop",)),
            SegmentRule(id="s", offering_id="off-tv", segments=("business",)),
        ]
    )
    (verdict,) = judge(question(item("off-tv")), rules, AVAILABLE)
    assert verdict.outcome is Outcome.UNQUALIFIED
    assert [r.code for r in verdict.reasons] == ["CHANNEL_NOT_ELIGIBLE", "SEGMENT_NOT_ELIGIBLE"]


def test_alternatives_are_proposed_only_when_eligible_themselves() -> None:
    rules = RuleBook([CREDIT, FIBRE_500_BUSINESS_ONLY])
    (verdict,) = judge(question(item("off-fibre-1000")), rules, AVAILABLE)
    assert verdict.outcome is Outcome.ALTERNATE
    assert verdict.reasons[0].code == "CREDIT_CLASS_TOO_LOW"
    assert verdict.alternative_offering_ids == ("off-fibre-300",)


def test_no_eligible_alternative_leaves_the_item_unqualified() -> None:
    rules = RuleBook(
        [
            CREDIT,
            FIBRE_500_BUSINESS_ONLY,
            SegmentRule(id="s3", offering_id="off-fibre-300", segments=("business",)),
        ]
    )
    (verdict,) = judge(question(item("off-fibre-1000")), rules, AVAILABLE)
    assert verdict.outcome is Outcome.UNQUALIFIED
    assert verdict.alternative_offering_ids == ()


def test_alternatives_can_be_switched_off() -> None:
    (verdict,) = judge(
        question(item("off-fibre-1000")), RuleBook([CREDIT]), AVAILABLE, propose_alternatives=False
    )
    assert verdict.outcome is Outcome.UNQUALIFIED


def test_an_alternative_is_judged_as_if_it_replaced_the_item() -> None:
    # The alternative excludes the offering it replaces: still eligible, since it replaces it.
    exclusion = ExclusionRule(id="x", offering_id="off-fibre-300", excluded=("off-fibre-1000",))
    credit = MinimumCreditClassRule(
        id="c",
        offering_id="off-fibre-1000",
        minimum="A",
        alternative_offering_ids=("off-fibre-300",),
    )
    (verdict,) = judge(question(item("off-fibre-1000")), RuleBook([credit, exclusion]), AVAILABLE)
    assert verdict.alternative_offering_ids == ("off-fibre-300",)


def test_modify_and_delete_need_an_owned_product() -> None:
    owner = customer(owns=("off-tv",))
    verdicts = judge(
        question(
            item("off-tv", action=ItemAction.MODIFY),
            item("off-sat", action=ItemAction.DELETE),
            who=owner,
        ),
        RuleBook([]),
        AVAILABLE,
    )
    assert [v.outcome for v in verdicts] == [Outcome.QUALIFIED, Outcome.UNQUALIFIED]
    assert verdicts[1].reasons[0].code == "PRODUCT_NOT_OWNED"


def _verdict(outcome: Outcome) -> ItemVerdict:
    return ItemVerdict(item_id="i", offering_id="o", outcome=outcome)


def test_overall_outcome_follows_the_tmf645_rule() -> None:
    q, u, a = Outcome.QUALIFIED, Outcome.UNQUALIFIED, Outcome.ALTERNATE
    assert overall_outcome((_verdict(q), _verdict(q))) is q
    assert overall_outcome((_verdict(q), _verdict(a))) is a
    assert overall_outcome((_verdict(a), _verdict(u))) is u
