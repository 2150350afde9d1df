"""Commercial rules: every item that adds or modifies a product is eligible for the customer,
by a stored eligibility check it references, or (policy INLINE) by asking now."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from domain.ordering import violations as v
from domain.ordering.model import OrderContent, OrderItem
from domain.ordering.policy import QualificationPolicy
from domain.ordering.ports import EligibilityChecker, Judgement, Verdict
from domain.ordering.references import ReferenceCodes, reference_violations
from domain.ordering.violations import OrderViolation

ELIGIBILITY = ReferenceCodes(
    kind="eligibility",
    field="eligibility",
    not_found=v.ELIGIBILITY_CHECK_NOT_FOUND,
    not_done=v.ELIGIBILITY_CHECK_NOT_DONE,
    expired=v.ELIGIBILITY_CHECK_EXPIRED,
    other_customer=v.ELIGIBILITY_CHECK_OTHER_CUSTOMER,
    item_not_found=v.ELIGIBILITY_ITEM_NOT_FOUND,
    mismatch=v.ELIGIBILITY_ITEM_MISMATCH,
    refused=v.ITEM_NOT_ELIGIBLE,
)


async def commercial_violations(
    content: OrderContent,
    items: Sequence[OrderItem],
    checker: EligibilityChecker,
    policy: QualificationPolicy,
    at: datetime,
) -> list[OrderViolation]:
    if policy is QualificationPolicy.OFF:
        return []
    found: list[OrderViolation] = []
    inline: list[OrderItem] = []
    customer = content.customer_id
    for item in (i for i in items if i.changes_a_product):
        ref = item.eligibility
        if ref is not None:
            check = await checker.stored(ref.check_id)
            found.extend(
                reference_violations(
                    item, ref, check, codes=ELIGIBILITY, customer_id=customer, place_id="", at=at
                )
            )
        elif policy is QualificationPolicy.REFERENCE_REQUIRED:
            found.append(
                OrderViolation(
                    code=v.ELIGIBILITY_REFERENCE_REQUIRED,
                    item_id=item.id,
                    field="eligibility",
                    message="reference a stored eligibility check for this item",
                )
            )
        else:
            inline.append(item)
    if inline:
        answers = await checker.judge(customer, content.channel, inline, at)
        found.extend(judged(inline, answers, v.ITEM_NOT_ELIGIBLE, "eligible"))
    return found


def judged(
    items: Sequence[OrderItem], answers: Mapping[str, Judgement], code: str, word: str
) -> list[OrderViolation]:
    """Violations for the items an inline check did not qualify (or did not answer)."""
    found: list[OrderViolation] = []
    for item in items:
        answer = answers.get(item.id)
        if answer is not None and answer.verdict is Verdict.QUALIFIED:
            continue
        why = "; ".join(answer.reasons) if answer and answer.reasons else "no reason given"
        verdict = answer.verdict.value if answer else "unanswered"
        found.append(
            OrderViolation(code=code, item_id=item.id, message=f"not {word} ({verdict}): {why}")
        )
    return found
