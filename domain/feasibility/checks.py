"""A stored feasibility check: the services asked for, how the answer is wanted, its progress
and, once judged, one result per item and the overall answer."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from domain.feasibility.addresses import Address
from domain.feasibility.coverage import Alternative, Feasibility, ServiceNeed


class CheckState(enum.Enum):
    ACCEPTED = "accepted"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    TERMINATED_WITH_ERROR = "terminated_with_error"


@dataclass(frozen=True, slots=True, kw_only=True)
class Place:
    """A registered address id, or postal fields to match against the register."""

    address_id: str = ""
    address: Address | None = None


class ValueKind(enum.Enum):
    """How the caller gave a value; kept so the check is shown back as it was asked."""

    TEXT = "text"
    NUMBER = "number"
    FLAG = "flag"


@dataclass(frozen=True, slots=True)
class RequestedCharacteristic:
    """A characteristic as asked for. Feasibility reads the values as text ("500", "FTTH",
    "true"); `kinds` says, value by value, whether each was a number, a flag or text (all text
    when not given)."""

    name: str
    values: tuple[str, ...]
    kinds: tuple[ValueKind, ...] = ()

    def __post_init__(self) -> None:
        if not self.kinds:  # one canonical form: a kind for every value
            object.__setattr__(self, "kinds", (ValueKind.TEXT,) * len(self.values))
        if len(self.kinds) != len(self.values):
            raise ValueError("one kind per value is required")


@dataclass(frozen=True, slots=True, kw_only=True)
class ServiceItem:
    id: str
    place: Place
    product_specification_id: str = ""
    offering_id: str = ""
    characteristics: tuple[RequestedCharacteristic, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class CheckOptions:
    provide_alternatives: bool = False
    provide_reasons: bool = False


@dataclass(frozen=True, slots=True)
class Reason:
    code: str
    label: str


@dataclass(frozen=True, slots=True, kw_only=True)
class ServiceResult:
    item_id: str
    outcome: Feasibility
    address_id: str = ""
    technology: str = ""
    need: ServiceNeed = field(default_factory=ServiceNeed)
    reasons: tuple[Reason, ...] = ()
    alternatives: tuple[Alternative, ...] = ()
    suggested_addresses: tuple[Address, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class FeasibilityCheck:
    id: str
    items: tuple[ServiceItem, ...]
    options: CheckOptions = field(default_factory=CheckOptions)
    party_id: str = ""
    description: str = ""
    external_id: str = ""
    state: CheckState = CheckState.ACCEPTED
    outcome: Feasibility | None = None
    results: tuple[ServiceResult, ...] = ()
    error: str = ""
    create_time: datetime | None = None
    judge_time: datetime | None = None
    expire_time: datetime | None = None
    # Attributes a channel sent that the product keeps without interpreting them: a JSON object
    # (canonical text, sorted keys), never read by any rule.
    extension: str = "{}"


def overall(results: Sequence[ServiceResult]) -> Feasibility:
    """TMF645's rule: all qualified -> qualified; any unqualified -> unqualified; else alternate."""
    outcomes = {r.outcome for r in results}
    if Feasibility.UNQUALIFIED in outcomes or not outcomes:
        return Feasibility.UNQUALIFIED
    if outcomes == {Feasibility.QUALIFIED}:
        return Feasibility.QUALIFIED
    return Feasibility.ALTERNATE
