"""Administration of the data eligibility judges by: rules and customer profiles. Upserts are
all or nothing: every problem of every entry is reported and nothing is stored."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from domain.qualification.errors import (
    CustomerProfileNotFound,
    EligibilityRuleNotFound,
    InvalidCustomerProfile,
    InvalidEligibilityRule,
)
from domain.qualification.model import CustomerProfile
from domain.qualification.paging import Page, PageRequest
from domain.qualification.ports import Clock, CustomerProfiles, EligibilityRules, IdGenerator
from domain.qualification.rules import Rule
from domain.qualification.validation import profile_violations, rule_violations
from domain.shared.errors import FieldViolation


class EligibilityAdministration:
    def __init__(
        self,
        *,
        rules: EligibilityRules,
        profiles: CustomerProfiles,
        clock: Clock,
        ids: IdGenerator,
    ) -> None:
        self._rules = rules
        self._profiles = profiles
        self._clock = clock
        self._ids = ids

    async def upsert_rules(self, rules: Sequence[Rule]) -> tuple[Rule, ...]:
        """Creates or replaces rules by id; an empty id gets a new one."""
        named = tuple(r if r.id else dataclasses.replace(r, id=self._ids.new_id()) for r in rules)
        problems = _duplicates([r.id for r in named], "rules", "id")
        for index, rule in enumerate(named):
            problems.extend(rule_violations(rule, f"rules[{index}]"))
        if not named:
            problems.append(FieldViolation("rules", "at least one rule is needed"))
        if problems:
            raise InvalidEligibilityRule("the rules were not stored", violations=tuple(problems))
        await self._rules.upsert(named)
        return named

    async def list_rules(self, offering_ids: tuple[str, ...], page: PageRequest) -> Page[Rule]:
        return await self._rules.list(offering_ids, page)

    async def delete_rule(self, rule_id: str) -> None:
        if not await self._rules.delete(rule_id):
            raise EligibilityRuleNotFound(rule_id)

    async def upsert_profiles(
        self, profiles: Sequence[CustomerProfile]
    ) -> tuple[CustomerProfile, ...]:
        """Creates or replaces profiles by party id."""
        now = self._clock.now()
        problems = _duplicates([p.party_id for p in profiles], "profiles", "party_id")
        for index, profile in enumerate(profiles):
            problems.extend(profile_violations(profile, f"profiles[{index}]", now.date()))
        if not profiles:
            problems.append(FieldViolation("profiles", "at least one profile is needed"))
        if problems:
            raise InvalidCustomerProfile("the profiles were not stored", violations=tuple(problems))
        stored = tuple(dataclasses.replace(p, update_time=now, is_prospect=False) for p in profiles)
        await self._profiles.upsert(stored)
        return stored

    async def get_profile(self, party_id: str) -> CustomerProfile:
        profile = await self._profiles.get(party_id)
        if profile is None:
            raise CustomerProfileNotFound(party_id)
        return profile

    async def list_profiles(
        self, segments: tuple[str, ...], page: PageRequest
    ) -> Page[CustomerProfile]:
        return await self._profiles.list(segments, page)

    async def delete_profile(self, party_id: str) -> None:
        if not await self._profiles.delete(party_id):
            raise CustomerProfileNotFound(party_id)


def _duplicates(keys: list[str], collection: str, field: str) -> list[FieldViolation]:
    seen: set[str] = set()
    found: list[FieldViolation] = []
    for index, key in enumerate(keys):
        if key and key in seen:
            found.append(FieldViolation(f"{collection}[{index}].{field}", f"{key!r} repeats"))
        seen.add(key)
    return found
