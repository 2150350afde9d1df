"""Eligibility rules, proto <-> domain: one branch per condition of the oneof. A rule without
a condition (or with a party type this version does not know) is refused here; the values are
judged by domain.qualification.validation."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from domain.qualification.errors import InvalidEligibilityRule
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
from domain.shared.errors import FieldViolation
from domain.shared.time import TimePeriod
from ordercapture.qualification.v1 import rule_pb2
from servers.catalog.mapping.values import period_from, period_to
from servers.qualification.mapping.enums import PARTY_TYPE_CODES, PARTY_TYPES


def rules_from(messages: Sequence[rule_pb2.EligibilityRule]) -> list[Rule]:
    """Every structural problem of every rule at once, or the domain rules."""
    found: list[Rule] = []
    problems: list[FieldViolation] = []
    for index, message in enumerate(messages):
        rule = _rule_from(message, f"rules[{index}]", problems)
        if rule is not None:
            found.append(rule)
    if problems:
        raise InvalidEligibilityRule("the rules were not stored", violations=tuple(problems))
    return found


def _rule_from(
    message: rule_pb2.EligibilityRule, where: str, problems: list[FieldViolation]
) -> Rule | None:
    common: dict[str, Any] = {
        "id": message.id,
        "offering_id": message.offering_id,
        "alternative_offering_ids": tuple(message.alternative_offering_ids),
    }
    kind = message.WhichOneof("condition")
    if kind == "segment":
        party_types = []
        for i, code in enumerate(message.segment.party_types):
            if code not in PARTY_TYPES:
                field = f"{where}.segment.party_types[{i}]"
                problems.append(FieldViolation(field, f"{code} is not a party type"))
            else:
                party_types.append(PARTY_TYPES[code])
        segments = tuple(message.segment.segments)
        return SegmentRule(**common, segments=segments, party_types=tuple(party_types))
    if kind == "channel":
        return ChannelRule(**common, channels=tuple(message.channel.channels))
    if kind == "geography":
        geography = message.geography
        return GeographyRule(
            **common,
            regions=tuple(geography.regions),
            postcode_prefixes=tuple(geography.postcode_prefixes),
        )
    if kind == "prerequisite":
        return PrerequisiteRule(**common, any_of=tuple(message.prerequisite.any_of_offering_ids))
    if kind == "exclusion":
        return ExclusionRule(**common, excluded=tuple(message.exclusion.offering_ids))
    if kind == "maximum_quantity":
        return MaxQuantityRule(**common, maximum=message.maximum_quantity.maximum)
    if kind == "credit_class":
        return MinimumCreditClassRule(**common, minimum=message.credit_class.minimum)
    if kind == "age_band":
        band = message.age_band
        return AgeBandRule(
            **common, minimum_age=band.minimum_age or None, maximum_age=band.maximum_age or None
        )
    if kind == "validity":
        period = period_from(message.validity.window)
        return ValidityWindowRule(**common, window=TimeWindow(period.start, period.end))
    problems.append(FieldViolation(where, "exactly one condition is needed"))
    return None


def rule_to(rule: Rule) -> rule_pb2.EligibilityRule:
    message = rule_pb2.EligibilityRule(
        id=rule.id,
        offering_id=rule.offering_id,
        alternative_offering_ids=rule.alternative_offering_ids,
    )
    _set_condition(message, rule)
    return message


def _set_condition(message: rule_pb2.EligibilityRule, rule: Rule) -> None:
    if isinstance(rule, SegmentRule):
        types = [PARTY_TYPE_CODES[t] for t in rule.party_types]
        message.segment.CopyFrom(
            rule_pb2.SegmentCondition(segments=rule.segments, party_types=types)
        )
    elif isinstance(rule, ChannelRule):
        message.channel.CopyFrom(rule_pb2.ChannelCondition(channels=rule.channels))
    elif isinstance(rule, GeographyRule):
        message.geography.CopyFrom(
            rule_pb2.GeographyCondition(
                regions=rule.regions, postcode_prefixes=rule.postcode_prefixes
            )
        )
    elif isinstance(rule, PrerequisiteRule):
        message.prerequisite.CopyFrom(
            rule_pb2.PrerequisiteCondition(any_of_offering_ids=rule.any_of)
        )
    elif isinstance(rule, ExclusionRule):
        message.exclusion.CopyFrom(rule_pb2.ExclusionCondition(offering_ids=rule.excluded))
    elif isinstance(rule, MaxQuantityRule):
        message.maximum_quantity.CopyFrom(rule_pb2.MaximumQuantityCondition(maximum=rule.maximum))
    elif isinstance(rule, MinimumCreditClassRule):
        message.credit_class.CopyFrom(rule_pb2.CreditClassCondition(minimum=rule.minimum))
    elif isinstance(rule, AgeBandRule):
        message.age_band.CopyFrom(
            rule_pb2.AgeBandCondition(
                minimum_age=rule.minimum_age or 0, maximum_age=rule.maximum_age or 0
            )
        )
    elif isinstance(rule, ValidityWindowRule):
        window = period_to(TimePeriod(rule.window.start, rule.window.end))
        message.validity.CopyFrom(rule_pb2.ValidityCondition(window=window))
    else:
        raise TypeError(f"no message for {type(rule).__name__}")
