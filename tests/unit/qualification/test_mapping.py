"""Proto <-> domain for the qualification service: every enum value mapped, every rule kind
round-trips, profiles with ISO dates, requests with defaults, and answers shaped by options."""

from __future__ import annotations

import enum
from datetime import UTC, date, datetime
from typing import Any

import pytest

from domain.qualification.checks import CheckState, EligibilityCheck
from domain.qualification.errors import (
    InvalidCustomerProfile,
    InvalidEligibilityQuestion,
    InvalidEligibilityRule,
)
from domain.qualification.model import (
    CheckOptions,
    CustomerProfile,
    ItemAction,
    ItemVerdict,
    Outcome,
    PartyType,
    PlaceFacts,
    Reason,
)
from domain.qualification.rules import AgeBandRule
from ordercapture.qualification.v1 import check_pb2, profile_pb2, rule_pb2
from ordercapture.qualification.v1 import eligibility_service_pb2 as pb
from ordercapture.type.v1 import characteristic_pb2, configuration_pb2
from servers.qualification.mapping import enums
from servers.qualification.mapping.checks import check_filter_from, check_request_from, check_to
from servers.qualification.mapping.profiles import profile_to, profiles_from
from servers.qualification.mapping.rules import rule_to, rules_from
from servers.qualification.seed import DEMO_RULES, parse_lines

NOW = datetime(2026, 11, 28, 12, tzinfo=UTC)


@pytest.mark.parametrize(
    ("proto_enum", "table", "domain_enum"),
    [
        (check_pb2.ItemAction, enums.ITEM_ACTIONS, ItemAction),
        (check_pb2.Outcome, enums.OUTCOMES, Outcome),
        (check_pb2.CheckState, enums.CHECK_STATES, CheckState),
        (profile_pb2.PartyType, enums.PARTY_TYPES, PartyType),
    ],
)
def test_every_enum_value_is_mapped(
    proto_enum: Any, table: dict[int, object], domain_enum: type[enum.Enum]
) -> None:
    numbers = {v for v in proto_enum.values() if v != 0}
    assert set(table) == numbers
    assert set(table.values()) == set(domain_enum.__members__.values())


def test_every_rule_kind_round_trips_through_its_message() -> None:
    messages = parse_lines(DEMO_RULES.read_text("utf-8"), rule_pb2.EligibilityRule)
    kinds = {m.WhichOneof("condition") for m in messages}
    assert kinds == {
        f.name for f in rule_pb2.EligibilityRule.DESCRIPTOR.oneofs_by_name["condition"].fields
    }
    assert [rule_to(r) for r in rules_from(messages)] == messages


def test_a_rule_without_condition_or_with_an_unknown_party_type_is_refused() -> None:
    unknown_type = rule_pb2.EligibilityRule(
        offering_id="o",
        segment=rule_pb2.SegmentCondition(party_types=[7]),  # type: ignore[list-item]
    )
    with pytest.raises(InvalidEligibilityRule) as refused:
        rules_from([rule_pb2.EligibilityRule(offering_id="o"), unknown_type])
    assert [v.field for v in refused.value.violations] == [
        "rules[0]",
        "rules[1].segment.party_types[0]",
    ]


def test_age_band_zero_means_no_bound() -> None:
    (rule,) = rules_from(
        [
            rule_pb2.EligibilityRule(
                offering_id="o", age_band=rule_pb2.AgeBandCondition(maximum_age=26)
            )
        ]
    )
    assert rule_to(rule).age_band == rule_pb2.AgeBandCondition(maximum_age=26)
    assert isinstance(rule, AgeBandRule)
    assert rule.minimum_age is None


def test_profiles_with_iso_dates_and_default_party_type() -> None:
    message = profile_pb2.CustomerProfile(
        party_id="p", segment="youth", credit_class="C", date_of_birth="2008-02-29"
    )
    (profile,) = profiles_from([message])
    assert profile.party_type is PartyType.INDIVIDUAL
    assert profile.date_of_birth == date(2008, 2, 29)
    again = profile_to(profile)
    assert again.date_of_birth == "2008-02-29"
    assert again.party_type == profile_pb2.PARTY_TYPE_INDIVIDUAL
    organisation = profile_to(CustomerProfile(party_id="o", party_type=PartyType.ORGANIZATION))
    assert organisation.date_of_birth == ""


@pytest.mark.parametrize("text", ["2008-02-30", "08-02-2008", "20080229", "yesterday"])
def test_a_malformed_date_of_birth_is_refused(text: str) -> None:
    with pytest.raises(InvalidCustomerProfile) as refused:
        profiles_from([profile_pb2.CustomerProfile(party_id="p", date_of_birth=text)])
    assert [v.field for v in refused.value.violations] == ["profiles[0].date_of_birth"]


def test_a_check_request_takes_the_documented_defaults() -> None:
    request = pb.CheckEligibilityRequest(
        party_id="cust-1",
        channel="web",
        items=[
            check_pb2.CheckItem(id="1", offering_id="o"),
            check_pb2.CheckItem(id="2", category_id="c", quantity=3),
        ],
    )
    asked = check_request_from(request)
    assert asked.place is None
    request.place.SetInParent()
    assert check_request_from(request).place is None
    request.place.region = "north"
    assert check_request_from(request).place == PlaceFacts(region="north")
    assert asked.options == CheckOptions()
    assert [(i.action, i.quantity, i.category_id) for i in asked.items] == [
        (ItemAction.ADD, 1, ""),
        (ItemAction.ADD, 3, "c"),
    ]


def test_a_configuration_is_kept_as_sent_and_malformed_values_are_refused_at_once() -> None:
    configuration = configuration_pb2.RequestedConfiguration(
        characteristics=[
            characteristic_pb2.ConfiguredCharacteristic(
                name="speed", values=[characteristic_pb2.CharacteristicValue(number="300")]
            )
        ]
    )
    item = check_pb2.CheckItem(id="1", offering_id="o", configuration=configuration)
    asked = check_request_from(pb.CheckEligibilityRequest(items=[item]))
    check = EligibilityCheck(
        id="c",
        party_id="p",
        channel="web",
        place_id="",
        verdicts=(),
        items=asked.items,
        state=CheckState.ACKNOWLEDGED,
        create_time=NOW,
        expire_time=NOW,
    )
    assert check_to(check).items[0].configuration == configuration
    broken = configuration_pb2.RequestedConfiguration(
        characteristics=[
            characteristic_pb2.ConfiguredCharacteristic(
                name="speed", values=[characteristic_pb2.CharacteristicValue(number="fast")]
            )
        ]
    )
    bad_item = check_pb2.CheckItem(id="1", offering_id="o", configuration=broken)
    with pytest.raises(InvalidEligibilityQuestion) as refused:
        check_request_from(pb.CheckEligibilityRequest(items=[bad_item]))
    assert refused.value.violations[0].field.startswith("items[0].configuration")


def test_unknown_states_in_a_list_filter_are_refused() -> None:
    request = pb.ListEligibilityChecksRequest(states=[check_pb2.CHECK_STATE_DONE, 42])  # type: ignore[list-item]
    with pytest.raises(InvalidEligibilityQuestion):
        check_filter_from(request)


def test_the_answer_is_shaped_by_the_stored_options() -> None:
    refused = ItemVerdict(
        item_id="1", offering_id="o", outcome=Outcome.UNQUALIFIED, reasons=(Reason("X", "x"),)
    )
    kept = ItemVerdict(item_id="2", offering_id="p", outcome=Outcome.QUALIFIED)
    check = EligibilityCheck(
        id="c",
        party_id="p",
        channel="web",
        place_id="",
        verdicts=(refused, kept),
        options=CheckOptions(provide_reasons=True, only_available=True),
        create_time=NOW,
        judge_time=NOW,
        expire_time=NOW,
    )
    message = check_to(check)
    assert message.outcome == check_pb2.OUTCOME_UNQUALIFIED
    assert [r.item_id for r in message.results] == ["2"]
    assert message.state == check_pb2.CHECK_STATE_DONE
    assert message.options.only_available
    assert not message.HasField("place")
    acknowledged = check_to(
        EligibilityCheck(
            id="c",
            party_id="p",
            channel="web",
            place_id="",
            verdicts=(),
            state=CheckState.ACKNOWLEDGED,
            create_time=NOW,
            expire_time=NOW,
        )
    )
    assert acknowledged.outcome == check_pb2.OUTCOME_UNSPECIFIED
    assert not acknowledged.HasField("judge_time")
