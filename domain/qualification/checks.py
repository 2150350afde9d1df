"""A stored eligibility check: the question's answer, kept until it expires so that an order
can refer to it instead of asking again."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.qualification.model import ItemVerdict, Outcome, overall_outcome


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

    @property
    def outcome(self) -> Outcome:
        return overall_outcome(self.verdicts)

    def is_expired(self, at: datetime) -> bool:
        return at >= self.expire_time

    def verdict(self, item_id: str) -> ItemVerdict | None:
        return next((v for v in self.verdicts if v.item_id == item_id), None)
