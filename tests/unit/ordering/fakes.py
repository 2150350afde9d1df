"""In-memory implementations of the ordering ports, for the use-case tests. The unit of work
stages its writes and applies them on commit only, like the real one; idempotency claims are
visible at once (as an adapter that claims in its own short transaction would make them)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from types import TracebackType
from typing import Generic, Self, TypeVar

from domain.ordering.cancellation import Cancellation
from domain.ordering.events import OrderEvent
from domain.ordering.idempotency import Claim, ClaimStatus, IdempotencyKey, IdempotentResult
from domain.ordering.model import OrderItem, ProductOrder
from domain.ordering.ports import (
    CancellationStore,
    EventOutbox,
    IdempotencyStore,
    Judgement,
    OrderStore,
    Problem,
    StoredCheck,
    Verdict,
)

NOW = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)


class Clock:
    def __init__(self, now: datetime = NOW) -> None:
        self.current = now

    def now(self) -> datetime:
        return self.current

    def advance(self, delta: timedelta) -> None:
        self.current += delta


class Ids:
    def __init__(self) -> None:
        self.count = 0

    def new_id(self) -> str:
        self.count += 1
        return f"id-{self.count}"


@dataclass
class _Record:
    fingerprint: str
    result: IdempotentResult | None = None


@dataclass
class Database:
    """What is committed."""

    orders: dict[str, ProductOrder] = field(default_factory=dict)
    cancellations: dict[str, Cancellation] = field(default_factory=dict)
    events: list[OrderEvent] = field(default_factory=list)
    idempotency: dict[IdempotencyKey, _Record] = field(default_factory=dict)
    commits: int = 0


E = TypeVar("E", ProductOrder, Cancellation)


class _Entities(Generic[E]):
    def __init__(self, committed: dict[str, E]) -> None:
        self.staged: dict[str, E] = dict(committed)

    async def add(self, entity: E) -> None:
        self.staged[entity.id] = entity

    async def get(self, entity_id: str) -> E | None:
        return self.staged.get(entity_id)

    async def replace(self, entity: E) -> None:
        self.staged[entity.id] = entity

    async def remove(self, entity_id: str) -> None:
        self.staged.pop(entity_id, None)


class _Outbox:
    def __init__(self) -> None:
        self.staged: list[OrderEvent] = []

    async def append(self, events: Sequence[OrderEvent]) -> None:
        self.staged.extend(events)


class _Idempotency:
    def __init__(self, db: Database) -> None:
        self.db = db
        self.completed: dict[IdempotencyKey, IdempotentResult] = {}

    async def claim(self, key: IdempotencyKey, fingerprint: str) -> Claim:
        record = self.db.idempotency.get(key)
        if record is None:
            self.db.idempotency[key] = _Record(fingerprint)
            return Claim(ClaimStatus.NEW)
        if record.fingerprint != fingerprint:
            return Claim(ClaimStatus.MISMATCH)
        if record.result is None:
            return Claim(ClaimStatus.IN_FLIGHT)
        return Claim(ClaimStatus.DONE, record.result)

    async def complete(self, key: IdempotencyKey, result: IdempotentResult) -> None:
        self.completed[key] = result

    async def release(self, key: IdempotencyKey) -> None:
        record = self.db.idempotency.get(key)
        if record is not None and record.result is None:
            del self.db.idempotency[key]


class UnitOfWork:
    def __init__(self, db: Database) -> None:
        self.db = db
        self._orders = _Entities(db.orders)
        self._cancellations = _Entities(db.cancellations)
        self._outbox = _Outbox()
        self._idempotency = _Idempotency(db)
        # Typed as the ports, as the use cases see them.
        self.orders: OrderStore = self._orders
        self.cancellations: CancellationStore = self._cancellations
        self.outbox: EventOutbox = self._outbox
        self.idempotency: IdempotencyStore = self._idempotency

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
        self.db.orders = dict(self._orders.staged)
        self.db.cancellations = dict(self._cancellations.staged)
        self.db.events.extend(self._outbox.staged)
        for key, result in self._idempotency.completed.items():
            self.db.idempotency[key].result = result
        self.db.commits += 1


class UnitOfWorkFactory:
    def __init__(self, db: Database) -> None:
        self.db = db

    def __call__(self) -> UnitOfWork:
        return UnitOfWork(self.db)


class Catalog:
    """Offerings by id: (orderable, delivered at a place). A configuration whose document is
    listed in `bad_configurations` gets that code."""

    def __init__(
        self,
        offerings: Mapping[str, tuple[bool, bool]],
        bad_configurations: Mapping[str, str] | None = None,
    ) -> None:
        self.offerings = dict(offerings)
        self.bad = dict(bad_configurations or {})
        # Where configuration objections point; empty: the fake names no part.
        self.field = ""
        self.reviewed: list[list[str]] = []

    async def review(
        self, items: Sequence[OrderItem], at: datetime
    ) -> Mapping[str, Sequence[Problem]]:
        self.reviewed.append([i.id for i in items])
        found: dict[str, list[Problem]] = {}
        for item in items:
            if not item.offering_id:
                continue
            known = self.offerings.get(item.offering_id)
            if known is None:
                found.setdefault(item.id, []).append(Problem("OFFERING_NOT_FOUND", "unknown"))
            elif not known[0]:
                found.setdefault(item.id, []).append(Problem("OFFERING_NOT_ORDERABLE", "retired"))
            if item.configuration and item.configuration.document in self.bad:
                code = self.bad[item.configuration.document]
                found.setdefault(item.id, []).append(
                    Problem(code, "configuration refused", self.field)
                )
        return found

    async def offerings_needing_a_place(
        self, offering_ids: Iterable[str], at: datetime
    ) -> frozenset[str]:
        return frozenset(o for o in offering_ids if self.offerings.get(o, (False, False))[1])


class _Checker:
    """Stored checks by id; inline verdicts by `key` of the item (default qualified)."""

    def __init__(self, *checks: StoredCheck, refused: Iterable[str] = ()) -> None:
        self.checks = {c.check_id: c for c in checks}
        self.refused = set(refused)
        self.judged: list[list[str]] = []

    async def stored(self, check_id: str) -> StoredCheck | None:
        return self.checks.get(check_id)

    def _answers(self, items: Sequence[OrderItem], key: str) -> dict[str, Judgement]:
        self.judged.append([i.id for i in items])
        answers = {}
        for item in items:
            if key == "place":
                place = item.installation_place
                bad = place is not None and place.address_id in self.refused
            else:
                bad = item.offering_id in self.refused
            answers[item.id] = (
                Judgement(verdict=Verdict.UNQUALIFIED, reasons=("refused by the fake",))
                if bad
                else Judgement(verdict=Verdict.QUALIFIED)
            )
        return answers


class Eligibility(_Checker):
    """Inline: offerings listed in `refused` are not eligible."""

    def __init__(self, *checks: StoredCheck, refused: Iterable[str] = ()) -> None:
        super().__init__(*checks, refused=refused)
        self.customers: list[str] = []

    async def judge(
        self, customer_id: str, channel: str, items: Sequence[OrderItem], at: datetime
    ) -> Mapping[str, Judgement]:
        self.customers.append(customer_id)
        return self._answers(items, "offering_id")


class Feasibility(_Checker):
    """Inline: installation addresses listed in `refused` are not feasible."""

    async def judge(self, items: Sequence[OrderItem], at: datetime) -> Mapping[str, Judgement]:
        return self._answers(items, "place")
