"""Whether an item may rely on a stored qualification check (eligibility or feasibility): it
exists, is judged, has not expired, belongs to the order's customer when it names one, has
an answer for the referenced item, and that answer is qualified for the same offering (and,
for feasibility, the same place)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.ordering.model import OrderItem, QualificationReference
from domain.ordering.ports import StoredCheck, Verdict
from domain.ordering.violations import OrderViolation


@dataclass(frozen=True, slots=True, kw_only=True)
class ReferenceCodes:
    """The codes and wording of one kind of check."""

    kind: str
    field: str
    not_found: str
    not_done: str
    expired: str
    other_customer: str
    item_not_found: str
    mismatch: str
    refused: str


def reference_violations(
    item: OrderItem,
    reference: QualificationReference,
    check: StoredCheck | None,
    *,
    codes: ReferenceCodes,
    customer_id: str,
    place_id: str,
    at: datetime,
) -> list[OrderViolation]:
    def problem(code: str, message: str) -> list[OrderViolation]:
        return [OrderViolation(code=code, item_id=item.id, field=codes.field, message=message)]

    name = f"{codes.kind} check {reference.check_id!r}"
    if check is None:
        return problem(codes.not_found, f"{name} does not exist")
    if not check.done:
        return problem(codes.not_done, f"{name} has no answer yet")
    if check.is_expired(at):
        return problem(codes.expired, f"{name} has expired; check again")
    if check.party_id and customer_id and check.party_id != customer_id:
        return problem(codes.other_customer, f"{name} was made for another customer")
    answer = check.item(reference.item_id)
    if answer is None:
        return problem(codes.item_not_found, f"{name} has no item {reference.item_id!r}")
    if answer.offering_id and answer.offering_id != item.offering_id:
        return problem(
            codes.mismatch, f"{name} answered for offering {answer.offering_id!r}, not this one"
        )
    if place_id and answer.place_id and answer.place_id != place_id:
        return problem(
            codes.mismatch, f"{name} answered for place {answer.place_id!r}, not {place_id!r}"
        )
    if answer.verdict is not Verdict.QUALIFIED:
        return problem(codes.refused, f"{name} answered {answer.verdict.value} for this item")
    return []
