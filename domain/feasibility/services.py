"""Feasibility use cases: validate an address, check services at places (now or in the
background), find what a place can have, and keep the stored checks."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from domain.feasibility.addresses import Address, AddressMatch
from domain.feasibility.availability import PlaceServices, available_services
from domain.feasibility.checks import (
    CheckOptions,
    CheckState,
    FeasibilityCheck,
    Place,
    ServiceItem,
    overall,
)
from domain.feasibility.errors import (
    FeasibilityCheckNotFound,
    FieldNotUpdatable,
    InvalidAddress,
    InvalidFeasibilityRequest,
)
from domain.feasibility.judging import coverage_at, judge_item, read_needs
from domain.feasibility.needs import problems_in
from domain.feasibility.paging import Page, PageRequest
from domain.feasibility.places import locate, match_typed
from domain.feasibility.ports import Clock, IdGenerator, ServiceCatalog, UnitOfWorkFactory
from domain.shared.conditions import AttributeCondition
from domain.shared.errors import FieldViolation

DEFAULT_CHECK_LIFETIME = timedelta(hours=72)
MAX_ITEMS = 100
UPDATABLE_FIELDS = frozenset({"description", "external_id", "extension"})
# What a stored check says when judging failed for a reason the caller cannot fix.
JUDGING_FAILED = "the check could not be judged; submit it again"


@dataclass(frozen=True, slots=True, kw_only=True)
class CheckRequest:
    items: tuple[ServiceItem, ...]
    options: CheckOptions = dataclasses.field(default_factory=CheckOptions)
    party_id: str = ""
    description: str = ""
    external_id: str = ""
    asynchronous: bool = False
    extension: str = "{}"


class FeasibilityChecking:
    def __init__(
        self,
        *,
        uow: UnitOfWorkFactory,
        catalog: ServiceCatalog,
        clock: Clock,
        ids: IdGenerator,
        check_lifetime: timedelta = DEFAULT_CHECK_LIFETIME,
    ) -> None:
        self._uow = uow
        self._catalog = catalog
        self._clock = clock
        self._ids = ids
        self._lifetime = check_lifetime

    async def validate_address(self, typed: Address) -> AddressMatch:
        _require_searchable(typed)
        async with self._uow() as uow:
            return await match_typed(uow.addresses, typed)

    async def check(self, request: CheckRequest) -> FeasibilityCheck:
        """Judged and stored; with `asynchronous`, stored ACCEPTED for judge_accepted()."""
        _require_well_formed(request.items)
        accepted = FeasibilityCheck(
            id=self._ids.new_id(),
            items=request.items,
            options=request.options,
            party_id=request.party_id,
            description=request.description,
            external_id=request.external_id,
            extension=request.extension,
            create_time=self._clock.now(),
        )
        if request.asynchronous:
            async with self._uow() as uow:
                await uow.checks.add(accepted)
                await uow.commit()
            return accepted
        return await self._judged(accepted, stored=False)

    async def judge_accepted(self, check_id: str) -> FeasibilityCheck:
        """The background half of an asynchronous check: ACCEPTED -> IN_PROGRESS -> DONE. A
        failure is stored as TERMINATED_WITH_ERROR and re-raised for the task runner to log."""
        async with self._uow() as uow:
            accepted = await uow.checks.get(check_id)
            if accepted is None or accepted.state is not CheckState.ACCEPTED:
                raise FeasibilityCheckNotFound(check_id)  # deleted meanwhile, or taken already
            check = dataclasses.replace(accepted, state=CheckState.IN_PROGRESS)
            await uow.checks.replace(check)
            await uow.commit()
        try:
            return await self._judged(check, stored=True)
        except Exception:
            failed = dataclasses.replace(
                check,
                state=CheckState.TERMINATED_WITH_ERROR,
                error=JUDGING_FAILED,
                judge_time=self._clock.now(),
            )
            async with self._uow() as uow:
                if await uow.checks.get(check_id) is not None:
                    await uow.checks.replace(failed)
                    await uow.commit()
            raise

    async def find_available_services(self, place: Place) -> PlaceServices:
        if place.address is not None:
            _require_searchable(place.address)
        specifications = await self._catalog.network_specifications()
        async with self._uow() as uow:
            found = await locate(uow.addresses, place)
            if found.address is None:
                return PlaceServices(address=None, suggestions=found.suggestions)
            address = found.address
            coverage = await coverage_at(uow, address.id, address.postcode)
        today = self._clock.now().date()
        services = available_services(address, coverage, specifications, today)
        return PlaceServices(address=address, services=services)

    async def get_check(self, check_id: str) -> FeasibilityCheck:
        async with self._uow() as uow:
            check = await uow.checks.get(check_id)
        if check is None:
            raise FeasibilityCheckNotFound(check_id)
        return check

    async def list_checks(
        self,
        states: Sequence[CheckState],
        page: PageRequest,
        conditions: Sequence[AttributeCondition] = (),
    ) -> Page[FeasibilityCheck]:
        async with self._uow() as uow:
            return await uow.checks.list(states, page, conditions)

    async def update_check(
        self,
        check_id: str,
        description: str,
        external_id: str,
        fields: Sequence[str],
        extension: str = "{}",
    ) -> FeasibilityCheck:
        """`fields` as the update mask names them; empty means every updatable field."""
        refused = [f for f in fields if f not in UPDATABLE_FIELDS]
        if refused:
            raise FieldNotUpdatable(
                "only description, external_id and extension can be changed",
                violations=tuple(
                    FieldViolation(f"update_mask.paths[{list(fields).index(f)}]", f"{f!r} is fixed")
                    for f in refused
                ),
            )
        changing = set(fields) or UPDATABLE_FIELDS
        async with self._uow() as uow:
            check = await uow.checks.get(check_id)
            if check is None:
                raise FeasibilityCheckNotFound(check_id)
            updated = dataclasses.replace(
                check,
                description=description if "description" in changing else check.description,
                external_id=external_id if "external_id" in changing else check.external_id,
                extension=extension if "extension" in changing else check.extension,
            )
            await uow.checks.replace(updated)
            await uow.commit()
        return updated

    async def delete_check(self, check_id: str) -> None:
        async with self._uow() as uow:
            if not await uow.checks.remove(check_id):
                raise FeasibilityCheckNotFound(check_id)
            await uow.commit()

    async def _judged(self, check: FeasibilityCheck, *, stored: bool) -> FeasibilityCheck:
        needs = await read_needs(self._catalog, check.items)
        now = self._clock.now()
        async with self._uow() as uow:
            results = tuple(
                [await judge_item(uow, i, needs, check.options, now.date()) for i in check.items]
            )
            judged = dataclasses.replace(
                check,
                state=CheckState.DONE,
                outcome=overall(results),
                results=results,
                judge_time=now,
                expire_time=now + self._lifetime,
            )
            if stored:
                if await uow.checks.get(check.id) is None:
                    raise FeasibilityCheckNotFound(check.id)  # deleted while being judged
                await uow.checks.replace(judged)
            else:
                await uow.checks.add(judged)
            await uow.commit()
        return judged


def _require_searchable(typed: Address) -> None:
    problems: list[FieldViolation] = []
    if not typed.street.strip():
        problems.append(FieldViolation("address.street", "required"))
    if not typed.postcode.strip() and not typed.city.strip():
        problems.append(FieldViolation("address.postcode", "a postcode or a city is required"))
    if problems:
        raise InvalidAddress("the address cannot be looked up", violations=tuple(problems))


def _require_well_formed(items: tuple[ServiceItem, ...]) -> None:
    problems: list[FieldViolation] = []
    if not 1 <= len(items) <= MAX_ITEMS:
        problems.append(FieldViolation("items", f"1..{MAX_ITEMS} items required"))
    seen: set[str] = set()
    for index, item in enumerate(items):
        path = f"items[{index}]"
        if not item.id.strip() or item.id in seen:
            problems.append(FieldViolation(f"{path}.id", "a unique id is required"))
        seen.add(item.id)
        place = item.place
        if not place.address_id and place.address is None:
            problems.append(FieldViolation(f"{path}.place", "an address id or an address"))
        elif place.address is not None and not (
            place.address.street.strip()
            and (place.address.postcode.strip() or place.address.city.strip())
        ):
            problems.append(
                FieldViolation(f"{path}.place.address", "street and a postcode or city required")
            )
        if not (item.product_specification_id or item.offering_id or item.characteristics):
            problems.append(
                FieldViolation(
                    f"{path}.service",
                    "a product specification, an offering or the characteristics needed",
                )
            )
        problems.extend(problems_in(item.characteristics, f"{path}.characteristics"))
    if problems:
        raise InvalidFeasibilityRequest(
            "the feasibility check cannot be judged", violations=tuple(problems)
        )
