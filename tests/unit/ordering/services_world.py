"""The use cases wired to the in-memory fakes."""

from __future__ import annotations

from domain.ordering.policy import ValidationPolicy
from domain.ordering.services import OrderCapture, OrderHandoff, RequestContext
from domain.ordering.validation import OrderValidator
from tests.unit.ordering.fakes import (
    Catalog,
    Clock,
    Database,
    Eligibility,
    Feasibility,
    Ids,
    UnitOfWorkFactory,
)

CHANNEL = RequestContext(correlation_id="corr-1", client_id="shop")
OM = RequestContext(correlation_id="corr-om")


class World:
    def __init__(
        self, policy: ValidationPolicy | None = None, eligibility: Eligibility | None = None
    ) -> None:
        self.db = Database()
        self.clock = Clock()
        self.ids = Ids()
        self.catalog = Catalog(
            {"off-mobile": (True, False), "off-fibre": (True, True), "off-refused": (True, False)}
        )
        self.eligibility = eligibility or Eligibility(refused={"off-refused"})
        self.feasibility = Feasibility()
        uow = UnitOfWorkFactory(self.db)
        validator = OrderValidator(
            catalog=self.catalog,
            eligibility=self.eligibility,
            feasibility=self.feasibility,
            policy=policy,
        )
        self.capture = OrderCapture(uow, self.clock, self.ids, validator)
        self.handoff = OrderHandoff(uow, self.clock, self.ids)

    def event_types(self) -> list[str]:
        return [e.type.value for e in self.db.events]
