"""A customer's product order: what the customer wants (OrderContent, which the channel
writes) wrapped by the aggregate's own lifecycle data (ProductOrder, which only this context
writes). Independent of the catalog and qualification contexts: offerings, products, places
and checks are referred to by id, and configurations are opaque here."""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import datetime


class OrderState(enum.Enum):
    DRAFT = "draft"
    ACKNOWLEDGED = "acknowledged"
    REJECTED = "rejected"
    PENDING = "pending"
    HELD = "held"
    IN_PROGRESS = "inProgress"
    COMPLETED = "completed"
    FAILED = "failed"
    PARTIAL = "partial"
    CANCELLED = "cancelled"
    ASSESSING_CANCELLATION = "assessingCancellation"
    PENDING_CANCELLATION = "pendingCancellation"


class ItemState(enum.Enum):
    ACKNOWLEDGED = "acknowledged"
    REJECTED = "rejected"
    PENDING = "pending"
    HELD = "held"
    IN_PROGRESS = "inProgress"
    COMPLETED = "completed"
    FAILED = "failed"
    PARTIAL = "partial"
    CANCELLED = "cancelled"
    ASSESSING_CANCELLATION = "assessingCancellation"
    PENDING_CANCELLATION = "pendingCancellation"


class ItemAction(enum.Enum):
    ADD = "add"
    MODIFY = "modify"
    DELETE = "delete"
    NO_CHANGE = "noChange"


CUSTOMER_ROLE = "customer"
# Place roles that name where a product is installed (TMF examples use both spellings).
INSTALLATION_ROLES = frozenset({"installationAddress", "installation"})
PRIORITIES = ("0", "1", "2", "3", "4")


@dataclass(frozen=True, slots=True)
class PartyRef:
    id: str
    role: str
    name: str = ""


@dataclass(frozen=True, slots=True)
class PlaceRef:
    """An address of the register and the role it plays for the item."""

    address_id: str
    role: str


@dataclass(frozen=True, slots=True)
class ExternalId:
    id: str
    owner: str = ""
    kind: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Note:
    text: str
    author: str = ""
    id: str = ""
    create_time: datetime | None = None


@dataclass(frozen=True, slots=True)
class ItemRelationship:
    item_id: str
    relationship_type: str


@dataclass(frozen=True, slots=True)
class QualificationReference:
    """A stored eligibility or feasibility check, and the item of it that answered."""

    check_id: str
    item_id: str


@dataclass(frozen=True, slots=True)
class ItemConfiguration:
    """Characteristic values and bundle components as the channel sent them. Opaque here:
    the catalog judges it (CatalogReader); `document` is the adapter's serialised form."""

    document: str


@dataclass(frozen=True, slots=True, kw_only=True)
class OrderItem:
    id: str
    # None: the channel did not say; refused on submission.
    action: ItemAction | None = ItemAction.ADD
    quantity: int = 1
    offering_id: str = ""
    product_id: str = ""
    configuration: ItemConfiguration | None = None
    places: tuple[PlaceRef, ...] = ()
    eligibility: QualificationReference | None = None
    feasibility: QualificationReference | None = None
    relationships: tuple[ItemRelationship, ...] = ()
    items: tuple[OrderItem, ...] = ()
    # Output only. None on drafts; set when the order is acknowledged.
    state: ItemState | None = None
    # Output only. Where a cancellation being assessed returns the item if it is rejected.
    state_before_cancellation: ItemState | None = None

    @property
    def installation_place(self) -> PlaceRef | None:
        return next((p for p in self.places if p.role in INSTALLATION_ROLES), None)

    @property
    def changes_a_product(self) -> bool:
        """Adds or modifies a product, so qualification applies to it."""
        return self.action in (ItemAction.ADD, ItemAction.MODIFY) and bool(self.offering_id)


@dataclass(frozen=True, slots=True, kw_only=True)
class OrderContent:
    """Everything the channel writes; the rest of an order is output only."""

    parties: tuple[PartyRef, ...] = ()
    channel: str = ""
    external_ids: tuple[ExternalId, ...] = ()
    description: str = ""
    category: str = ""
    priority: str = ""
    billing_account_id: str = ""
    requested_start_time: datetime | None = None
    requested_completion_time: datetime | None = None
    notes: tuple[Note, ...] = ()
    items: tuple[OrderItem, ...] = ()
    # Attributes a channel sent that the product keeps without interpreting them: a JSON object
    # (canonical text, sorted keys), never read by any rule.
    extension: str = "{}"

    @property
    def customer_ids(self) -> tuple[str, ...]:
        return tuple(p.id for p in self.parties if p.role == CUSTOMER_ROLE)

    @property
    def customer_id(self) -> str:
        """The one customer; empty when there is none or more than one."""
        ids = set(self.customer_ids)
        return next(iter(ids)) if len(ids) == 1 else ""

    def all_items(self) -> Iterator[OrderItem]:
        return walk(self.items)


@dataclass(frozen=True, slots=True, kw_only=True)
class ProductOrder:
    id: str
    content: OrderContent
    state: OrderState
    create_time: datetime
    update_time: datetime
    correlation_id: str = ""
    expected_completion_time: datetime | None = None
    completion_time: datetime | None = None
    cancellation_time: datetime | None = None
    cancellation_reason: str = ""
    # Where a cancellation being assessed returns the order if it is rejected.
    state_before_cancellation: OrderState | None = None
    # The cancellation request being assessed or carried out, if any.
    cancellation_id: str = ""

    def all_items(self) -> Iterator[OrderItem]:
        return walk(self.content.items)

    def item(self, item_id: str) -> OrderItem | None:
        return next((i for i in self.all_items() if i.id == item_id), None)

    def with_items(self, change: Callable[[OrderItem], OrderItem]) -> ProductOrder:
        """The order with `change` applied to every item, nested ones included."""
        items = map_items(self.content.items, change)
        return replace(self, content=replace(self.content, items=items))


def walk(items: tuple[OrderItem, ...]) -> Iterator[OrderItem]:
    """Every item, depth first, a bundle before its components."""
    for item in items:
        yield item
        yield from walk(item.items)


def map_items(
    items: tuple[OrderItem, ...], change: Callable[[OrderItem], OrderItem]
) -> tuple[OrderItem, ...]:
    return tuple(change(replace(item, items=map_items(item.items, change))) for item in items)
