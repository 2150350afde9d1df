"""The lifecycle over gRPC: order management advances orders (and is refused a transition
the state machine forbids), cancellations are immediate before take-over and assessed after
it, and the event stream replays in order and resumes after a cursor."""

from __future__ import annotations

from collections.abc import AsyncIterable, Mapping

import grpc

from ordercapture.ordering.v1 import events_pb2, order_pb2
from ordercapture.ordering.v1 import handoff_service_pb2 as hs
from ordercapture.ordering.v1 import ordering_service_pb2 as pb
from ordercapture.ordering.v1.cancellation_pb2 import (
    CANCELLATION_STATE_DONE,
    CANCELLATION_STATE_IN_PROGRESS,
    CANCELLATION_STATE_REJECTED,
)
from tests.integration.grpc.ordering_fixtures import (
    Ordering,
    acknowledged,
    ordering_fixture,  # noqa: F401 - the fixture named "ordering"
    refused,
)

OS = order_pb2


async def advance(
    ordering: Ordering,
    order_id: str,
    state: int,
    reason: str = "",
    items: Mapping[str, int] | None = None,
) -> order_pb2.ProductOrder:
    request = hs.AdvanceOrderRequest(
        order_id=order_id,
        state=state,  # type: ignore[arg-type]
        reason=reason,
        items=[hs.ItemStateChange(item_id=i, state=s) for i, s in (items or {}).items()],  # type: ignore[arg-type]
    )
    return (await ordering.handoff.AdvanceOrder(request)).order


async def test_order_management_moves_an_order_to_completed(ordering: Ordering) -> None:
    created = await acknowledged(ordering)
    started = {"1": OS.ITEM_STATE_IN_PROGRESS}
    working = await advance(ordering, created.id, OS.ORDER_STATE_IN_PROGRESS, "taken over", started)
    assert working.state == OS.ORDER_STATE_IN_PROGRESS
    assert [i.state for i in working.items] == [OS.ITEM_STATE_IN_PROGRESS]
    assert working.notes[-1].text == "taken over"
    items = {"1": OS.ITEM_STATE_COMPLETED}
    done = await advance(ordering, created.id, OS.ORDER_STATE_COMPLETED, items=items)
    assert done.state == OS.ORDER_STATE_COMPLETED
    assert [i.state for i in done.items] == [OS.ITEM_STATE_COMPLETED]


async def test_a_forbidden_transition_is_aborted(ordering: Ordering) -> None:
    created = await acknowledged(ordering)
    found = await refused(
        ordering.handoff.AdvanceOrder(
            hs.AdvanceOrderRequest(order_id=created.id, state=OS.ORDER_STATE_DRAFT)
        )
    )
    assert (found.code, found.reason) == (grpc.StatusCode.ABORTED, "ORDER_TRANSITION_NOT_ALLOWED")
    unchanged = await ordering.orders.GetOrder(pb.GetOrderRequest(id=created.id))
    assert unchanged.order.state == OS.ORDER_STATE_ACKNOWLEDGED


async def test_acknowledged_order_is_cancelled_at_once(ordering: Ordering) -> None:
    created = await acknowledged(ordering)
    task = (
        await ordering.orders.RequestCancellation(
            pb.RequestCancellationRequest(order_id=created.id, reason="changed my mind")
        )
    ).cancellation
    assert task.state == CANCELLATION_STATE_DONE
    cancelled = (await ordering.orders.GetOrder(pb.GetOrderRequest(id=created.id))).order
    assert (cancelled.state, cancelled.cancellation_reason) == (
        OS.ORDER_STATE_CANCELLED,
        "changed my mind",
    )
    again = await refused(
        ordering.orders.RequestCancellation(pb.RequestCancellationRequest(order_id=created.id))
    )
    assert (again.code, again.reason) == (grpc.StatusCode.ABORTED, "ORDER_NOT_CANCELLABLE")


async def test_cancellation_in_progress_is_assessed_then_accepted(ordering: Ordering) -> None:
    created = await acknowledged(ordering)
    await advance(ordering, created.id, OS.ORDER_STATE_IN_PROGRESS)
    task = (
        await ordering.orders.RequestCancellation(
            pb.RequestCancellationRequest(order_id=created.id)
        )
    ).cancellation
    assessing = (await ordering.orders.GetOrder(pb.GetOrderRequest(id=created.id))).order
    assert assessing.state == OS.ORDER_STATE_ASSESSING_CANCELLATION
    accepted = (
        await ordering.handoff.DecideCancellation(
            hs.DecideCancellationRequest(cancellation_id=task.id, accept=True)
        )
    ).cancellation
    assert accepted.state == CANCELLATION_STATE_IN_PROGRESS
    cancelled = await advance(ordering, created.id, OS.ORDER_STATE_CANCELLED)
    assert cancelled.state == OS.ORDER_STATE_CANCELLED
    finished = await ordering.orders.GetCancellation(pb.GetCancellationRequest(id=task.id))
    assert finished.cancellation.state == CANCELLATION_STATE_DONE
    listed = await ordering.orders.ListCancellations(
        pb.ListCancellationsRequest(order_id=created.id)
    )
    assert [c.id for c in listed.cancellations] == [task.id]


async def test_rejected_cancellation_returns_the_order(ordering: Ordering) -> None:
    created = await acknowledged(ordering)
    await advance(ordering, created.id, OS.ORDER_STATE_IN_PROGRESS)
    task = (
        await ordering.orders.RequestCancellation(
            pb.RequestCancellationRequest(order_id=created.id)
        )
    ).cancellation
    rejected = (
        await ordering.handoff.DecideCancellation(
            hs.DecideCancellationRequest(cancellation_id=task.id, reason="already shipped")
        )
    ).cancellation
    assert (rejected.state, rejected.rejection_reason) == (
        CANCELLATION_STATE_REJECTED,
        "already shipped",
    )
    back = (await ordering.orders.GetOrder(pb.GetOrderRequest(id=created.id))).order
    assert back.state == OS.ORDER_STATE_IN_PROGRESS
    twice = await refused(
        ordering.handoff.DecideCancellation(
            hs.DecideCancellationRequest(cancellation_id=task.id, accept=True)
        )
    )
    assert twice.reason == "CANCELLATION_ALREADY_DECIDED"


async def take(
    stream: AsyncIterable[hs.WatchOrderEventsResponse], count: int
) -> list[events_pb2.OrderEvent]:
    found: list[events_pb2.OrderEvent] = []
    async for response in stream:
        found.append(response.event)
        if len(found) == count:
            break
    return found


async def test_watch_replays_events_in_order_and_resumes_after_a_cursor(
    ordering: Ordering,
) -> None:
    first = await acknowledged(ordering)
    await advance(ordering, first.id, OS.ORDER_STATE_IN_PROGRESS)
    second = await acknowledged(ordering)
    call = ordering.handoff.WatchOrderEvents(hs.WatchOrderEventsRequest())
    replayed = await take(call, 3)
    call.cancel()
    assert [(e.type, e.order.id) for e in replayed] == [
        (events_pb2.ORDER_EVENT_TYPE_ORDER_CREATED, first.id),
        (events_pb2.ORDER_EVENT_TYPE_ORDER_STATE_CHANGED, first.id),
        (events_pb2.ORDER_EVENT_TYPE_ORDER_CREATED, second.id),
    ]
    sequences = [e.sequence for e in replayed]
    assert sequences == sorted(set(sequences))
    assert replayed[0].correlation_id == first.correlation_id

    # Resuming after the second event sees the third, then one that happens while watching.
    resumed = ordering.handoff.WatchOrderEvents(
        hs.WatchOrderEventsRequest(after_sequence=sequences[1])
    )
    third = await take(resumed, 1)
    assert [e.sequence for e in third] == [sequences[2]]
    await advance(ordering, second.id, OS.ORDER_STATE_IN_PROGRESS)
    live = await take(resumed, 1)
    resumed.cancel()
    assert (live[0].type, live[0].order.id) == (
        events_pb2.ORDER_EVENT_TYPE_ORDER_STATE_CHANGED,
        second.id,
    )
    assert live[0].sequence > sequences[2]


async def test_watch_filters_by_event_type(ordering: Ordering) -> None:
    created = await acknowledged(ordering)
    await advance(ordering, created.id, OS.ORDER_STATE_IN_PROGRESS)
    later = await acknowledged(ordering)
    call = ordering.handoff.WatchOrderEvents(
        hs.WatchOrderEventsRequest(types=[events_pb2.ORDER_EVENT_TYPE_ORDER_CREATED])
    )
    created_events = await take(call, 2)
    call.cancel()
    assert [e.order.id for e in created_events] == [created.id, later.id]
