"""Submission validation, in stages, reporting every violation at once:
structure and parties (always both), then, only when those pass (item ids can be trusted and
the customer is known), catalog, commercial and technical. Items the catalog refused are not
asked about again (qualifying an unknown offering says nothing new). Drafts get the structure
stage only. Any violation refuses the order as a whole (INVALID_ORDER, 422): nothing is stored."""

from __future__ import annotations

from datetime import datetime

from domain.ordering.commercial import commercial_violations
from domain.ordering.errors import InvalidOrder
from domain.ordering.model import OrderContent
from domain.ordering.parties import party_violations
from domain.ordering.policy import ValidationPolicy
from domain.ordering.ports import CatalogReader, EligibilityChecker, FeasibilityChecker
from domain.ordering.structure import structure_violations
from domain.ordering.technical import technical_violations
from domain.ordering.violations import OrderViolation


def require_valid_draft(content: OrderContent) -> None:
    found = structure_violations(content)
    if found:
        raise InvalidOrder(found)


class OrderValidator:
    def __init__(
        self,
        *,
        catalog: CatalogReader,
        eligibility: EligibilityChecker,
        feasibility: FeasibilityChecker,
        policy: ValidationPolicy | None = None,
    ) -> None:
        self._catalog = catalog
        self._eligibility = eligibility
        self._feasibility = feasibility
        self._policy = policy or ValidationPolicy()

    async def require_submittable(self, content: OrderContent, at: datetime) -> None:
        found = await self.violations(content, at)
        if found:
            raise InvalidOrder(found)

    async def violations(self, content: OrderContent, at: datetime) -> list[OrderViolation]:
        found = structure_violations(content) + party_violations(content)
        if found:
            return found
        items = list(content.all_items())
        reviewed = await self._catalog.review(items, at)
        for item in items:
            found.extend(
                OrderViolation(
                    code=p.code, item_id=item.id, field=p.field or "offering_id", message=p.message
                )
                for p in reviewed.get(item.id, ())
            )
        refused = {f.item_id for f in found}
        accepted = [i for i in items if i.id not in refused]
        found += await commercial_violations(
            content, accepted, self._eligibility, self._policy.commercial, at
        )
        offerings = {i.offering_id for i in accepted if i.changes_a_product}
        needing = (
            await self._catalog.offerings_needing_a_place(offerings, at)
            if offerings
            else frozenset()
        )
        found += await technical_violations(
            accepted, needing, self._feasibility, self._policy.technical, content.customer_id, at
        )
        return found
