"""Judging an eligibility question item by item: catalog availability first, then the
offering's rules; a refused item becomes `alternate` when an alternative the rules name is
itself available and eligible for this customer."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass

from domain.qualification.model import (
    EligibilityQuestion,
    ItemAction,
    ItemVerdict,
    Outcome,
    Reason,
    RequestedItem,
)
from domain.qualification.rules import RuleBook


@dataclass(frozen=True, slots=True)
class OfferingAvailability:
    """What the catalog says of an offering now; `why_not` explains an unavailable one."""

    offering_id: str
    orderable: bool
    why_not: str = ""


def judge(
    question: EligibilityQuestion,
    rules: RuleBook,
    availability: Mapping[str, OfferingAvailability],
    *,
    propose_alternatives: bool = True,
) -> tuple[ItemVerdict, ...]:
    """One verdict per requested item, in request order."""
    return tuple(
        _verdict(question, item, rules, availability, propose_alternatives)
        for item in question.items
    )


def _verdict(
    question: EligibilityQuestion,
    item: RequestedItem,
    rules: RuleBook,
    availability: Mapping[str, OfferingAvailability],
    propose_alternatives: bool,
) -> ItemVerdict:
    reasons = _refusals(question, item, rules, availability)
    if not reasons:
        return ItemVerdict(
            item_id=item.item_id, offering_id=item.offering_id, outcome=Outcome.QUALIFIED
        )
    alternatives: tuple[str, ...] = ()
    if propose_alternatives:
        alternatives = _eligible_alternatives(question, item, rules, availability)
    return ItemVerdict(
        item_id=item.item_id,
        offering_id=item.offering_id,
        outcome=Outcome.ALTERNATE if alternatives else Outcome.UNQUALIFIED,
        reasons=reasons,
        alternative_offering_ids=alternatives,
    )


def _refusals(
    question: EligibilityQuestion,
    item: RequestedItem,
    rules: RuleBook,
    availability: Mapping[str, OfferingAvailability],
) -> tuple[Reason, ...]:
    offering = availability.get(item.offering_id)
    if offering is None:
        return (Reason("OFFERING_UNKNOWN", f"offering {item.offering_id!r} does not exist"),)
    if item.action is not ItemAction.ADD:
        owned = item.offering_id in question.customer.owned_offering_ids
        return () if owned else (Reason("PRODUCT_NOT_OWNED", "the customer does not have it"),)
    if not offering.orderable:
        return (Reason("OFFERING_NOT_ORDERABLE", offering.why_not or "not orderable now"),)
    found = (rule.refusal(question, item) for rule in rules.for_offering(item.offering_id))
    return tuple(reason for reason in found if reason is not None)


def _eligible_alternatives(
    question: EligibilityQuestion,
    item: RequestedItem,
    rules: RuleBook,
    availability: Mapping[str, OfferingAvailability],
) -> tuple[str, ...]:
    """Alternatives named by the refusing rules, kept when they pass for this customer."""
    named: dict[str, None] = {}
    for rule in rules.for_offering(item.offering_id):
        if rule.refusal(question, item) is not None:
            named.update(dict.fromkeys(rule.alternative_offering_ids))
    named.pop(item.offering_id, None)
    return tuple(
        candidate
        for candidate in named
        if not _refusals(*_swapped(question, item, candidate), rules, availability)
    )


def _swapped(
    question: EligibilityQuestion, item: RequestedItem, candidate: str
) -> tuple[EligibilityQuestion, RequestedItem]:
    """The question as if the customer had asked for `candidate` instead of the item."""
    replacement = dataclasses.replace(item, offering_id=candidate)
    items = tuple(replacement if i is item else i for i in question.items)
    return dataclasses.replace(question, items=items), replacement
