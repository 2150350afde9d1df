"""Structural rules: what any order, a draft included, must satisfy on its own, without asking
another context. Every problem is reported."""

from __future__ import annotations

from collections import Counter

from domain.ordering import violations as v
from domain.ordering.model import PRIORITIES, ItemAction, OrderContent, OrderItem
from domain.ordering.violations import OrderViolation

# Actions that act on an existing product and so must name it.
_ON_A_PRODUCT = (ItemAction.MODIFY, ItemAction.DELETE, ItemAction.NO_CHANGE)


def structure_violations(content: OrderContent) -> list[OrderViolation]:
    found: list[OrderViolation] = []
    items = list(content.all_items())
    if not items:
        found.append(OrderViolation(code=v.ITEMS_MISSING, message="an order needs items"))
    counts = Counter(i.id for i in items if i.id)
    known = set(counts)
    for item in items:
        found.extend(_item_violations(item, known))
    found.extend(
        OrderViolation(
            code=v.ITEM_ID_DUPLICATE,
            item_id=item_id,
            field="id",
            message=f"{n} items share the id {item_id!r}; ids are unique in the order",
        )
        for item_id, n in sorted(counts.items())
        if n > 1
    )
    found.extend(_order_violations(content))
    return found


def _item_violations(item: OrderItem, known: set[str]) -> list[OrderViolation]:
    found: list[OrderViolation] = []

    def add(code: str, field: str, message: str) -> None:
        found.append(OrderViolation(code=code, item_id=item.id, field=field, message=message))

    if not item.id.strip():
        add(v.ITEM_ID_MISSING, "id", "every item needs an id")
    if item.action is None:
        add(v.ACTION_MISSING, "action", "say what to do: add, modify, delete or noChange")
    if item.quantity < 1:
        add(v.QUANTITY_INVALID, "quantity", f"at least 1, not {item.quantity}")
    if item.action is ItemAction.ADD and not item.offering_id:
        add(v.OFFERING_REQUIRED, "offering_id", "adding a product needs the offering ordered")
    if item.action in _ON_A_PRODUCT and not item.product_id:
        action = item.action.value if item.action else ""
        add(v.PRODUCT_REQUIRED, "product_id", f"{action} needs the existing product it acts on")
    for index, place in enumerate(item.places):
        if not place.address_id.strip():
            add(v.PLACE_ID_MISSING, f"places[{index}]", "a place needs its address id")
    for index, link in enumerate(item.relationships):
        field = f"relationships[{index}]"
        if link.item_id == item.id:
            add(v.RELATIONSHIP_TO_ITSELF, field, "an item cannot relate to itself")
        elif link.item_id not in known:
            add(v.RELATIONSHIP_TARGET_UNKNOWN, field, f"no item {link.item_id!r} in the order")
    return found


def _order_violations(content: OrderContent) -> list[OrderViolation]:
    found: list[OrderViolation] = []
    if content.priority and content.priority not in PRIORITIES:
        found.append(
            OrderViolation(
                code=v.PRIORITY_INVALID,
                field="priority",
                message=f"one of {', '.join(PRIORITIES)}, not {content.priority!r}",
            )
        )
    start, end = content.requested_start_time, content.requested_completion_time
    if start is not None and end is not None and end < start:
        found.append(
            OrderViolation(
                code=v.REQUESTED_DATES_INVERTED,
                field="requested_completion_time",
                message="the requested completion is before the requested start",
            )
        )
    return found
