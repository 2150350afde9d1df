"""Ordering errors, one class per meaning; `reason` strings are part of the API contract."""

from __future__ import annotations

from collections.abc import Sequence

from domain.ordering.violations import OrderViolation
from domain.shared.errors import DomainError, ErrorCategory, FieldViolation


class OrderNotFound(DomainError):
    reason = "ORDER_NOT_FOUND"
    category = ErrorCategory.NOT_FOUND

    def __init__(self, order_id: str) -> None:
        super().__init__(f"order {order_id!r} does not exist", metadata={"id": order_id})


class CancellationNotFound(DomainError):
    reason = "CANCELLATION_NOT_FOUND"
    category = ErrorCategory.NOT_FOUND

    def __init__(self, cancellation_id: str) -> None:
        super().__init__(
            f"cancellation request {cancellation_id!r} does not exist",
            metadata={"id": cancellation_id},
        )


class InvalidOrder(DomainError):
    """The order breaks one or more submission rules; every violation is listed, nothing is
    stored. `problems` keeps item id and code apart for callers that want them structured."""

    reason = "INVALID_ORDER"
    category = ErrorCategory.RULE_VIOLATED

    def __init__(self, problems: Sequence[OrderViolation]) -> None:
        self.problems = tuple(problems)
        codes = sorted({p.code for p in self.problems})
        super().__init__(
            f"the order breaks {len(self.problems)} rule(s): {', '.join(codes)}",
            violations=tuple(FieldViolation(p.path, p.description) for p in self.problems),
            metadata={"codes": ",".join(codes)},
        )


class _StateConflict(DomainError):
    category = ErrorCategory.CONFLICT

    def __init__(self, message: str, *, order_id: str, state: str, **more: str) -> None:
        super().__init__(message, metadata={"id": order_id, "state": state, **more})


class OrderTransitionNotAllowed(_StateConflict):
    reason = "ORDER_TRANSITION_NOT_ALLOWED"


class ItemTransitionNotAllowed(_StateConflict):
    reason = "ITEM_TRANSITION_NOT_ALLOWED"


class ItemStatesInconsistent(_StateConflict):
    """The order's requested state contradicts its items (completed with an item failed)."""

    reason = "ITEM_STATES_INCONSISTENT"


class OrderNotCancellable(_StateConflict):
    reason = "ORDER_NOT_CANCELLABLE"


class CancellationAlreadyDecided(DomainError):
    reason = "CANCELLATION_ALREADY_DECIDED"
    category = ErrorCategory.CONFLICT

    def __init__(self, cancellation_id: str, state: str) -> None:
        super().__init__(
            f"cancellation request {cancellation_id!r} is already {state}",
            metadata={"id": cancellation_id, "state": state},
        )


class OrderNotUpdatable(_StateConflict):
    reason = "ORDER_NOT_UPDATABLE"


class OrderNotDeletable(_StateConflict):
    reason = "ORDER_NOT_DELETABLE"


class OrderChangedConcurrently(DomainError):
    """Another change to the order was stored between this one's read and its write; the
    change was not applied. Reading the order again and retrying decides it afresh."""

    reason = "ORDER_CHANGED_CONCURRENTLY"
    category = ErrorCategory.CONFLICT

    def __init__(self, order_id: str) -> None:
        super().__init__(
            f"order {order_id!r} was changed by another request at the same time; "
            "read it again and retry",
            metadata={"id": order_id},
        )


class UnknownFilterValue(DomainError):
    """A filter, sort key or event type this build does not know: refused rather than dropped,
    which would silently widen the answer."""

    reason = "UNKNOWN_FILTER_VALUE"
    category = ErrorCategory.INVALID

    def __init__(self, field: str, value: object) -> None:
        super().__init__(
            f"{field} has no value {value!r}",
            violations=(FieldViolation(field, f"unknown value {value!r}"),),
            metadata={"field": field},
        )


class FieldNotUpdatable(DomainError):
    """A field that is output only, unknown, or frozen once the order is submitted."""

    reason = "FIELD_NOT_UPDATABLE"
    category = ErrorCategory.INVALID


class IdempotencyKeyReused(DomainError):
    """The same client sent the same request id with a different request."""

    reason = "IDEMPOTENCY_KEY_REUSED"
    category = ErrorCategory.RULE_VIOLATED

    def __init__(self, request_id: str) -> None:
        super().__init__(
            f"request id {request_id!r} was already used for a different request",
            metadata={"request_id": request_id},
        )


class IdempotencyRequestInFlight(DomainError):
    """The first request with this id has not finished yet; retry later to get its answer."""

    reason = "IDEMPOTENCY_REQUEST_IN_FLIGHT"
    category = ErrorCategory.CONFLICT

    def __init__(self, request_id: str) -> None:
        super().__init__(
            f"a request with id {request_id!r} is still being processed; retry shortly",
            metadata={"request_id": request_id},
        )
