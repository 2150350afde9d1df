"""A stored eligibility query: a search for the offerings a customer may have, with its
criteria and its answer, kept until it expires. Asynchronous queries follow the same states
as checks: acknowledged -> in progress -> done, or terminated with error."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.qualification.checks import CheckState
from domain.qualification.model import OfferingSummary, PlaceFacts


@dataclass(frozen=True, slots=True, kw_only=True)
class SearchCriteria:
    party_id: str
    channel: str
    place: PlaceFacts | None = None
    category_id: str = ""  # empty: every category
    offering_ids: tuple[str, ...] = ()  # empty: any offering
    page_size: int = 0  # 0: the default


@dataclass(frozen=True, slots=True, kw_only=True)
class EligibilityQuery:
    id: str
    criteria: SearchCriteria
    create_time: datetime
    expire_time: datetime
    description: str = ""
    state: CheckState = CheckState.DONE
    offerings: tuple[OfferingSummary, ...] = ()
    customer_is_prospect: bool = False
    error: str = ""
    judge_time: datetime | None = None
    # Attributes a channel sent that the product keeps without interpreting them: a JSON object
    # (canonical text, sorted keys), never read by any rule.
    extension: str = "{}"

    @property
    def party_id(self) -> str:
        return self.criteria.party_id
