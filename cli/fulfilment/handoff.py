"""A step as one OrderHandoffService call, sent with the simulator's client id and the step's
own correlation id (the server logs and stores it; the simulator logs it too)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cli.fulfilment.steps import Step, StepKind
from ordercapture.ordering.v1 import handoff_service_pb2 as hs
from ordercapture.ordering.v1 import order_pb2

if TYPE_CHECKING:
    from ordercapture.ordering.v1.handoff_service_pb2_grpc import OrderHandoffServiceAsyncStub

CLIENT_ID_KEY = "x-client-id"
CORRELATION_ID_KEY = "x-correlation-id"
DEFAULT_CLIENT_ID = "fulfilment-simulator"
CALL_TIMEOUT = 10.0  # seconds; a step that times out is retried
FAILURE_REASON = "simulated failure"
REJECTION_REASON = "simulated: too late to cancel"

OS = order_pb2
# The order state each advancing step asks for, and the state its items go to.
_ADVANCES: dict[
    StepKind, tuple[order_pb2.OrderState.ValueType, order_pb2.ItemState.ValueType, str]
] = {
    StepKind.START: (OS.ORDER_STATE_IN_PROGRESS, OS.ITEM_STATE_IN_PROGRESS, "taken over"),
    StepKind.COMPLETE: (OS.ORDER_STATE_COMPLETED, OS.ITEM_STATE_COMPLETED, "delivered"),
    # Failing carries the open items along; none is named.
    StepKind.FAIL: (OS.ORDER_STATE_FAILED, OS.ITEM_STATE_FAILED, FAILURE_REASON),
    StepKind.FINISH_CANCELLATION: (OS.ORDER_STATE_CANCELLED, OS.ITEM_STATE_CANCELLED, ""),
}


def metadata(client_id: str, correlation_id: str) -> tuple[tuple[str, str], ...]:
    return ((CLIENT_ID_KEY, client_id), (CORRELATION_ID_KEY, correlation_id))


async def perform(
    handoff: OrderHandoffServiceAsyncStub, step: Step, client_id: str, correlation_id: str
) -> None:
    """Raises grpc.aio.AioRpcError when the server refuses the step or cannot be reached."""
    sent = metadata(client_id, correlation_id)
    if step.kind in (StepKind.ACCEPT_CANCELLATION, StepKind.REJECT_CANCELLATION):
        accept = step.kind is StepKind.ACCEPT_CANCELLATION
        decision = hs.DecideCancellationRequest(
            cancellation_id=step.cancellation_id,
            accept=accept,
            reason="" if accept else REJECTION_REASON,
        )
        await handoff.DecideCancellation(decision, metadata=sent, timeout=CALL_TIMEOUT)
        return
    state, item_state, reason = _ADVANCES[step.kind]
    request = hs.AdvanceOrderRequest(
        order_id=step.order_id,
        state=state,
        items=[hs.ItemStateChange(item_id=i, state=item_state) for i in step.item_ids],
        reason=reason,
    )
    await handoff.AdvanceOrder(request, metadata=sent, timeout=CALL_TIMEOUT)
