"""A stored eligibility check: the question, how the answer was wanted and the answer, kept
until it expires so that an order can refer to it instead of asking again. An asynchronous
check is stored acknowledged and judged later: acknowledged -> in progress -> done, or
terminated with error."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime

from domain.qualification.model import (
    CheckOptions,
    ItemVerdict,
    Outcome,
    PlaceFacts,
    RequestedItem,
    overall_outcome,
)


class CheckState(enum.Enum):
    ACKNOWLEDGED = "acknowledged"
    IN_PROGRESS = "inProgress"
    DONE = "done"
    TERMINATED_WITH_ERROR = "terminatedWithError"


@dataclass(frozen=True, slots=True, kw_only=True)
class EligibilityCheck:
    id: str
    party_id: str
    channel: str
    place_id: str
    verdicts: tuple[ItemVerdict, ...]
    create_time: datetime
    expire_time: datetime
    # Said in the answer when the customer was unknown and judged with prospect defaults.
    customer_is_prospect: bool = False
    place: PlaceFacts | None = None
    items: tuple[RequestedItem, ...] = ()
    options: CheckOptions = field(default_factory=CheckOptions)
    description: str = ""
    state: CheckState = CheckState.DONE
    error: str = ""
    judge_time: datetime | None = None
    # Attributes a channel sent that the product keeps without interpreting them: a JSON object
    # (canonical text, sorted keys), never read by any rule.
    extension: str = "{}"

    @property
    def outcome(self) -> Outcome | None:
        """The overall answer over every item (also those only_available leaves out); None
        until judged."""
        if self.state is not CheckState.DONE:
            return None
        return overall_outcome(self.verdicts)

    @property
    def presented_verdicts(self) -> tuple[ItemVerdict, ...]:
        """The verdicts as the caller asked for them: refused items left out with
        only_available, reasons only with provide_reasons."""
        shown = self.verdicts
        if self.options.only_available:
            shown = tuple(v for v in shown if v.outcome is not Outcome.UNQUALIFIED)
        if not self.options.provide_reasons:
            shown = tuple(_without_reasons(v) for v in shown)
        return shown

    def is_expired(self, at: datetime) -> bool:
        return at >= self.expire_time

    def verdict(self, item_id: str) -> ItemVerdict | None:
        return next((v for v in self.verdicts if v.item_id == item_id), None)


def _without_reasons(verdict: ItemVerdict) -> ItemVerdict:
    return ItemVerdict(
        item_id=verdict.item_id,
        offering_id=verdict.offering_id,
        outcome=verdict.outcome,
        alternative_offering_ids=verdict.alternative_offering_ids,
        eligible_offering_ids=verdict.eligible_offering_ids,
    )
