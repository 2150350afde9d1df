"""Administration of rules and profiles: all-or-nothing upserts with every problem reported,
ids chosen for new rules, listing and deletion."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from domain.qualification.administration import EligibilityAdministration
from domain.qualification.errors import (
    CustomerProfileNotFound,
    EligibilityRuleNotFound,
    InvalidCustomerProfile,
    InvalidEligibilityRule,
)
from domain.qualification.model import CustomerProfile, PartyType
from domain.qualification.paging import PageRequest
from domain.qualification.rules import (
    AgeBandRule,
    ChannelRule,
    ExclusionRule,
    GeographyRule,
    MaxQuantityRule,
    MinimumCreditClassRule,
    PrerequisiteRule,
    Rule,
    SegmentRule,
    TimeWindow,
    ValidityWindowRule,
)
from tests.unit.qualification.builders import NOW
from tests.unit.qualification.fakes import Clock, Ids, Profiles, Rules


def administration(
    rules: Rules | None = None, profiles: Profiles | None = None
) -> EligibilityAdministration:
    return EligibilityAdministration(
        rules=rules or Rules(),
        profiles=profiles or Profiles(),
        clock=Clock(),
        ids=Ids("rule"),
    )


GOOD_RULES: list[Rule] = [
    SegmentRule(id="r1", offering_id="o", segments=("smb",)),
    SegmentRule(id="r2", offering_id="o", party_types=(PartyType.ORGANIZATION,)),
    ChannelRule(id="r3", offering_id="o", channels=("web",)),
    GeographyRule(id="r4", offering_id="o", postcode_prefixes=("NW1",)),
    PrerequisiteRule(id="r5", offering_id="o", any_of=("p",)),
    ExclusionRule(id="r6", offering_id="o", excluded=("x",)),
    MaxQuantityRule(id="r7", offering_id="o", maximum=1),
    MinimumCreditClassRule(id="r8", offering_id="o", minimum="E"),
    AgeBandRule(id="r9", offering_id="o", minimum_age=18, maximum_age=18),
    AgeBandRule(id="r10", offering_id="o", maximum_age=26),
    ValidityWindowRule(id="r11", offering_id="o", window=TimeWindow(start=NOW)),
]


async def test_every_rule_kind_is_accepted_and_new_rules_get_ids() -> None:
    rules = Rules()
    admin = administration(rules)
    fresh = ChannelRule(id="", offering_id="o2", channels=("shop",))
    stored = await admin.upsert_rules([*GOOD_RULES, fresh])
    assert stored[-1].id == "rule-1"
    assert set(rules.by_id) == {r.id for r in stored}
    page = await admin.list_rules(("o2",), PageRequest())
    assert [r.id for r in page.items] == ["rule-1"]
    assert page.total == 1


@pytest.mark.parametrize(
    ("rule", "field"),
    [
        (ChannelRule(id="a", offering_id="", channels=("web",)), "rules[0].offering_id"),
        (SegmentRule(id="a", offering_id="o"), "rules[0].segment"),
        (ChannelRule(id="a", offering_id="o", channels=()), "rules[0].channel.channels"),
        (ChannelRule(id="a", offering_id="o", channels=(" ",)), "rules[0].channel.channels[0]"),
        (GeographyRule(id="a", offering_id="o"), "rules[0].geography"),
        (
            PrerequisiteRule(id="a", offering_id="o", any_of=("o",)),
            "rules[0].prerequisite.any_of_offering_ids",
        ),
        (ExclusionRule(id="a", offering_id="o", excluded=()), "rules[0].exclusion.offering_ids"),
        (MaxQuantityRule(id="a", offering_id="o", maximum=0), "rules[0].maximum_quantity.maximum"),
        (
            MinimumCreditClassRule(id="a", offering_id="o", minimum="F"),
            "rules[0].credit_class.minimum",
        ),
        (AgeBandRule(id="a", offering_id="o"), "rules[0].age_band"),
        (AgeBandRule(id="a", offering_id="o", minimum_age=30, maximum_age=20), "rules[0].age_band"),
        (AgeBandRule(id="a", offering_id="o", minimum_age=-1), "rules[0].age_band.minimum_age"),
        (AgeBandRule(id="a", offering_id="o", maximum_age=200), "rules[0].age_band.maximum_age"),
        (
            ValidityWindowRule(
                id="a",
                offering_id="o",
                window=TimeWindow(NOW, datetime(2020, 1, 1, tzinfo=UTC)),
            ),
            "rules[0].validity.window",
        ),
        (
            ChannelRule(id="a", offering_id="o", channels=("w",), alternative_offering_ids=("o",)),
            "rules[0].alternative_offering_ids[0]",
        ),
        (Rule(id="a", offering_id="o"), "rules[0]"),
    ],
)
async def test_an_invalid_rule_is_refused_with_its_field(rule: Rule, field: str) -> None:
    rules = Rules()
    with pytest.raises(InvalidEligibilityRule) as refused:
        await administration(rules).upsert_rules([rule])
    assert refused.value.reason == "INVALID_ELIGIBILITY_RULE"
    assert [v.field for v in refused.value.violations] == [field]
    assert rules.by_id == {}


async def test_rule_upserts_are_all_or_nothing() -> None:
    rules = Rules()
    with pytest.raises(InvalidEligibilityRule) as refused:
        await administration(rules).upsert_rules(
            [
                ChannelRule(id="a", offering_id="o", channels=("web",)),
                ChannelRule(id="a", offering_id="o", channels=("shop",)),
                MaxQuantityRule(id="b", offering_id="o", maximum=0),
            ]
        )
    assert [v.field for v in refused.value.violations] == [
        "rules[1].id",
        "rules[2].maximum_quantity.maximum",
    ]
    assert rules.by_id == {}
    with pytest.raises(InvalidEligibilityRule):
        await administration(rules).upsert_rules([])


async def test_rules_are_deleted_by_id() -> None:
    rules = Rules(ChannelRule(id="a", offering_id="o", channels=("web",)))
    admin = administration(rules)
    await admin.delete_rule("a")
    assert rules.by_id == {}
    with pytest.raises(EligibilityRuleNotFound) as missing:
        await admin.delete_rule("a")
    assert missing.value.reason == "ELIGIBILITY_RULE_NOT_FOUND"


def profile(**fields: object) -> CustomerProfile:
    values: dict[str, object] = {
        "party_id": "p1",
        "segment": "residential",
        "credit_class": "B",
        "date_of_birth": date(1990, 1, 1),
        **fields,
    }
    return CustomerProfile(**values)  # type: ignore[arg-type]


async def test_profiles_are_stored_with_their_update_time_listed_and_deleted() -> None:
    profiles = Profiles()
    admin = administration(profiles=profiles)
    stored = await admin.upsert_profiles(
        [profile(), profile(party_id="p2", segment="smb", party_type=PartyType.ORGANIZATION)]
    )
    assert {p.update_time for p in stored} == {NOW}
    assert await admin.get_profile("p2") == stored[1]
    smb = await admin.list_profiles(("smb",), PageRequest())
    assert [p.party_id for p in smb.items] == ["p2"]
    assert smb.total == 1
    await admin.delete_profile("p2")
    with pytest.raises(CustomerProfileNotFound) as missing:
        await admin.get_profile("p2")
    assert missing.value.reason == "CUSTOMER_PROFILE_NOT_FOUND"
    with pytest.raises(CustomerProfileNotFound):
        await admin.delete_profile("p2")


async def test_invalid_profiles_are_refused_with_every_problem() -> None:
    profiles = Profiles()
    with pytest.raises(InvalidCustomerProfile) as refused:
        await administration(profiles=profiles).upsert_profiles(
            [
                profile(party_id="", segment=""),
                profile(party_id="p2", credit_class="Z", date_of_birth=date(2100, 1, 1)),
                profile(party_id="p2", owned_offering_ids=("",)),
            ]
        )
    assert refused.value.reason == "INVALID_CUSTOMER_PROFILE"
    assert [v.field for v in refused.value.violations] == [
        "profiles[2].party_id",
        "profiles[0].party_id",
        "profiles[0].segment",
        "profiles[1].credit_class",
        "profiles[1].date_of_birth",
        "profiles[2].owned_offering_ids[0]",
    ]
    assert profiles.by_id == {}
