"""What the qualification use cases need from outside, as Protocols. The catalog is reached
only through OfferingAvailabilityReader, never by importing the catalog context."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Protocol

from domain.qualification.checks import EligibilityCheck
from domain.qualification.judgement import OfferingAvailability
from domain.qualification.model import CustomerProfile
from domain.qualification.rules import Rule


class CustomerProfiles(Protocol):
    async def get(self, party_id: str) -> CustomerProfile | None: ...


class EligibilityRules(Protocol):
    async def for_offerings(self, offering_ids: Iterable[str]) -> list[Rule]:
        """Only the rules of these offerings (an indexed read, never all rules)."""
        ...


class EligibilityChecks(Protocol):
    async def add(self, check: EligibilityCheck) -> None: ...

    async def get(self, check_id: str) -> EligibilityCheck | None: ...


class OfferingAvailabilityReader(Protocol):
    async def availability(
        self, offering_ids: Iterable[str], at: datetime
    ) -> Mapping[str, OfferingAvailability]:
        """What the catalog says of each offering at `at`; unknown ids are absent."""
        ...


class Clock(Protocol):
    def now(self) -> datetime: ...


class IdGenerator(Protocol):
    def new_id(self) -> str: ...
