"""In-memory fakes of the feasibility ports. A unit of work works on a copy of the committed
state and writes it back on commit; leaving without commit discards its writes. The register
records which keys candidate lookups asked for, so tests can see they stay narrow."""

from __future__ import annotations

import builtins
import copy
import dataclasses
from collections.abc import Awaitable, Callable, Iterable, Sequence
from datetime import UTC, datetime, timedelta
from types import TracebackType
from typing import Self

from domain.feasibility.addresses import Address, postcode_key
from domain.feasibility.addresses import city_key as _city_key
from domain.feasibility.addresses import postcode_key as _postcode_key
from domain.feasibility.checks import CheckState, FeasibilityCheck
from domain.feasibility.coverage import CoverageOffer
from domain.feasibility.needs import SpecifiedNeed
from domain.feasibility.network import AccessNode, CoverageEntry
from domain.feasibility.paging import Page, PageRequest
from domain.feasibility.ports import (
    AccessNodes,
    AddressRegister,
    AvailabilityQueries,
    CoverageRegister,
    FeasibilityChecks,
)
from domain.feasibility.queries import AvailabilityQuery
from domain.shared.conditions import AttributeCondition

NOW = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)


@dataclasses.dataclass
class State:
    addresses: dict[str, Address] = dataclasses.field(default_factory=dict)
    coverage: list[CoverageEntry] = dataclasses.field(default_factory=list)
    nodes: dict[str, AccessNode] = dataclasses.field(default_factory=dict)
    checks: dict[str, FeasibilityCheck] = dataclasses.field(default_factory=dict)
    queries: dict[str, AvailabilityQuery] = dataclasses.field(default_factory=dict)


class Store:
    def __init__(self) -> None:
        self.state = State()
        self.candidate_lookups: list[tuple[str, str]] = []
        self.commits = 0


class Addresses:
    def __init__(self, state: State, store: Store) -> None:
        self._state = state
        self._store = store

    async def get(self, address_id: str) -> Address | None:
        return self._state.addresses.get(address_id)

    async def candidates(self, postcode_key: str, city_key: str, limit: int) -> list[Address]:
        postcode, city = postcode_key, city_key
        self._store.candidate_lookups.append((postcode, city))
        found = [
            a
            for a in self._state.addresses.values()
            if (postcode and _postcode_key(a.postcode) == postcode)
            or (city and _city_key(a.city) == city)
        ]
        return sorted(found, key=lambda a: a.id)[:limit]

    async def existing_ids(self, address_ids: Iterable[str]) -> set[str]:
        return {i for i in address_ids if i in self._state.addresses}

    async def upsert(self, addresses: Sequence[Address]) -> None:
        self._state.addresses.update((a.id, a) for a in addresses)

    async def list(self, postcode_keys: Sequence[str], page: PageRequest) -> Page[Address]:
        found = sorted(
            (
                a
                for a in self._state.addresses.values()
                if not postcode_keys or postcode_key(a.postcode) in postcode_keys
            ),
            key=lambda a: a.id,
        )
        return Page(tuple(found[page.skip : page.skip + page.size]), len(found))


class Coverage:
    def __init__(self, state: State) -> None:
        self._state = state

    async def at(
        self, address_id: str, postcode_key: str
    ) -> tuple[list[CoverageOffer], list[CoverageOffer]]:
        own = [e.offer() for e in self._state.coverage if e.address_id == address_id]
        shared = [
            e.offer()
            for e in self._state.coverage
            if not e.address_id and _postcode_key(e.postcode) == postcode_key
        ]
        return own, shared

    async def replace(self, entries: Sequence[CoverageEntry]) -> int:
        ids = {e.address_id for e in entries if e.address_id}
        areas = {postcode_key(e.postcode) for e in entries if not e.address_id}
        self._state.coverage[:] = [
            e
            for e in self._state.coverage
            if not (e.address_id in ids or (not e.address_id and postcode_key(e.postcode) in areas))
        ]
        self._state.coverage.extend(entries)
        return len(entries)


class Nodes:
    def __init__(self, state: State) -> None:
        self._state = state

    async def free_ports(self, node_ids: Iterable[str]) -> dict[str, int]:
        return {i: self._state.nodes[i].free_ports for i in node_ids if i in self._state.nodes}

    async def existing_ids(self, node_ids: Iterable[str]) -> set[str]:
        return {i for i in node_ids if i in self._state.nodes}

    async def upsert(self, nodes: Sequence[AccessNode]) -> None:
        self._state.nodes.update((n.id, n) for n in nodes)


class Checks:
    def __init__(self, state: State) -> None:
        self._state = state

    async def add(self, check: FeasibilityCheck) -> None:
        assert check.id not in self._state.checks
        self._state.checks[check.id] = check

    async def get(self, check_id: str) -> FeasibilityCheck | None:
        return self._state.checks.get(check_id)

    async def replace(self, check: FeasibilityCheck) -> None:
        assert check.id in self._state.checks
        self._state.checks[check.id] = check

    async def remove(self, check_id: str) -> bool:
        return self._state.checks.pop(check_id, None) is not None

    async def list(
        self,
        states: Sequence[CheckState],
        page: PageRequest,
        conditions: Sequence[AttributeCondition] = (),
    ) -> Page[FeasibilityCheck]:
        assert not conditions, "attribute conditions run in the database (integration tests)"
        found = [c for c in self._state.checks.values() if not states or c.state in states]
        found.sort(key=lambda c: (c.create_time or NOW, c.id), reverse=True)
        return Page(tuple(found[page.skip : page.skip + page.size]), len(found))


class Queries:
    def __init__(self, state: State) -> None:
        self._state = state

    async def add(self, query: AvailabilityQuery) -> None:
        assert query.id not in self._state.queries
        self._state.queries[query.id] = query

    async def get(self, query_id: str) -> AvailabilityQuery | None:
        return self._state.queries.get(query_id)

    async def replace(self, query: AvailabilityQuery) -> None:
        assert query.id in self._state.queries
        self._state.queries[query.id] = query

    async def remove(self, query_id: str) -> bool:
        return self._state.queries.pop(query_id, None) is not None

    async def list(
        self,
        states: Sequence[CheckState],
        page: PageRequest,
        conditions: Sequence[AttributeCondition] = (),
    ) -> Page[AvailabilityQuery]:
        assert not conditions, "attribute conditions run in the database (integration tests)"
        found = [q for q in self._state.queries.values() if not states or q.state in states]
        found.sort(key=lambda q: (q.create_time or NOW, q.id), reverse=True)
        return Page(tuple(found[page.skip : page.skip + page.size]), len(found))


class UnitOfWork:
    addresses: AddressRegister
    coverage: CoverageRegister
    nodes: AccessNodes
    checks: FeasibilityChecks
    queries: AvailabilityQueries

    def __init__(self, store: Store) -> None:
        self._store = store
        self._state = copy.deepcopy(store.state)
        self.addresses = Addresses(self._state, store)
        self.coverage = Coverage(self._state)
        self.nodes = Nodes(self._state)
        self.checks = Checks(self._state)
        self.queries = Queries(self._state)

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        return None

    async def commit(self) -> None:
        self._store.state = copy.deepcopy(self._state)
        self._store.commits += 1


class Catalog:
    """Specifications by id and offerings -> specification id."""

    def __init__(
        self, specifications: Iterable[SpecifiedNeed] = (), offerings: dict[str, str] | None = None
    ) -> None:
        self.specifications = {s.specification_id: s for s in specifications}
        self.offerings = dict(offerings or {})
        self.broken = False
        self.before_read: Callable[[], Awaitable[None]] | None = None

    async def specification_need(self, specification_id: str) -> SpecifiedNeed | None:
        if self.before_read is not None:
            await self.before_read()
        if self.broken:
            raise RuntimeError("catalog down")
        return self.specifications.get(specification_id)

    async def offering_specification(self, offering_id: str) -> str | None:
        return self.offerings.get(offering_id)

    async def network_specifications(self) -> builtins.list[SpecifiedNeed]:
        return [s for s in self.specifications.values() if s.names_access]


class Clock:
    def __init__(self) -> None:
        self.current = NOW

    def now(self) -> datetime:
        return self.current

    def advance(self, by: timedelta) -> None:
        self.current += by


class Ids:
    def __init__(self) -> None:
        self.issued = 0

    def new_id(self) -> str:
        self.issued += 1
        return f"id-{self.issued}"
