"""Small builders of orders and items for the ordering tests."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from domain.ordering.model import (
    ItemAction,
    ItemState,
    OrderContent,
    OrderItem,
    OrderState,
    PartyRef,
    PlaceRef,
    ProductOrder,
    QualificationReference,
)
from tests.unit.ordering.fakes import NOW

CUSTOMER = PartyRef("cust-1", "customer")


def item(item_id: str = "1", offering_id: str = "off-mobile", **fields: Any) -> OrderItem:
    return OrderItem(id=item_id, offering_id=offering_id, **fields)


def placed(
    item_id: str, offering_id: str = "off-fibre", address: str = "addr-1", **fields: Any
) -> OrderItem:
    return item(item_id, offering_id, places=(PlaceRef(address, "installationAddress"),), **fields)


def ref(check_id: str, item_id: str = "q1") -> QualificationReference:
    return QualificationReference(check_id, item_id)


def content(*items: OrderItem, **fields: Any) -> OrderContent:
    values: dict[str, Any] = {"parties": (CUSTOMER,), "channel": "web", **fields}
    return OrderContent(items=items or (item(),), **values)


def order(
    state: OrderState = OrderState.ACKNOWLEDGED,
    *items: OrderItem,
    item_state: ItemState | None = ItemState.ACKNOWLEDGED,
    **fields: Any,
) -> ProductOrder:
    built = ProductOrder(
        id="ord-1",
        content=content(*items),
        state=state,
        create_time=NOW,
        update_time=NOW,
        correlation_id="corr-create",
        **fields,
    )
    if state is OrderState.DRAFT:
        item_state = None
    return built.with_items(lambda i: replace(i, state=item_state))


def modify(item_id: str, product_id: str = "prod-1", **fields: Any) -> OrderItem:
    return OrderItem(id=item_id, action=ItemAction.MODIFY, product_id=product_id, **fields)
