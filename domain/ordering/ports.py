"""What the ordering use cases need from outside, as Protocols. Other contexts (catalog,
eligibility, feasibility) are reached only through the readers here; adapters in servers/
implement them over the other contexts' own use cases."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from types import TracebackType
from typing import Protocol, Self

from domain.ordering.cancellation import Cancellation
from domain.ordering.events import OrderEvent
from domain.ordering.idempotency import Claim, IdempotencyKey, IdempotentResult
from domain.ordering.model import OrderItem, ProductOrder


@dataclass(frozen=True, slots=True)
class Problem:
    """An objection of another context to one item: its stable code, a message and, when it
    is about part of the item, where (for example "configuration.characteristics[speed]")."""

    code: str
    message: str
    field: str = ""


class Verdict(enum.Enum):
    QUALIFIED = "qualified"
    UNQUALIFIED = "unqualified"
    ALTERNATE = "alternate"


@dataclass(frozen=True, slots=True, kw_only=True)
class Judgement:
    """The answer for one item asked inline."""

    verdict: Verdict
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class AnsweredItem:
    item_id: str
    verdict: Verdict
    offering_id: str = ""
    place_id: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class StoredCheck:
    """A stored eligibility or feasibility check, as an order may rely on it."""

    check_id: str
    party_id: str = ""
    expire_time: datetime | None = None
    # False while the check is still being judged (or ended in error).
    done: bool = True
    items: tuple[AnsweredItem, ...] = ()

    def item(self, item_id: str) -> AnsweredItem | None:
        return next((i for i in self.items if i.item_id == item_id), None)

    def is_expired(self, at: datetime) -> bool:
        return self.expire_time is not None and at >= self.expire_time


class CatalogReader(Protocol):
    async def review(
        self, items: Sequence[OrderItem], at: datetime
    ) -> Mapping[str, Sequence[Problem]]:
        """Per item id, the catalog's objections: offering unknown (OFFERING_NOT_FOUND) or not
        orderable at `at` (OFFERING_NOT_ORDERABLE), configuration not valid (the catalog's
        configuration codes). Items without objections may be absent."""
        ...

    async def offerings_needing_a_place(
        self, offering_ids: Iterable[str], at: datetime
    ) -> frozenset[str]:
        """Those of the offerings whose specification is a network service delivered at a
        place, so that an order needs its installation place and technical feasibility."""
        ...


class EligibilityChecker(Protocol):
    async def stored(self, check_id: str) -> StoredCheck | None: ...

    async def judge(
        self, customer_id: str, channel: str, items: Sequence[OrderItem], at: datetime
    ) -> Mapping[str, Judgement]:
        """Judges the items now without storing a check; one judgement per item id."""
        ...


class FeasibilityChecker(Protocol):
    async def stored(self, check_id: str) -> StoredCheck | None: ...

    async def judge(self, items: Sequence[OrderItem], at: datetime) -> Mapping[str, Judgement]:
        """Judges each item at its installation place now; one judgement per item id."""
        ...


class OrderStore(Protocol):
    """Orders of the unit of work; changes take effect on commit."""

    async def add(self, order: ProductOrder) -> None: ...

    async def get(self, order_id: str) -> ProductOrder | None: ...

    async def replace(self, order: ProductOrder) -> None: ...

    async def remove(self, order_id: str) -> None: ...


class CancellationStore(Protocol):
    async def add(self, cancellation: Cancellation) -> None: ...

    async def get(self, cancellation_id: str) -> Cancellation | None: ...

    async def replace(self, cancellation: Cancellation) -> None: ...


class EventOutbox(Protocol):
    async def append(self, events: Sequence[OrderEvent]) -> None:
        """Written with the change; the outbox numbers them in order of commit."""
        ...


class IdempotencyStore(Protocol):
    """Semantics in idempotency.py. `claim` may be made visible to concurrent requests before
    the unit of work commits (so they see IN_FLIGHT); `complete` belongs to the unit of work
    of the change; `release` forgets a claim whose request failed."""

    async def claim(self, key: IdempotencyKey, fingerprint: str) -> Claim: ...

    async def complete(self, key: IdempotencyKey, result: IdempotentResult) -> None: ...

    async def release(self, key: IdempotencyKey) -> None: ...


class OrderingUnitOfWork(Protocol):
    """One transaction: the order, its cancellations, its events and the idempotency record
    are stored together or not at all. Leaving without commit rolls back."""

    orders: OrderStore
    cancellations: CancellationStore
    outbox: EventOutbox
    idempotency: IdempotencyStore

    async def __aenter__(self) -> Self: ...

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    async def commit(self) -> None: ...


class UnitOfWorkFactory(Protocol):
    def __call__(self) -> OrderingUnitOfWork: ...


class Clock(Protocol):
    def now(self) -> datetime: ...


class IdGenerator(Protocol):
    def new_id(self) -> str: ...
