"""In-memory implementations of the qualification ports, for the use-case tests."""

from __future__ import annotations

import builtins
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timedelta

from domain.qualification.checks import EligibilityCheck
from domain.qualification.judgement import OfferingAvailability
from domain.qualification.model import (
    CustomerProfile,
    OfferingSummary,
    PlaceFacts,
    Reason,
    RequestedConfiguration,
)
from domain.qualification.paging import Page, PageRequest
from domain.qualification.ports import CheckFilter, ConfigurationToCheck
from domain.qualification.rules import Rule
from tests.unit.qualification.builders import NOW


class Profiles:
    def __init__(self, *profiles: CustomerProfile) -> None:
        self.by_id = {p.party_id: p for p in profiles}

    async def get(self, party_id: str) -> CustomerProfile | None:
        return self.by_id.get(party_id)

    async def upsert(self, profiles: Sequence[CustomerProfile]) -> None:
        self.by_id.update((p.party_id, p) for p in profiles)

    async def list(self, segments: tuple[str, ...], page: PageRequest) -> Page[CustomerProfile]:
        found = [p for _, p in sorted(self.by_id.items()) if not segments or p.segment in segments]
        return Page(tuple(found[page.skip : page.skip + page.size]), len(found))

    async def delete(self, party_id: str) -> bool:
        return self.by_id.pop(party_id, None) is not None


class Rules:
    def __init__(self, *rules: Rule) -> None:
        self.by_id = {r.id: r for r in rules}
        self.asked: builtins.list[set[str]] = []

    async def for_offerings(self, offering_ids: Iterable[str]) -> builtins.list[Rule]:
        wanted = set(offering_ids)
        self.asked.append(wanted)
        return [r for r in self.by_id.values() if r.offering_id in wanted]

    async def upsert(self, rules: Sequence[Rule]) -> None:
        self.by_id.update((r.id, r) for r in rules)

    async def list(self, offering_ids: tuple[str, ...], page: PageRequest) -> Page[Rule]:
        found = [
            r
            for _, r in sorted(self.by_id.items())
            if not offering_ids or r.offering_id in offering_ids
        ]
        return Page(tuple(found[page.skip : page.skip + page.size]), len(found))

    async def delete(self, rule_id: str) -> bool:
        return self.by_id.pop(rule_id, None) is not None


class Checks:
    def __init__(self) -> None:
        self.stored: dict[str, EligibilityCheck] = {}
        self.history: builtins.list[EligibilityCheck] = []

    async def add(self, check: EligibilityCheck) -> None:
        self.stored[check.id] = check
        self.history.append(check)

    async def get(self, check_id: str) -> EligibilityCheck | None:
        return self.stored.get(check_id)

    async def replace(self, check: EligibilityCheck) -> None:
        if check.id in self.stored:
            self.stored[check.id] = check
            self.history.append(check)

    async def list(self, query: CheckFilter, page: PageRequest) -> Page[EligibilityCheck]:
        found = sorted(
            (
                c
                for c in self.stored.values()
                if (not query.party_id or c.party_id == query.party_id)
                and (not query.states or c.state in query.states)
            ),
            key=lambda c: (c.create_time, c.id),
            reverse=True,
        )
        return Page(tuple(found[page.skip : page.skip + page.size]), len(found))

    async def delete(self, check_id: str) -> bool:
        return self.stored.pop(check_id, None) is not None


class Catalog:
    """Offerings by id with their orderability and categories; a category tree by parent."""

    def __init__(
        self,
        offerings: Mapping[str, tuple[bool, tuple[str, ...]]] | None = None,
        parents: Mapping[str, str] | None = None,
    ) -> None:
        self.offerings = dict(offerings or {})
        self.parents = dict(parents or {})

    @classmethod
    def of(cls, *offering_ids: str) -> Catalog:
        return cls(dict.fromkeys(offering_ids, (True, ())))

    async def availability(
        self, offering_ids: Iterable[str], at: datetime
    ) -> Mapping[str, OfferingAvailability]:
        return {
            o: OfferingAvailability(o, self.offerings[o][0], "" if self.offerings[o][0] else "no")
            for o in offering_ids
            if o in self.offerings
        }

    async def orderable_offerings(
        self, category_id: str, at: datetime
    ) -> builtins.list[OfferingSummary] | None:
        if category_id and category_id not in self.parents:
            return None
        subtree = self._subtree(category_id)
        return [
            OfferingSummary(o, o.upper(), cats)
            for o, (orderable, cats) in sorted(self.offerings.items())
            if orderable and (not category_id or subtree.intersection(cats))
        ]

    def _subtree(self, category_id: str) -> set[str]:
        found = {category_id}
        grew = True
        while grew:
            below = {c for c, parent in self.parents.items() if parent in found}
            grew = not below <= found
            found |= below
        return found


class Configurations:
    """Refuses every configuration whose document contains "bad"."""

    def __init__(self) -> None:
        self.asked: builtins.list[str] = []
        self.calls = 0

    async def problems_of_each(
        self, configurations: Sequence[ConfigurationToCheck]
    ) -> builtins.list[tuple[Reason, ...]]:
        self.calls += 1
        self.asked.extend(c.offering_id for c in configurations)
        return [self._problems(c.configuration) for c in configurations]

    @staticmethod
    def _problems(configuration: RequestedConfiguration) -> tuple[Reason, ...]:
        if "bad" in configuration.document:
            return (Reason("CHARACTERISTIC_VALUE_NOT_ALLOWED", "speed: 'bad' is not allowed"),)
        return ()


class Places:
    def __init__(self, **places: tuple[str, str]) -> None:
        self._places = places

    async def locate(self, place_id: str) -> PlaceFacts | None:
        found = self._places.get(place_id)
        return None if found is None else PlaceFacts(place_id, *found)


class Clock:
    def __init__(self, now: datetime = NOW) -> None:
        self.current = now

    def now(self) -> datetime:
        return self.current

    def advance(self, by: timedelta) -> None:
        self.current += by


class Ids:
    def __init__(self, prefix: str = "chk") -> None:
        self.count = 0
        self.prefix = prefix

    def new_id(self) -> str:
        self.count += 1
        return f"{self.prefix}-{self.count}"
