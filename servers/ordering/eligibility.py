"""Eligibility as ordering sees it (domain.ordering.ports.EligibilityChecker), over the
qualification use cases: a referenced check is read as stored; an inline judgement asks the
same Qualification rules, but through a check store that keeps nothing (an order's own
validation leaves no eligibility check behind)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from domain.ordering.model import OrderItem
from domain.ordering.ports import AnsweredItem, Judgement, StoredCheck, Verdict
from domain.qualification.checks import CheckState, EligibilityCheck
from domain.qualification.errors import EligibilityCheckNotFound
from domain.qualification.model import ItemAction as AskedAction
from domain.qualification.model import PlaceFacts, RequestedItem
from domain.qualification.paging import Page, PageRequest
from domain.qualification.ports import CheckFilter
from domain.qualification.services import CheckRequest, Qualification


class EligibilityOfOrders:
    def __init__(self, stored: Qualification, inline: Qualification) -> None:
        self._stored = stored
        self._inline = inline  # built over UnstoredChecks

    async def stored(self, check_id: str) -> StoredCheck | None:
        try:
            check = await self._stored.get_check(check_id)
        except EligibilityCheckNotFound:
            return None
        return stored_check(check)

    async def judge(
        self, customer_id: str, channel: str, items: Sequence[OrderItem], at: datetime
    ) -> Mapping[str, Judgement]:
        places = {p.address_id for i in items if (p := i.installation_place) is not None}
        place = PlaceFacts(place_id=places.pop()) if len(places) == 1 else None
        check = await self._inline.check(
            CheckRequest(
                party_id=customer_id,
                channel=channel,
                items=tuple(_asked(i) for i in items),
                place=place,
            )
        )
        return {
            v.item_id: Judgement(
                verdict=Verdict(v.outcome.value), reasons=tuple(r.label for r in v.reasons)
            )
            for v in check.verdicts
        }


def stored_check(check: EligibilityCheck) -> StoredCheck:
    return StoredCheck(
        check_id=check.id,
        party_id=check.party_id,
        expire_time=check.expire_time,
        done=check.state is CheckState.DONE,
        items=tuple(
            AnsweredItem(
                item_id=v.item_id,
                verdict=Verdict(v.outcome.value),
                offering_id=v.offering_id,
                place_id=check.place_id,
            )
            for v in check.verdicts
        ),
    )


def _asked(item: OrderItem) -> RequestedItem:
    action = AskedAction(item.action.value) if item.action else AskedAction.ADD
    return RequestedItem(
        item_id=item.id, offering_id=item.offering_id, action=action, quantity=item.quantity
    )


class UnstoredChecks:
    """An EligibilityChecks that forgets what it is given: inline judgements only."""

    async def add(self, check: EligibilityCheck) -> None:
        return None

    async def get(self, check_id: str) -> EligibilityCheck | None:
        return None

    async def replace(self, check: EligibilityCheck) -> None:
        return None

    async def list(self, query: CheckFilter, page: PageRequest) -> Page[EligibilityCheck]:
        return Page((), 0)

    async def delete(self, check_id: str) -> bool:
        return False
