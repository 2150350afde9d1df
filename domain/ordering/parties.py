"""Party rules of a submitted order: exactly one customer, the party qualification and billing
are judged for."""

from __future__ import annotations

from domain.ordering import violations as v
from domain.ordering.model import CUSTOMER_ROLE, OrderContent
from domain.ordering.violations import OrderViolation


def party_violations(content: OrderContent) -> list[OrderViolation]:
    customers = set(content.customer_ids)
    if not customers or not all(c.strip() for c in customers):
        return [
            OrderViolation(
                code=v.CUSTOMER_MISSING,
                field="parties",
                message=f"a party with role {CUSTOMER_ROLE!r} and an id is required",
            )
        ]
    if len(customers) > 1:
        return [
            OrderViolation(
                code=v.CUSTOMER_AMBIGUOUS,
                field="parties",
                message=f"one customer per order, not {len(customers)}",
            )
        ]
    return []
