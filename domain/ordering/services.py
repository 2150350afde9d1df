"""Ordering use cases: open a unit of work, load, act, commit; the change, its events and the
idempotency record are stored together. OrderCapture serves channels; OrderHandoff serves
order management (internal callers only)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TypeVar

from domain.ordering import cancellation as cancelling
from domain.ordering.cancellation import Cancellation
from domain.ordering.changes import apply_changes, require_deletable
from domain.ordering.errors import (
    CancellationNotFound,
    IdempotencyKeyReused,
    IdempotencyRequestInFlight,
    OrderNotFound,
)
from domain.ordering.events import (
    EventContext,
    OrderEvent,
    OrderEventType,
    cancellation_event,
    order_event,
    state_changed,
)
from domain.ordering.idempotency import ClaimStatus, IdempotencyKey, fingerprint
from domain.ordering.model import Note, OrderContent, OrderState, ProductOrder
from domain.ordering.ports import Clock, IdGenerator, OrderingUnitOfWork, UnitOfWorkFactory
from domain.ordering.progress import Advance, acknowledge, advance
from domain.ordering.validation import OrderValidator, require_valid_draft

R = TypeVar("R", ProductOrder, Cancellation)
ORDER_MANAGEMENT = "order management"


@dataclass(frozen=True, slots=True, kw_only=True)
class RequestContext:
    """Who asks: the correlation id goes on the order and every event; client id and request
    id (empty: none) make a create or a cancellation idempotent."""

    correlation_id: str
    client_id: str = ""
    request_id: str = ""

    @property
    def key(self) -> IdempotencyKey | None:
        return IdempotencyKey(self.client_id, self.request_id) if self.request_id else None


class _Base:
    def __init__(self, uow: UnitOfWorkFactory, clock: Clock, ids: IdGenerator) -> None:
        self._uow = uow
        self._clock = clock
        self._ids = ids

    async def _order(self, uow: OrderingUnitOfWork, order_id: str) -> ProductOrder:
        order = await uow.orders.get(order_id)
        if order is None:
            raise OrderNotFound(order_id)
        return order

    async def _cancellation(self, uow: OrderingUnitOfWork, cancellation_id: str) -> Cancellation:
        task = await uow.cancellations.get(cancellation_id)
        if task is None:
            raise CancellationNotFound(cancellation_id)
        return task

    def _event(
        self, kind: OrderEventType, order: ProductOrder, context: RequestContext, at: datetime
    ) -> OrderEvent:
        return order_event(
            self._ids.new_id(), kind, order, EventContext(context.correlation_id, at)
        )

    def _step_events(
        self,
        before: ProductOrder,
        step: cancelling.CancellationStep,
        created: bool,
        context: RequestContext,
        at: datetime,
    ) -> list[OrderEvent]:
        kind = (
            OrderEventType.CANCELLATION_CREATED
            if created
            else OrderEventType.CANCELLATION_STATE_CHANGED
        )
        events = [
            cancellation_event(
                self._ids.new_id(),
                kind,
                step.order,
                step.cancellation,
                EventContext(context.correlation_id, at),
            )
        ]
        if state_changed(before, step.order):
            events.append(self._event(OrderEventType.ORDER_STATE_CHANGED, step.order, context, at))
        return events


class OrderCapture(_Base):
    def __init__(
        self,
        uow: UnitOfWorkFactory,
        clock: Clock,
        ids: IdGenerator,
        validator: OrderValidator,
    ) -> None:
        super().__init__(uow, clock, ids)
        self._validator = validator

    async def create(
        self, content: OrderContent, *, draft: bool, context: RequestContext
    ) -> ProductOrder:
        """A draft (structural checks only) or an acknowledged order (full validation)."""

        async def work(uow: OrderingUnitOfWork) -> ProductOrder:
            now = self._clock.now()
            order = ProductOrder(
                id=self._ids.new_id(),
                content=_stamped(content, now),
                state=OrderState.DRAFT,
                create_time=now,
                update_time=now,
                correlation_id=context.correlation_id,
            )
            if draft:
                require_valid_draft(order.content)
            else:
                await self._validator.require_submittable(order.content, now)
                order = acknowledge(order, now)
            await uow.orders.add(order)
            if not draft:
                event = self._event(OrderEventType.ORDER_CREATED, order, context, now)
                await uow.outbox.append([event])
            return order

        asked = fingerprint("create", draft, content)
        return await _once(self._uow, context, asked, ProductOrder, work)

    async def get(self, order_id: str) -> ProductOrder:
        async with self._uow() as uow:
            return await self._order(uow, order_id)

    async def submit(self, order_id: str, context: RequestContext) -> ProductOrder:
        """A draft through the full validation, to acknowledged."""
        async with self._uow() as uow:
            now = self._clock.now()
            draft = await self._order(uow, order_id)
            if draft.state is OrderState.DRAFT:
                await self._validator.require_submittable(draft.content, now)
            order = acknowledge(draft, now)
            await uow.orders.replace(order)
            await uow.outbox.append(
                [self._event(OrderEventType.ORDER_CREATED, order, context, now)]
            )
            await uow.commit()
            return order

    async def update(
        self,
        order_id: str,
        fields: frozenset[str],
        values: OrderContent,
        context: RequestContext,
    ) -> ProductOrder:
        """`fields` names the OrderContent attributes to change (empty: all that may)."""
        async with self._uow() as uow:
            now = self._clock.now()
            before = await self._order(uow, order_id)
            order = apply_changes(before, fields, values, now)
            if order.state is OrderState.DRAFT:
                require_valid_draft(order.content)
            await uow.orders.replace(order)
            if order.state is not OrderState.DRAFT:
                kind = OrderEventType.ORDER_ATTRIBUTES_CHANGED
                await uow.outbox.append([self._event(kind, order, context, now)])
            await uow.commit()
            return order

    async def delete(self, order_id: str, context: RequestContext) -> None:
        async with self._uow() as uow:
            order = await self._order(uow, order_id)
            require_deletable(order)
            await uow.orders.remove(order_id)
            if order.state is not OrderState.DRAFT:
                kind = OrderEventType.ORDER_DELETED
                await uow.outbox.append([self._event(kind, order, context, self._clock.now())])
            await uow.commit()

    async def request_cancellation(
        self,
        order_id: str,
        *,
        reason: str,
        requested_time: datetime | None,
        context: RequestContext,
        extension: str = "{}",
    ) -> Cancellation:
        async def work(uow: OrderingUnitOfWork) -> Cancellation:
            now = self._clock.now()
            order = await self._order(uow, order_id)
            step = cancelling.request(
                order,
                cancellation_id=self._ids.new_id(),
                reason=reason,
                requested_time=requested_time,
                at=now,
                extension=extension,
            )
            await uow.orders.replace(step.order)
            await uow.cancellations.add(step.cancellation)
            await uow.outbox.append(self._step_events(order, step, True, context, now))
            return step.cancellation

        kept = () if extension == "{}" else (extension,)  # earlier keys digest as before
        asked = fingerprint("cancel", order_id, reason, requested_time, *kept)
        return await _once(self._uow, context, asked, Cancellation, work)

    async def get_cancellation(self, cancellation_id: str) -> Cancellation:
        async with self._uow() as uow:
            return await self._cancellation(uow, cancellation_id)


class OrderHandoff(_Base):
    async def advance(
        self, order_id: str, request: Advance, reason: str, context: RequestContext
    ) -> ProductOrder:
        """Moves the order and/or its items; a reason is kept as a note. Finishing a pending
        cancellation (-> cancelled) also finishes its cancellation task."""
        async with self._uow() as uow:
            now = self._clock.now()
            before = await self._order(uow, order_id)
            events: list[OrderEvent] = []
            if before.state is OrderState.PENDING_CANCELLATION and _only_cancels(request):
                task = await self._cancellation(uow, before.cancellation_id)
                step = cancelling.carry_out(before, task, now)
                await uow.cancellations.replace(step.cancellation)
                events = self._step_events(before, step, False, context, now)
                order = step.order
            else:
                order = advance(before, request, now)
                if order == before and not reason:
                    return order  # nothing asked: nothing stored, no event
                kind = (
                    OrderEventType.ORDER_STATE_CHANGED
                    if state_changed(before, order)
                    else OrderEventType.ORDER_ATTRIBUTES_CHANGED
                )
                events = [self._event(kind, order, context, now)]
            if reason:
                order = _noted(order, reason, self._ids.new_id(), now)
                events = [replace(e, order=order) for e in events]
            await uow.orders.replace(order)
            await uow.outbox.append(events)
            await uow.commit()
            return order

    async def decide_cancellation(
        self, cancellation_id: str, *, accept: bool, reason: str, context: RequestContext
    ) -> Cancellation:
        async with self._uow() as uow:
            now = self._clock.now()
            task = await self._cancellation(uow, cancellation_id)
            before = await self._order(uow, task.order_id)
            if accept:
                step = cancelling.accept(before, task, now)
            else:
                step = cancelling.reject(before, task, reason, now)
            await uow.orders.replace(step.order)
            await uow.cancellations.replace(step.cancellation)
            await uow.outbox.append(self._step_events(before, step, False, context, now))
            await uow.commit()
            return step.cancellation


async def _once(
    uow_factory: UnitOfWorkFactory,
    context: RequestContext,
    asked: str,
    kind: type[R],
    work: Callable[[OrderingUnitOfWork], Awaitable[R]],
) -> R:
    """Runs `work` at most once per idempotency key (idempotency.py has the semantics)."""
    key = context.key
    async with uow_factory() as uow:
        if key is None:
            result = await work(uow)
            await uow.commit()
            return result
        claim = await uow.idempotency.claim(key, asked)
        if claim.status is ClaimStatus.DONE and isinstance(claim.result, kind):
            return claim.result
        if claim.status is ClaimStatus.IN_FLIGHT:
            raise IdempotencyRequestInFlight(key.request_id)
        if claim.status is not ClaimStatus.NEW:
            raise IdempotencyKeyReused(key.request_id)
        try:
            result = await work(uow)
            await uow.idempotency.complete(key, result)
            await uow.commit()
        except BaseException:
            await uow.idempotency.release(key)
            raise
        return result


def _only_cancels(request: Advance) -> bool:
    return request.state is OrderState.CANCELLED and not request.items


def _stamped(content: OrderContent, at: datetime) -> OrderContent:
    notes = tuple(n if n.create_time else replace(n, create_time=at) for n in content.notes)
    return replace(content, notes=notes)


def _noted(order: ProductOrder, text: str, note_id: str, at: datetime) -> ProductOrder:
    note = Note(id=note_id, text=text, author=ORDER_MANAGEMENT, create_time=at)
    notes: Sequence[Note] = (*order.content.notes, note)
    return replace(order, content=replace(order.content, notes=tuple(notes)), update_time=at)
