"""Rule kinds together: every failing rule is reported, alternatives must pass every rule of
their own, prerequisites and exclusions see the other items of the same request."""

from __future__ import annotations

from datetime import date

from domain.qualification.judgement import Evidence, OfferingAvailability, judge_with
from domain.qualification.model import Outcome, PartyType, PlaceFacts
from domain.qualification.rules import (
    AgeBandRule,
    ChannelRule,
    ExclusionRule,
    GeographyRule,
    MaxQuantityRule,
    MinimumCreditClassRule,
    PrerequisiteRule,
    RuleBook,
    SegmentRule,
)
from tests.unit.qualification.builders import customer, item, question

OFFERINGS = ("fibre-1000", "fibre-500", "fibre-300", "vdsl", "tv", "sports", "unlimited", "s")
AVAILABLE = {o: OfferingAvailability(o, orderable=True) for o in OFFERINGS}
NORTH = PlaceFacts("addr-1", "north", "NW1 1AA")
SOUTH = PlaceFacts("addr-2", "south", "SO3 1AA")

BOOK = RuleBook(
    [
        MinimumCreditClassRule(
            id="c1000",
            offering_id="fibre-1000",
            minimum="B",
            alternative_offering_ids=("fibre-500", "fibre-300"),
        ),
        GeographyRule(
            id="g1000",
            offering_id="fibre-1000",
            regions=("north",),
            alternative_offering_ids=("fibre-500", "vdsl"),
        ),
        MinimumCreditClassRule(id="c500", offering_id="fibre-500", minimum="C"),
        GeographyRule(id="g500", offering_id="fibre-500", regions=("north", "south")),
        SegmentRule(id="s300", offering_id="fibre-300", party_types=(PartyType.INDIVIDUAL,)),
        PrerequisiteRule(id="p-sports", offering_id="sports", any_of=("tv",)),
        ExclusionRule(id="x-sports", offering_id="sports", excluded=("vdsl",)),
        AgeBandRule(
            id="a-unl", offering_id="unlimited", minimum_age=18, alternative_offering_ids=("s",)
        ),
        MaxQuantityRule(id="m-unl", offering_id="unlimited", maximum=2),
        ChannelRule(id="ch-unl", offering_id="unlimited", channels=("web", "shop")),
    ]
)


def verdicts(*items: str, **ask: object) -> list[tuple[Outcome, list[str], tuple[str, ...]]]:
    asked = question(*(item(i) for i in items), **ask)  # type: ignore[arg-type]
    found = judge_with(asked, Evidence(rules=BOOK, availability=AVAILABLE))
    return [(v.outcome, [r.code for r in v.reasons], v.alternative_offering_ids) for v in found]


def test_two_failing_rules_are_both_reported_and_pool_their_alternatives() -> None:
    result = verdicts("fibre-1000", who=customer(credit_class="C"), place=SOUTH)
    assert result == [
        (
            Outcome.ALTERNATE,
            ["CREDIT_CLASS_TOO_LOW", "GEOGRAPHY_NOT_ELIGIBLE"],
            ("fibre-500", "fibre-300", "vdsl"),
        )
    ]


def test_an_alternative_failing_one_of_its_own_rules_is_not_proposed() -> None:
    organisation = customer(credit_class="D", party_type=PartyType.ORGANIZATION)
    result = verdicts("fibre-1000", who=organisation, place=NORTH)
    # fibre-500 needs class C, fibre-300 individuals only: nothing is left to propose.
    assert result == [(Outcome.UNQUALIFIED, ["CREDIT_CLASS_TOO_LOW"], ())]


def test_prerequisite_met_by_the_same_request_but_exclusion_also_applies() -> None:
    assert verdicts("sports", "tv")[0][0] is Outcome.QUALIFIED
    assert verdicts("sports")[0][1] == ["PREREQUISITE_MISSING"]
    assert verdicts("sports", "tv", "vdsl")[0][1] == ["INCOMPATIBLE_OFFERING"]
    owning = customer(owns=("tv", "vdsl"))
    assert verdicts("sports", who=owning)[0][1] == ["INCOMPATIBLE_OFFERING"]


def test_age_quantity_and_channel_together() -> None:
    teenager = customer(born=date(2012, 1, 1), owns=("unlimited", "unlimited"))
    result = verdicts("unlimited", who=teenager, channel="partner")
    assert result == [
        (
            Outcome.ALTERNATE,
            ["AGE_NOT_ELIGIBLE", "MAXIMUM_QUANTITY_EXCEEDED", "CHANNEL_NOT_ELIGIBLE"],
            ("s",),
        )
    ]
    adult = customer(owns=("unlimited",))
    assert verdicts("unlimited", who=adult)[0][0] is Outcome.QUALIFIED


def test_overall_outcome_of_mixed_items() -> None:
    found = verdicts("fibre-1000", "tv", who=customer(credit_class="C"), place=NORTH)
    assert [o for o, _, _ in found] == [Outcome.ALTERNATE, Outcome.QUALIFIED]
