"""What a channel may change, and when an order may be deleted. A draft may change anything
the channel writes (OrderContent); once submitted, only description, notes, external ids,
requested dates and the extension (attributes kept uninterpreted, which no validation read),
and only while the order is acknowledged (before order management takes it
over). Output-only fields never change through an update. Deleting is allowed for drafts and
final orders (completed, failed, partial, cancelled, rejected); an order still alive is not
deleted (its hand-off would lose track of it)."""

from __future__ import annotations

import dataclasses
from dataclasses import replace
from datetime import datetime

from domain.ordering.errors import FieldNotUpdatable, OrderNotDeletable, OrderNotUpdatable
from domain.ordering.lifecycle import FINAL_ORDER_STATES
from domain.ordering.model import OrderContent, OrderState, ProductOrder
from domain.shared.errors import FieldViolation

DRAFT_FIELDS = frozenset(f.name for f in dataclasses.fields(OrderContent))
SUBMITTED_FIELDS = frozenset(
    {
        "description",
        "notes",
        "external_ids",
        "requested_start_time",
        "requested_completion_time",
        "extension",
    }
)
OUTPUT_ONLY_FIELDS = frozenset(
    f.name for f in dataclasses.fields(ProductOrder) if f.name != "content"
)
DELETABLE_STATES = frozenset({OrderState.DRAFT}) | FINAL_ORDER_STATES


def updatable_fields(order: ProductOrder) -> frozenset[str]:
    if order.state is OrderState.DRAFT:
        return DRAFT_FIELDS
    if order.state is OrderState.ACKNOWLEDGED:
        return SUBMITTED_FIELDS
    return frozenset()


def apply_changes(
    order: ProductOrder, fields: frozenset[str], values: OrderContent, at: datetime
) -> ProductOrder:
    """The order with the named fields taken from `values`; an empty `fields` means every
    field that may change now. Notes without a time are stamped `at`."""
    allowed = updatable_fields(order)
    if not allowed:
        raise OrderNotUpdatable(
            f"order {order.id!r} is {order.state.value}: it changes only as a draft or while"
            " acknowledged",
            order_id=order.id,
            state=order.state.value,
        )
    wanted = fields or allowed
    refused = sorted(wanted - allowed)
    if refused:
        raise FieldNotUpdatable(
            f"order {order.id!r} ({order.state.value}) cannot change {', '.join(refused)}",
            violations=tuple(FieldViolation(f, _why(f, order)) for f in refused),
            metadata={"fields": ",".join(refused)},
        )
    changed = {name: getattr(values, name) for name in wanted}
    if "notes" in changed:
        changed["notes"] = tuple(
            n if n.create_time else replace(n, create_time=at) for n in values.notes
        )
    return replace(order, content=replace(order.content, **changed), update_time=at)


def require_deletable(order: ProductOrder) -> None:
    if order.state not in DELETABLE_STATES:
        raise OrderNotDeletable(
            f"order {order.id!r} is {order.state.value}: only drafts and final orders are"
            " deleted; cancel it instead",
            order_id=order.id,
            state=order.state.value,
        )


def _why(field: str, order: ProductOrder) -> str:
    if field in OUTPUT_ONLY_FIELDS:
        return "output only: set by the order's lifecycle, never by an update"
    if field not in DRAFT_FIELDS:
        return "not a field of an order"
    return f"fixed once the order is submitted (it is {order.state.value})"
