"""Technical feasibility as ordering sees it (domain.ordering.ports.FeasibilityChecker), over
the feasibility use cases: a referenced check is read as stored; an inline judgement runs a
synchronous check, which the feasibility context stores (with its event) like any other."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from domain.feasibility.checks import CheckState, FeasibilityCheck, Place, ServiceItem
from domain.feasibility.errors import FeasibilityCheckNotFound
from domain.feasibility.services import CheckRequest, FeasibilityChecking
from domain.ordering.model import OrderItem
from domain.ordering.ports import AnsweredItem, Judgement, StoredCheck, Verdict


class FeasibilityOfOrders:
    def __init__(self, checking: FeasibilityChecking) -> None:
        self._checking = checking

    async def stored(self, check_id: str) -> StoredCheck | None:
        try:
            check = await self._checking.get_check(check_id)
        except FeasibilityCheckNotFound:
            return None
        return stored_check(check)

    async def judge(self, items: Sequence[OrderItem], at: datetime) -> Mapping[str, Judgement]:
        asked = tuple(_asked(i) for i in items if i.installation_place is not None)
        if not asked:
            return {}
        check = await self._checking.check(CheckRequest(items=asked))
        return {
            r.item_id: Judgement(
                verdict=Verdict(r.outcome.value), reasons=tuple(x.label for x in r.reasons)
            )
            for r in check.results
        }


def stored_check(check: FeasibilityCheck) -> StoredCheck:
    offerings = {i.id: i.offering_id for i in check.items}
    return StoredCheck(
        check_id=check.id,
        party_id=check.party_id,
        expire_time=check.expire_time,
        done=check.state is CheckState.DONE,
        items=tuple(
            AnsweredItem(
                item_id=r.item_id,
                verdict=Verdict(r.outcome.value),
                offering_id=offerings.get(r.item_id, ""),
                place_id=r.address_id,
            )
            for r in check.results
        ),
    )


def _asked(item: OrderItem) -> ServiceItem:
    place = item.installation_place
    assert place is not None
    return ServiceItem(
        id=item.id, place=Place(address_id=place.address_id), offering_id=item.offering_id
    )
