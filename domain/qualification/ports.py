"""What the qualification use cases need from outside, as Protocols. The catalog is reached
only through these readers, never by importing the catalog context. Each repository call is
atomic on its own (the adapters open one transaction per call)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from domain.qualification.checks import CheckState, EligibilityCheck
from domain.qualification.judgement import OfferingAvailability
from domain.qualification.model import (
    CustomerProfile,
    OfferingSummary,
    PlaceFacts,
    Reason,
    RequestedConfiguration,
)
from domain.qualification.offering_queries import EligibilityQuery
from domain.qualification.paging import Page, PageRequest
from domain.qualification.rules import Rule
from domain.shared.conditions import AttributeCondition


@dataclass(frozen=True, slots=True)
class CheckFilter:
    """Empty values mean any."""

    party_id: str = ""
    states: tuple[CheckState, ...] = ()
    # On any attribute of the check or query as EligibilityService returns it; all must hold.
    conditions: tuple[AttributeCondition, ...] = ()


class CustomerProfiles(Protocol):
    async def get(self, party_id: str) -> CustomerProfile | None: ...

    async def upsert(self, profiles: Sequence[CustomerProfile]) -> None:
        """All or nothing."""
        ...

    async def list(self, segments: tuple[str, ...], page: PageRequest) -> Page[CustomerProfile]:
        """By party id."""
        ...

    async def delete(self, party_id: str) -> bool:
        """False when there was no such profile."""
        ...


class EligibilityRules(Protocol):
    async def for_offerings(self, offering_ids: Iterable[str]) -> list[Rule]:
        """Only the rules of these offerings (an indexed read, never all rules)."""
        ...

    async def upsert(self, rules: Sequence[Rule]) -> None:
        """All or nothing."""
        ...

    async def list(self, offering_ids: tuple[str, ...], page: PageRequest) -> Page[Rule]:
        """By rule id."""
        ...

    async def delete(self, rule_id: str) -> bool:
        """False when there was no such rule."""
        ...


class EligibilityChecks(Protocol):
    async def add(self, check: EligibilityCheck) -> None: ...

    async def get(self, check_id: str) -> EligibilityCheck | None: ...

    async def replace(self, check: EligibilityCheck) -> None: ...

    async def list(self, query: CheckFilter, page: PageRequest) -> Page[EligibilityCheck]:
        """Newest first."""
        ...

    async def delete(self, check_id: str) -> bool:
        """False when there was no such check."""
        ...


class EligibilityQueries(Protocol):
    async def add(self, query: EligibilityQuery) -> None: ...

    async def get(self, query_id: str) -> EligibilityQuery | None: ...

    async def replace(self, query: EligibilityQuery) -> None: ...

    async def list(self, query: CheckFilter, page: PageRequest) -> Page[EligibilityQuery]:
        """Newest first."""
        ...

    async def delete(self, query_id: str) -> bool:
        """False when there was no such query."""
        ...


class OfferingAvailabilityReader(Protocol):
    async def availability(
        self, offering_ids: Iterable[str], at: datetime
    ) -> Mapping[str, OfferingAvailability]:
        """What the catalog says of each offering at `at`; unknown ids are absent."""
        ...


class OfferingDirectory(OfferingAvailabilityReader, Protocol):
    async def orderable_offerings(
        self, category_id: str, at: datetime
    ) -> list[OfferingSummary] | None:
        """Offerings orderable at `at` in the category and its subcategories (every category
        when `category_id` is empty), by id; None when the category does not exist."""
        ...


@dataclass(frozen=True, slots=True)
class ConfigurationToCheck:
    offering_id: str
    configuration: RequestedConfiguration


class ConfigurationChecker(Protocol):
    async def problems_of_each(
        self, configurations: Sequence[ConfigurationToCheck]
    ) -> Sequence[tuple[Reason, ...]]:
        """The catalog's objections to each configuration (of existing offerings), in order,
        from one read of the catalog: a check asks once, however many items it has."""
        ...


class PlaceDirectory(Protocol):
    async def locate(self, place_id: str) -> PlaceFacts | None:
        """Region and postcode of a registered place; None when unknown."""
        ...


class Clock(Protocol):
    def now(self) -> datetime: ...


class IdGenerator(Protocol):
    def new_id(self) -> str: ...
