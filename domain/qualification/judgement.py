"""Judging an eligibility question item by item: catalog availability first, then the
requested configuration, then the offering's rules; a refused item becomes `alternate` when an
alternative the rules name is itself available and eligible for this customer. A category item
is judged once per orderable offering of the category and lists the eligible ones."""

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


@dataclass(frozen=True, slots=True, kw_only=True)
class Evidence:
    """Everything the judge reads besides the question, loaded beforehand by the use case."""

    rules: RuleBook
    availability: Mapping[str, OfferingAvailability]
    # Orderable offerings per requested category; an unknown category is absent.
    category_offerings: Mapping[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)
    # The catalog's objections to each item's requested configuration, by item id.
    configuration_problems: Mapping[str, tuple[Reason, ...]] = dataclasses.field(
        default_factory=dict
    )


def judge(
    question: EligibilityQuestion,
    rules: RuleBook,
    availability: Mapping[str, OfferingAvailability],
    *,
    propose_alternatives: bool = True,
) -> tuple[ItemVerdict, ...]:
    """One verdict per requested offering item, in request order."""
    evidence = Evidence(rules=rules, availability=availability)
    return judge_with(question, evidence, propose_alternatives=propose_alternatives)


def judge_with(
    question: EligibilityQuestion, evidence: Evidence, *, propose_alternatives: bool = True
) -> tuple[ItemVerdict, ...]:
    """One verdict per requested item (offering or category), in request order."""
    return tuple(
        _category_verdict(question, item, evidence)
        if item.is_category
        else _verdict(question, item, evidence, propose_alternatives)
        for item in question.items
    )


def eligible_among(
    question: EligibilityQuestion, offering_ids: tuple[str, ...], evidence: Evidence
) -> tuple[str, ...]:
    """The offerings this customer may add, each judged as if asked for alone in `question`."""
    probe = RequestedItem(item_id="probe", offering_id="")
    return tuple(
        candidate
        for candidate in offering_ids
        if not _refusals(*_swapped(question, probe, candidate, alone=True), evidence, ())
    )


def _verdict(
    question: EligibilityQuestion,
    item: RequestedItem,
    evidence: Evidence,
    propose_alternatives: bool,
) -> ItemVerdict:
    problems = evidence.configuration_problems.get(item.item_id, ())
    reasons = _refusals(question, item, evidence, problems)
    if not reasons:
        return ItemVerdict(
            item_id=item.item_id, offering_id=item.offering_id, outcome=Outcome.QUALIFIED
        )
    alternatives: tuple[str, ...] = ()
    if propose_alternatives:
        alternatives = _eligible_alternatives(question, item, evidence)
    return ItemVerdict(
        item_id=item.item_id,
        offering_id=item.offering_id,
        outcome=Outcome.ALTERNATE if alternatives else Outcome.UNQUALIFIED,
        reasons=reasons,
        alternative_offering_ids=alternatives,
    )


def _category_verdict(
    question: EligibilityQuestion, item: RequestedItem, evidence: Evidence
) -> ItemVerdict:
    offerings = evidence.category_offerings.get(item.category_id)
    if offerings is None:
        reason = Reason("CATEGORY_UNKNOWN", f"category {item.category_id!r} does not exist")
        return ItemVerdict(
            item_id=item.item_id, offering_id="", outcome=Outcome.UNQUALIFIED, reasons=(reason,)
        )
    eligible = tuple(
        candidate
        for candidate in offerings
        if not _refusals(*_swapped(question, item, candidate), evidence, ())
    )
    if eligible:
        return ItemVerdict(
            item_id=item.item_id,
            offering_id="",
            outcome=Outcome.QUALIFIED,
            eligible_offering_ids=eligible,
        )
    reason = Reason("NO_ELIGIBLE_OFFERING", "no offering of this category is open to the customer")
    return ItemVerdict(
        item_id=item.item_id, offering_id="", outcome=Outcome.UNQUALIFIED, reasons=(reason,)
    )


def _refusals(
    question: EligibilityQuestion,
    item: RequestedItem,
    evidence: Evidence,
    configuration_problems: tuple[Reason, ...],
) -> tuple[Reason, ...]:
    offering = evidence.availability.get(item.offering_id)
    if offering is None:
        return (Reason("OFFERING_UNKNOWN", f"offering {item.offering_id!r} does not exist"),)
    if item.action is not ItemAction.ADD:
        owned = item.offering_id in question.customer.owned_offering_ids
        return () if owned else (Reason("PRODUCT_NOT_OWNED", "the customer does not have it"),)
    if not offering.orderable:
        return (Reason("OFFERING_NOT_ORDERABLE", offering.why_not or "not orderable now"),)
    rules = evidence.rules.for_offering(item.offering_id)
    found = (rule.refusal(question, item) for rule in rules)
    return (*configuration_problems, *(reason for reason in found if reason is not None))


def _eligible_alternatives(
    question: EligibilityQuestion, item: RequestedItem, evidence: Evidence
) -> tuple[str, ...]:
    """Alternatives named by the refusing rules, kept when they pass for this customer. The
    requested configuration belonged to the refused offering, so alternatives go without it."""
    named: dict[str, None] = {}
    for rule in evidence.rules.for_offering(item.offering_id):
        if rule.refusal(question, item) is not None:
            named.update(dict.fromkeys(rule.alternative_offering_ids))
    named.pop(item.offering_id, None)
    return tuple(
        candidate
        for candidate in named
        if not _refusals(*_swapped(question, item, candidate), evidence, ())
    )


def _swapped(
    question: EligibilityQuestion, item: RequestedItem, candidate: str, *, alone: bool = False
) -> tuple[EligibilityQuestion, RequestedItem]:
    """The question as if the customer had asked for `candidate` instead of the item (or,
    `alone`, for nothing but the candidate)."""
    replacement = dataclasses.replace(
        item, offering_id=candidate, category_id="", action=ItemAction.ADD, configuration=None
    )
    if alone:
        items: tuple[RequestedItem, ...] = (replacement,)
    else:
        items = tuple(replacement if i is item else i for i in question.items)
    return dataclasses.replace(question, items=items), replacement
