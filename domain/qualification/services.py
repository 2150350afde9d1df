"""Qualification use cases: load the customer, the place and the rules of the offerings asked
for, judge, store the answer with its expiry; list, describe and remove stored checks; find the
offerings a customer may have."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import timedelta

from domain.qualification.checks import CheckState, EligibilityCheck
from domain.qualification.errors import (
    CategoryNotFound,
    EligibilityCheckExpired,
    EligibilityCheckNotFound,
    FieldNotUpdatable,
)
from domain.qualification.evidence import EvidenceLoader
from domain.qualification.judgement import Evidence, OfferingAvailability, eligible_among
from domain.qualification.judgement import judge_with as judge
from domain.qualification.model import (
    CheckOptions,
    CustomerProfile,
    EligibilityQuestion,
    OfferingSummary,
    PlaceFacts,
    RequestedItem,
)
from domain.qualification.paging import Page, PageRequest
from domain.qualification.ports import (
    CheckFilter,
    Clock,
    ConfigurationChecker,
    CustomerProfiles,
    EligibilityChecks,
    EligibilityRules,
    IdGenerator,
    OfferingDirectory,
    PlaceDirectory,
)
from domain.qualification.questions import require_well_formed
from domain.qualification.rules import RuleBook
from domain.shared.errors import DomainError, FieldViolation

DEFAULT_CHECK_LIFETIME = timedelta(hours=24)
DEFAULT_ELIGIBLE_OFFERINGS = 100
UPDATABLE_CHECK_FIELDS = frozenset({"description", "extension"})
UNEXPECTED_JUDGING_FAILURE = "judging failed unexpectedly; ask again"


@dataclass(frozen=True, slots=True, kw_only=True)
class CheckRequest:
    party_id: str
    channel: str
    items: tuple[RequestedItem, ...]
    place: PlaceFacts | None = None
    options: CheckOptions = field(default_factory=CheckOptions)
    description: str = ""
    extension: str = "{}"


@dataclass(frozen=True, slots=True)
class EligibleOfferings:
    offerings: tuple[OfferingSummary, ...]
    customer_is_prospect: bool


class Qualification:
    def __init__(
        self,
        *,
        profiles: CustomerProfiles,
        rules: EligibilityRules,
        checks: EligibilityChecks,
        catalog: OfferingDirectory,
        clock: Clock,
        ids: IdGenerator,
        configurations: ConfigurationChecker | None = None,
        places: PlaceDirectory | None = None,
        check_lifetime: timedelta = DEFAULT_CHECK_LIFETIME,
    ) -> None:
        self._profiles = profiles
        self._rules = rules
        self._checks = checks
        self._catalog = catalog
        self._clock = clock
        self._ids = ids
        self._places = places
        self._lifetime = check_lifetime
        self._evidence = EvidenceLoader(rules, catalog, configurations)

    async def check(self, request: CheckRequest) -> EligibilityCheck:
        """Judges now and stores the answer (done)."""
        check = await self._judged(await self._acknowledged(request))
        await self._checks.add(check)
        return check

    async def acknowledge(self, request: CheckRequest) -> EligibilityCheck:
        """Stores the question acknowledged, for judge_stored to answer later."""
        check = await self._acknowledged(request)
        await self._checks.add(check)
        return check

    async def judge_stored(self, check_id: str) -> EligibilityCheck | None:
        """Answers an acknowledged check: done, or terminated with error when judging fails.
        None when the check is gone or no longer acknowledged."""
        check = await self._checks.get(check_id)
        if check is None or check.state is not CheckState.ACKNOWLEDGED:
            return None
        check = dataclasses.replace(check, state=CheckState.IN_PROGRESS)
        await self._checks.replace(check)
        try:
            final = await self._judged(check)
        except DomainError as problem:
            final = self._failed(check, problem.message)
        except Exception:
            # A bug or an outage: still end the check, say nothing internal, let the caller log.
            await self._checks.replace(self._failed(check, UNEXPECTED_JUDGING_FAILURE))
            raise
        await self._checks.replace(final)
        return final

    async def get_check(self, check_id: str) -> EligibilityCheck:
        check = await self._checks.get(check_id)
        if check is None:
            raise EligibilityCheckNotFound(check_id)
        return check

    async def usable_check(self, check_id: str) -> EligibilityCheck:
        """A check an order may still rely on: judged and not expired."""
        check = await self.get_check(check_id)
        if check.is_expired(self._clock.now()):
            raise EligibilityCheckExpired(check_id)
        return check

    async def list_checks(self, query: CheckFilter, page: PageRequest) -> Page[EligibilityCheck]:
        return await self._checks.list(query, page)

    async def update_check(
        self, check_id: str, fields: frozenset[str], description: str, extension: str = "{}"
    ) -> EligibilityCheck:
        """Changes the description and/or the extension; `fields` names what to change (empty:
        every updatable)."""
        require_updatable(fields, "check")
        found = await self.get_check(check_id)
        check = dataclasses.replace(
            found,
            description=description if changes(fields, "description") else found.description,
            extension=extension if changes(fields, "extension") else found.extension,
        )
        await self._checks.replace(check)
        return check

    async def delete_check(self, check_id: str) -> None:
        if not await self._checks.delete(check_id):
            raise EligibilityCheckNotFound(check_id)

    async def find_eligible_offerings(
        self,
        *,
        party_id: str,
        channel: str,
        place: PlaceFacts | None = None,
        category_id: str = "",
        offering_ids: tuple[str, ...] = (),
        page_size: int = 0,
    ) -> EligibleOfferings:
        """Orderable offerings (within the category's subtree, among `offering_ids` when
        given) each judged as if asked for alone, by id, at most `page_size` (0: 100)."""
        now = self._clock.now()
        customer = await self._customer(party_id)
        listed = await self._catalog.orderable_offerings(category_id, now)
        if listed is None:
            raise CategoryNotFound(category_id)
        if offering_ids:
            listed = [o for o in listed if o.offering_id in set(offering_ids)]
        ids = tuple(o.offering_id for o in listed)
        evidence = Evidence(
            rules=RuleBook(await self._rules.for_offerings(ids)),
            availability={o: OfferingAvailability(o, orderable=True) for o in ids},
        )
        question = EligibilityQuestion(
            customer=customer, channel=channel, items=(), at=now, place=await self._place(place)
        )
        eligible = set(eligible_among(question, ids, evidence))
        size = PageRequest.of(page_size, 0, DEFAULT_ELIGIBLE_OFFERINGS).size
        found = tuple(o for o in listed if o.offering_id in eligible)[:size]
        return EligibleOfferings(found, customer.is_prospect)

    async def _acknowledged(self, request: CheckRequest) -> EligibilityCheck:
        require_well_formed(request.items)
        now = self._clock.now()
        place = await self._place(request.place)
        return EligibilityCheck(
            id=self._ids.new_id(),
            party_id=request.party_id,
            channel=request.channel,
            place_id=place.place_id if place else "",
            place=place,
            items=request.items,
            options=request.options,
            description=request.description,
            extension=request.extension,
            state=CheckState.ACKNOWLEDGED,
            verdicts=(),
            create_time=now,
            expire_time=now + self._lifetime,
        )

    async def _judged(self, check: EligibilityCheck) -> EligibilityCheck:
        now = self._clock.now()
        customer = await self._customer(check.party_id)
        question = EligibilityQuestion(
            customer=customer, channel=check.channel, items=check.items, at=now, place=check.place
        )
        evidence = await self._evidence.load(question)
        verdicts = judge(
            question, evidence, propose_alternatives=check.options.provide_alternatives
        )
        return dataclasses.replace(
            check,
            verdicts=verdicts,
            state=CheckState.DONE,
            customer_is_prospect=customer.is_prospect,
            judge_time=now,
            expire_time=now + self._lifetime,
        )

    def _failed(self, check: EligibilityCheck, error: str) -> EligibilityCheck:
        now = self._clock.now()
        return dataclasses.replace(
            check, state=CheckState.TERMINATED_WITH_ERROR, error=error, judge_time=now
        )

    async def _customer(self, party_id: str) -> CustomerProfile:
        known = await self._profiles.get(party_id)
        return known or CustomerProfile(party_id=party_id, is_prospect=True)

    async def _place(self, place: PlaceFacts | None) -> PlaceFacts | None:
        """The place with region and postcode looked up when only its id was given; an
        unknown id stays without them, so geography rules refuse it with a reason."""
        if place is None or not place.place_id or place.region or place.postcode:
            return place
        if self._places is None:
            return place
        return await self._places.locate(place.place_id) or place


def changes(fields: frozenset[str], name: str) -> bool:
    """Whether an update naming `fields` changes `name` (no field named: every updatable)."""
    return not fields or name in fields


def require_updatable(fields: frozenset[str], what: str) -> None:
    """Only descriptive attributes (and the attributes kept uninterpreted) change; the question
    (criteria) and answer never do."""
    refused = sorted(fields - UPDATABLE_CHECK_FIELDS)
    if refused:
        raise FieldNotUpdatable(
            f"only the description and extension of a {what} may change, not {', '.join(refused)}",
            violations=tuple(
                FieldViolation(f, f"the question and answer of a {what} cannot change")
                for f in refused
            ),
        )
