"""Technical rules: an item whose offering is a network service delivered at a place carries
its installation place and is feasible there, by a stored feasibility check it references, or
(policy INLINE) by asking now. The place is required whatever the policy."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from domain.ordering import violations as v
from domain.ordering.commercial import judged
from domain.ordering.model import OrderItem
from domain.ordering.policy import QualificationPolicy
from domain.ordering.ports import FeasibilityChecker
from domain.ordering.references import ReferenceCodes, reference_violations
from domain.ordering.violations import OrderViolation

FEASIBILITY = ReferenceCodes(
    kind="feasibility",
    field="feasibility",
    not_found=v.FEASIBILITY_CHECK_NOT_FOUND,
    not_done=v.FEASIBILITY_CHECK_NOT_DONE,
    expired=v.FEASIBILITY_CHECK_EXPIRED,
    other_customer=v.FEASIBILITY_CHECK_OTHER_CUSTOMER,
    item_not_found=v.FEASIBILITY_ITEM_NOT_FOUND,
    mismatch=v.FEASIBILITY_ITEM_MISMATCH,
    refused=v.ITEM_NOT_FEASIBLE,
)


async def technical_violations(
    items: Sequence[OrderItem],
    needing_a_place: frozenset[str],
    checker: FeasibilityChecker,
    policy: QualificationPolicy,
    customer_id: str,
    at: datetime,
) -> list[OrderViolation]:
    found: list[OrderViolation] = []
    inline: list[OrderItem] = []
    for item in items:
        if not item.changes_a_product or item.offering_id not in needing_a_place:
            continue
        place = item.installation_place
        if place is None:
            found.append(
                OrderViolation(
                    code=v.INSTALLATION_PLACE_REQUIRED,
                    item_id=item.id,
                    field="places",
                    message=f"offering {item.offering_id!r} is delivered at a place: give the"
                    " installation address",
                )
            )
            continue
        if policy is QualificationPolicy.OFF:
            continue
        ref = item.feasibility
        if ref is not None:
            check = await checker.stored(ref.check_id)
            found.extend(
                reference_violations(
                    item,
                    ref,
                    check,
                    codes=FEASIBILITY,
                    customer_id=customer_id,
                    place_id=place.address_id,
                    at=at,
                )
            )
        elif policy is QualificationPolicy.REFERENCE_REQUIRED:
            found.append(
                OrderViolation(
                    code=v.FEASIBILITY_REFERENCE_REQUIRED,
                    item_id=item.id,
                    field="feasibility",
                    message="reference a stored feasibility check for this item",
                )
            )
        else:
            inline.append(item)
    if inline:
        found.extend(
            judged(inline, await checker.judge(inline, at), v.ITEM_NOT_FEASIBLE, "feasible")
        )
    return found
