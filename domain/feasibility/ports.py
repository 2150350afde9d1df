"""What the feasibility use cases need from outside, as Protocols. The catalog is reached only
through ServiceCatalog, never by importing the catalog context."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from types import TracebackType
from typing import TYPE_CHECKING, Protocol, Self

from domain.feasibility.addresses import Address
from domain.feasibility.checks import CheckState, FeasibilityCheck
from domain.feasibility.coverage import CoverageOffer
from domain.feasibility.needs import SpecifiedNeed
from domain.feasibility.network import AccessNode, CoverageEntry
from domain.feasibility.paging import Page, PageRequest
from domain.shared.conditions import AttributeCondition

if TYPE_CHECKING:
    from domain.feasibility.queries import AvailabilityQuery


class AddressRegister(Protocol):
    async def get(self, address_id: str) -> Address | None: ...

    async def candidates(self, postcode_key: str, city_key: str, limit: int) -> list[Address]:
        """Addresses with this postcode key or this city key (an indexed read, never the
        whole register), at most `limit`."""
        ...

    async def existing_ids(self, address_ids: Iterable[str]) -> set[str]: ...

    async def upsert(self, addresses: Sequence[Address]) -> None: ...

    async def list(self, postcode_keys: Sequence[str], page: PageRequest) -> Page[Address]: ...


class CoverageRegister(Protocol):
    async def at(
        self, address_id: str, postcode_key: str
    ) -> tuple[list[CoverageOffer], list[CoverageOffer]]:
        """The address's own offers and its postcode area's offers."""
        ...

    async def replace(self, entries: Sequence[CoverageEntry]) -> int:
        """Drops the entries of every address and postcode named, then stores `entries`."""
        ...


class AccessNodes(Protocol):
    async def free_ports(self, node_ids: Iterable[str]) -> dict[str, int]: ...

    async def existing_ids(self, node_ids: Iterable[str]) -> set[str]: ...

    async def upsert(self, nodes: Sequence[AccessNode]) -> None: ...


class FeasibilityChecks(Protocol):
    async def add(self, check: FeasibilityCheck) -> None: ...

    async def get(self, check_id: str) -> FeasibilityCheck | None: ...

    async def replace(self, check: FeasibilityCheck) -> None: ...

    async def remove(self, check_id: str) -> bool:
        """False when there was nothing to remove."""
        ...

    async def list(
        self,
        states: Sequence[CheckState],
        page: PageRequest,
        conditions: Sequence[AttributeCondition] = (),
    ) -> Page[FeasibilityCheck]:
        """Newest first; `conditions` on the check as FeasibilityService returns it."""
        ...


class AvailabilityQueries(Protocol):
    async def add(self, query: AvailabilityQuery) -> None: ...

    async def get(self, query_id: str) -> AvailabilityQuery | None: ...

    async def replace(self, query: AvailabilityQuery) -> None: ...

    async def remove(self, query_id: str) -> bool:
        """False when there was nothing to remove."""
        ...

    async def list(
        self,
        states: Sequence[CheckState],
        page: PageRequest,
        conditions: Sequence[AttributeCondition] = (),
    ) -> Page[AvailabilityQuery]:
        """Newest first; `conditions` on the query as FeasibilityService returns it."""
        ...


class FeasibilityUnitOfWork(Protocol):
    addresses: AddressRegister
    coverage: CoverageRegister
    nodes: AccessNodes
    checks: FeasibilityChecks
    queries: AvailabilityQueries

    async def __aenter__(self) -> Self: ...

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    async def commit(self) -> None: ...


class UnitOfWorkFactory(Protocol):
    def __call__(self) -> FeasibilityUnitOfWork: ...


class ServiceCatalog(Protocol):
    async def specification_need(self, specification_id: str) -> SpecifiedNeed | None:
        """None when the catalog has no such specification."""
        ...

    async def offering_specification(self, offering_id: str) -> str | None:
        """The offering's product specification id ("" when it has none); None when the
        catalog has no such offering."""
        ...

    async def network_specifications(self) -> Sequence[SpecifiedNeed]:
        """Orderable specifications that name an access technology."""
        ...


class Clock(Protocol):
    def now(self) -> datetime: ...


class IdGenerator(Protocol):
    def new_id(self) -> str: ...
