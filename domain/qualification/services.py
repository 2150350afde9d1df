"""Qualification use cases: load the customer and the rules of the offerings asked for,
judge, store the answer with its expiry."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from domain.qualification.checks import EligibilityCheck
from domain.qualification.errors import EligibilityCheckNotFound, InvalidEligibilityQuestion
from domain.qualification.judgement import judge
from domain.qualification.model import (
    CustomerProfile,
    EligibilityQuestion,
    PlaceFacts,
    RequestedItem,
)
from domain.qualification.ports import (
    Clock,
    CustomerProfiles,
    EligibilityChecks,
    EligibilityRules,
    IdGenerator,
    OfferingAvailabilityReader,
)
from domain.qualification.rules import RuleBook
from domain.shared.errors import FieldViolation

DEFAULT_CHECK_LIFETIME = timedelta(hours=24)


@dataclass(frozen=True, slots=True, kw_only=True)
class CheckRequest:
    party_id: str
    channel: str
    items: tuple[RequestedItem, ...]
    place: PlaceFacts | None = None
    propose_alternatives: bool = True


class Qualification:
    def __init__(
        self,
        *,
        profiles: CustomerProfiles,
        rules: EligibilityRules,
        checks: EligibilityChecks,
        catalog: OfferingAvailabilityReader,
        clock: Clock,
        ids: IdGenerator,
        check_lifetime: timedelta = DEFAULT_CHECK_LIFETIME,
    ) -> None:
        self._profiles = profiles
        self._rules = rules
        self._checks = checks
        self._catalog = catalog
        self._clock = clock
        self._ids = ids
        self._lifetime = check_lifetime

    async def check(self, request: CheckRequest) -> EligibilityCheck:
        _require_well_formed(request.items)
        now = self._clock.now()
        known = await self._profiles.get(request.party_id)
        customer = known or CustomerProfile(party_id=request.party_id, is_prospect=True)
        offering_ids = {i.offering_id for i in request.items}
        rules = RuleBook(await self._rules.for_offerings(offering_ids))
        availability = await self._catalog.availability(offering_ids, now)
        question = EligibilityQuestion(
            customer=customer,
            channel=request.channel,
            items=request.items,
            at=now,
            place=request.place,
        )
        check = EligibilityCheck(
            id=self._ids.new_id(),
            party_id=request.party_id,
            channel=request.channel,
            place_id=request.place.place_id if request.place else "",
            verdicts=judge(
                question, rules, availability, propose_alternatives=request.propose_alternatives
            ),
            create_time=now,
            expire_time=now + self._lifetime,
            customer_is_prospect=customer.is_prospect,
        )
        await self._checks.add(check)
        return check

    async def get_check(self, check_id: str) -> EligibilityCheck:
        check = await self._checks.get(check_id)
        if check is None:
            raise EligibilityCheckNotFound(check_id)
        return check


def _require_well_formed(items: tuple[RequestedItem, ...]) -> None:
    problems: list[FieldViolation] = []
    if not items:
        problems.append(FieldViolation("items", "at least one item is needed"))
    seen: set[str] = set()
    for index, item in enumerate(items):
        if not item.item_id or item.item_id in seen:
            problems.append(FieldViolation(f"items[{index}].item_id", "needs a unique id"))
        seen.add(item.item_id)
        if not item.offering_id:
            problems.append(FieldViolation(f"items[{index}].offering_id", "required"))
        if item.quantity < 1:
            problems.append(FieldViolation(f"items[{index}].quantity", "at least 1"))
    if problems:
        raise InvalidEligibilityQuestion(
            "the question cannot be judged", violations=tuple(problems)
        )
