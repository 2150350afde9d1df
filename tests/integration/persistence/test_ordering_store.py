"""The ordering tables on each backend: idempotency claims (new, in flight, reused, done,
released, expired, taken over when abandoned), orders and cancellations through the unit of
work, and the outbox read back in sequence order after a cursor."""

from __future__ import annotations

import asyncio
import dataclasses
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from domain.ordering.cancellation import Cancellation, CancellationState
from domain.ordering.errors import OrderChangedConcurrently
from domain.ordering.events import OrderEvent, OrderEventType
from domain.ordering.idempotency import ClaimStatus, IdempotencyKey
from domain.ordering.model import (
    ExternalId,
    OrderContent,
    OrderItem,
    OrderState,
    PartyRef,
    ProductOrder,
)
from domain.ordering.ports import UnitOfWorkFactory
from servers.ordering.search import ORDERING_SEARCH
from servers.persistence.database import create_session_factory
from servers.persistence.ordering_idempotency import IN_FLIGHT_LEASE, PURGE_INTERVAL
from servers.persistence.ordering_queries import OrderFilter, OrderingQueries
from servers.persistence.ordering_rows import IdempotencyRow
from servers.persistence.ordering_unit_of_work import ordering_uow_factory

RETENTION = timedelta(hours=24)
KEY = IdempotencyKey("shop", "r-1")
START = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.current = START

    def now(self) -> datetime:
        return self.current


@pytest.fixture
def sessions(db_engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return create_session_factory(db_engine)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def uow(sessions: async_sessionmaker[AsyncSession], clock: Clock) -> UnitOfWorkFactory:
    return ordering_uow_factory(sessions, clock.now, RETENTION, ORDERING_SEARCH)


def an_order(order_id: str = "o-1", state: OrderState = OrderState.ACKNOWLEDGED) -> ProductOrder:
    content = OrderContent(
        parties=(PartyRef("cust-1", "customer"),),
        channel="web",
        external_ids=(ExternalId("x-1"),),
        items=(OrderItem(id="1", offering_id="off"),),
    )
    return ProductOrder(
        id=order_id, content=content, state=state, create_time=START, update_time=START
    )


def an_event(event_id: str, order: ProductOrder) -> OrderEvent:
    return OrderEvent(
        id=event_id, type=OrderEventType.ORDER_CREATED, time=START, correlation_id="c", order=order
    )


async def test_claim_is_visible_at_once_and_done_after_commit(uow: UnitOfWorkFactory) -> None:
    async with uow() as first:
        assert (await first.idempotency.claim(KEY, "fp")).status is ClaimStatus.NEW
        async with uow() as second:
            assert (await second.idempotency.claim(KEY, "fp")).status is ClaimStatus.IN_FLIGHT
            assert (await second.idempotency.claim(KEY, "other")).status is ClaimStatus.MISMATCH
        order = an_order()
        await first.orders.add(order)
        await first.idempotency.complete(KEY, order)
        await first.commit()
    async with uow() as third:
        claim = await third.idempotency.claim(KEY, "fp")
    assert (claim.status, claim.result) == (ClaimStatus.DONE, order)


async def test_released_claim_can_be_claimed_again(uow: UnitOfWorkFactory) -> None:
    async with uow() as first:
        await first.idempotency.claim(KEY, "fp")
        await first.idempotency.release(KEY)
    async with uow() as second:
        assert (await second.idempotency.claim(KEY, "fp")).status is ClaimStatus.NEW


async def test_expired_and_abandoned_claims_are_taken_over(
    uow: UnitOfWorkFactory, clock: Clock
) -> None:
    async with uow() as first:
        await first.idempotency.claim(KEY, "fp")
    clock.current += IN_FLIGHT_LEASE
    async with uow() as second:
        assert (await second.idempotency.claim(KEY, "fp")).status is ClaimStatus.NEW
        await second.idempotency.complete(KEY, an_order())
        await second.commit()
    clock.current += RETENTION
    async with uow() as third:
        assert (await third.idempotency.claim(KEY, "other")).status is ClaimStatus.NEW


async def test_expired_records_are_deleted_once_per_interval(
    uow: UnitOfWorkFactory, clock: Clock, sessions: async_sessionmaker[AsyncSession]
) -> None:
    async def done(request_id: str) -> None:
        key = IdempotencyKey("shop", request_id)
        async with uow() as unit:
            assert (await unit.idempotency.claim(key, "fp")).status is ClaimStatus.NEW
            await unit.idempotency.complete(key, an_order(f"o-{request_id}"))
            await unit.commit()

    async def kept() -> list[str]:
        async with sessions() as session:
            found = await session.scalars(
                select(IdempotencyRow.request_id).order_by(IdempotencyRow.request_id)
            )
            return list(found)

    await done("a")  # the first claim of the process purges (nothing yet)
    clock.current += PURGE_INTERVAL / 2
    await done("b")
    clock.current = START + RETENTION + PURGE_INTERVAL / 4  # "a" has expired, a purge is due
    await done("c")
    assert await kept() == ["b", "c"]
    clock.current += PURGE_INTERVAL / 2  # "b" has expired, the next purge is not due yet
    await done("d")
    assert await kept() == ["b", "c", "d"]
    clock.current += PURGE_INTERVAL / 2
    await done("e")
    assert await kept() == ["c", "d", "e"]


async def test_simultaneous_claims_have_one_winner(uow: UnitOfWorkFactory) -> None:
    async def claim() -> ClaimStatus:
        async with uow() as unit:
            return (await unit.idempotency.claim(KEY, "fp")).status

    statuses = await asyncio.gather(*(claim() for _ in range(20)))
    assert statuses.count(ClaimStatus.NEW) == 1
    assert set(statuses) == {ClaimStatus.NEW, ClaimStatus.IN_FLIGHT}


async def test_orders_and_cancellations_round_trip_and_filter(
    uow: UnitOfWorkFactory, sessions: async_sessionmaker[AsyncSession]
) -> None:
    order = an_order()
    task = Cancellation(
        id="k-1", order_id=order.id, state=CancellationState.ACKNOWLEDGED, create_time=START
    )
    async with uow() as unit:
        await unit.orders.add(order)
        await unit.orders.add(an_order("o-2", OrderState.DRAFT))
        await unit.cancellations.add(task)
        await unit.commit()
    async with uow() as unit:
        assert await unit.orders.get(order.id) == order
        assert await unit.cancellations.get(task.id) == task
        await unit.orders.remove("o-2")
        await unit.commit()
    queries = OrderingQueries(sessions)
    found = await queries.orders(
        OrderFilter(external_ids=("x-1",), states=("acknowledged",)), 10, 0
    )
    assert ([o.id for o in found.items], found.total) == (["o-1"], 1)
    none = await queries.orders(OrderFilter(customer_ids=("someone else",)), 10, 0)
    assert none.total == 0
    tasks = await queries.cancellations(order.id, ["acknowledged"], 10, 0)
    assert [t.id for t in tasks.items] == ["k-1"]


async def test_outbox_is_read_in_sequence_after_a_cursor(
    uow: UnitOfWorkFactory, sessions: async_sessionmaker[AsyncSession]
) -> None:
    order = an_order()
    async with uow() as unit:
        await unit.outbox.append([an_event("e-1", order), an_event("e-2", order)])
        await unit.commit()
    async with uow() as unit:
        await unit.outbox.append([an_event("e-3", order)])
        # Not committed: never seen.
    queries = OrderingQueries(sessions)
    everything = await queries.events_after(0, frozenset(), 10)
    assert [e.event.id for e in everything] == ["e-1", "e-2"]
    assert everything[0].event == an_event("e-1", order)
    after = await queries.events_after(everything[0].sequence, frozenset(), 10)
    assert [e.event.id for e in after] == ["e-2"]


async def test_of_two_concurrent_changes_to_an_order_the_later_is_refused(
    uow: UnitOfWorkFactory,
) -> None:
    async with uow() as setup:
        await setup.orders.add(an_order())
        await setup.commit()
    later = START + timedelta(minutes=1)
    async with uow() as taking_over, uow() as cancelling:
        read_by_taking_over = await taking_over.orders.get("o-1")
        read_by_cancelling = await cancelling.orders.get("o-1")
        assert read_by_taking_over is not None
        assert read_by_cancelling is not None
        await cancelling.orders.replace(
            dataclasses.replace(read_by_cancelling, state=OrderState.CANCELLED, update_time=later)
        )
        await cancelling.commit()
        with pytest.raises(OrderChangedConcurrently) as refused:
            await taking_over.orders.replace(
                dataclasses.replace(
                    read_by_taking_over, state=OrderState.IN_PROGRESS, update_time=later
                )
            )
        assert refused.value.reason == "ORDER_CHANGED_CONCURRENTLY"
    async with uow() as reading:
        kept = await reading.orders.get("o-1")
    assert kept is not None
    assert kept.state is OrderState.CANCELLED
