"""What makes a rule or a customer profile acceptable data; every problem is reported at once,
as field violations under the caller's prefix (for example "rules[3]")."""

from __future__ import annotations

from datetime import date

from domain.qualification.model import CREDIT_CLASSES, CustomerProfile
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
    ValidityWindowRule,
)
from domain.shared.errors import FieldViolation

MAX_AGE = 150


def rule_violations(rule: Rule, where: str) -> list[FieldViolation]:
    found: list[FieldViolation] = []
    if not rule.offering_id.strip():
        found.append(FieldViolation(f"{where}.offering_id", "required"))
    for index, alternative in enumerate(rule.alternative_offering_ids):
        field = f"{where}.alternative_offering_ids[{index}]"
        if not alternative.strip():
            found.append(FieldViolation(field, "must not be empty"))
        elif alternative == rule.offering_id:
            found.append(FieldViolation(field, "an offering is no alternative to itself"))
    found.extend(_condition_violations(rule, where))
    return found


def _condition_violations(rule: Rule, where: str) -> list[FieldViolation]:
    if isinstance(rule, SegmentRule):
        if not rule.segments and not rule.party_types:
            return [_v(where, "segment", "name at least one segment or party type")]
        return _no_blanks(rule.segments, f"{where}.segment.segments")
    if isinstance(rule, ChannelRule):
        return _listed(rule.channels, f"{where}.channel.channels", "name at least one channel")
    if isinstance(rule, GeographyRule):
        if not rule.regions and not rule.postcode_prefixes:
            return [_v(where, "geography", "name at least one region or postcode prefix")]
        return [
            *_no_blanks(rule.regions, f"{where}.geography.regions"),
            *_no_blanks(rule.postcode_prefixes, f"{where}.geography.postcode_prefixes"),
        ]
    if isinstance(rule, PrerequisiteRule):
        field = f"{where}.prerequisite.any_of_offering_ids"
        return _offering_list(rule.any_of, rule.offering_id, field)
    if isinstance(rule, ExclusionRule):
        field = f"{where}.exclusion.offering_ids"
        return _offering_list(rule.excluded, rule.offering_id, field)
    if isinstance(rule, MaxQuantityRule):
        if rule.maximum < 1:
            return [_v(where, "maximum_quantity.maximum", "at least 1")]
        return []
    if isinstance(rule, MinimumCreditClassRule):
        return _credit_class(rule.minimum, f"{where}.credit_class.minimum")
    if isinstance(rule, AgeBandRule):
        return _age_band(rule, where)
    if isinstance(rule, ValidityWindowRule):
        window = rule.window
        if window.start and window.end and window.start > window.end:
            return [_v(where, "validity.window", "the window ends before it starts")]
        return []
    return [FieldViolation(where, "exactly one condition is needed")]


def _age_band(rule: AgeBandRule, where: str) -> list[FieldViolation]:
    found: list[FieldViolation] = []
    for name, age in (("minimum_age", rule.minimum_age), ("maximum_age", rule.maximum_age)):
        if age is not None and not 0 < age <= MAX_AGE:
            found.append(_v(where, f"age_band.{name}", f"between 1 and {MAX_AGE}, or 0 for none"))
    if rule.minimum_age is None and rule.maximum_age is None:
        found.append(_v(where, "age_band", "set a minimum or a maximum age"))
    elif not found and (rule.minimum_age or 0) > (rule.maximum_age or MAX_AGE):
        found.append(_v(where, "age_band", "the minimum age is above the maximum"))
    return found


def profile_violations(
    profile: CustomerProfile, where: str, today: date | None = None
) -> list[FieldViolation]:
    found: list[FieldViolation] = []
    if not profile.party_id.strip():
        found.append(FieldViolation(f"{where}.party_id", "required"))
    if not profile.segment.strip():
        found.append(FieldViolation(f"{where}.segment", "required"))
    found.extend(_credit_class(profile.credit_class, f"{where}.credit_class"))
    born = profile.date_of_birth
    if born is not None and today is not None and born > today:
        found.append(FieldViolation(f"{where}.date_of_birth", "lies in the future"))
    found.extend(_no_blanks(profile.owned_offering_ids, f"{where}.owned_offering_ids"))
    return found


def _credit_class(value: str, field: str) -> list[FieldViolation]:
    if value in CREDIT_CLASSES:
        return []
    return [FieldViolation(field, f"one of {', '.join(CREDIT_CLASSES)}, not {value!r}")]


def _offering_list(ids: tuple[str, ...], own: str, field: str) -> list[FieldViolation]:
    found = _listed(ids, field, "name at least one offering")
    if own in ids:
        found.append(FieldViolation(field, "must not name the rule's own offering"))
    return found


def _listed(values: tuple[str, ...], field: str, empty: str) -> list[FieldViolation]:
    return _no_blanks(values, field) if values else [FieldViolation(field, empty)]


def _no_blanks(values: tuple[str, ...], field: str) -> list[FieldViolation]:
    return [
        FieldViolation(f"{field}[{index}]", "must not be empty")
        for index, value in enumerate(values)
        if not value.strip()
    ]


def _v(where: str, path: str, description: str) -> FieldViolation:
    return FieldViolation(f"{where}.{path}", description)
