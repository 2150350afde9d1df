"""TMF622 spellings <-> ordering enums: explicit tables, one per enum (a unit test checks that
every proto value but UNSPECIFIED is covered)."""

from __future__ import annotations

from collections.abc import Mapping

from ordercapture.ordering.v1 import cancellation_pb2, order_pb2

OS = order_pb2.OrderState
IS = order_pb2.ItemState
IA = order_pb2.ItemAction
CS = cancellation_pb2.CancellationState

# ProductOrderStateType <-> OrderState. `inProgress.accepted` is never used.
ORDER_STATES: Mapping[str, order_pb2.OrderState.ValueType] = {
    "draft": OS.ORDER_STATE_DRAFT,
    "acknowledged": OS.ORDER_STATE_ACKNOWLEDGED,
    "rejected": OS.ORDER_STATE_REJECTED,
    "pending": OS.ORDER_STATE_PENDING,
    "held": OS.ORDER_STATE_HELD,
    "inProgress": OS.ORDER_STATE_IN_PROGRESS,
    "completed": OS.ORDER_STATE_COMPLETED,
    "failed": OS.ORDER_STATE_FAILED,
    "partial": OS.ORDER_STATE_PARTIAL,
    "cancelled": OS.ORDER_STATE_CANCELLED,
    "assessingCancellation": OS.ORDER_STATE_ASSESSING_CANCELLATION,
    "pendingCancellation": OS.ORDER_STATE_PENDING_CANCELLATION,
}
ORDER_STATE_NAMES = {state: name for name, state in ORDER_STATES.items()}

# ProductOrderItemStateType <-> ItemState (an item of a draft has none).
ITEM_STATES: Mapping[str, order_pb2.ItemState.ValueType] = {
    "acknowledged": IS.ITEM_STATE_ACKNOWLEDGED,
    "rejected": IS.ITEM_STATE_REJECTED,
    "pending": IS.ITEM_STATE_PENDING,
    "held": IS.ITEM_STATE_HELD,
    "inProgress": IS.ITEM_STATE_IN_PROGRESS,
    "completed": IS.ITEM_STATE_COMPLETED,
    "failed": IS.ITEM_STATE_FAILED,
    "partial": IS.ITEM_STATE_PARTIAL,
    "cancelled": IS.ITEM_STATE_CANCELLED,
    "assessingCancellation": IS.ITEM_STATE_ASSESSING_CANCELLATION,
    "pendingCancellation": IS.ITEM_STATE_PENDING_CANCELLATION,
}
ITEM_STATE_NAMES = {state: name for name, state in ITEM_STATES.items()}

# ItemActionType <-> ItemAction.
ITEM_ACTIONS: Mapping[str, order_pb2.ItemAction.ValueType] = {
    "add": IA.ITEM_ACTION_ADD,
    "modify": IA.ITEM_ACTION_MODIFY,
    "delete": IA.ITEM_ACTION_DELETE,
    "noChange": IA.ITEM_ACTION_NO_CHANGE,
}
ITEM_ACTION_NAMES = {action: name for name, action in ITEM_ACTIONS.items()}

# TaskStateType <-> CancellationState. TMF's `cancelled` never happens here.
CANCELLATION_STATES: Mapping[str, cancellation_pb2.CancellationState.ValueType] = {
    "acknowledged": CS.CANCELLATION_STATE_ACKNOWLEDGED,
    "rejected": CS.CANCELLATION_STATE_REJECTED,
    "inProgress": CS.CANCELLATION_STATE_IN_PROGRESS,
    "done": CS.CANCELLATION_STATE_DONE,
    "terminatedWithError": CS.CANCELLATION_STATE_TERMINATED_WITH_ERROR,
}
CANCELLATION_STATE_NAMES = {state: name for name, state in CANCELLATION_STATES.items()}

# requestedInitialState: InitialProductOrderStateType.
INITIAL_STATES = ("acknowledged", "draft")
