"""Catalog entities and value objects. Pure data: rules that judge them live in rules.py."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from domain.shared.money import Money
from domain.shared.time import TimePeriod

# Lifecycle statuses are data (operators name their own); these are the ones that sell.
ORDERABLE_STATUSES = frozenset({"Active", "Launched"})
DEFAULT_LIFECYCLE_STATUS = "In design"
# The extension of an entity or job that keeps nothing (see Entity.extension).
NO_EXTENSION = "{}"

# A characteristic value is text, an exact number or a flag.
Value = str | Decimal | bool


@dataclass(frozen=True, slots=True, kw_only=True)
class Entity:
    """Attributes every catalog entity has."""

    id: str
    name: str = ""
    description: str = ""
    version: str = ""
    lifecycle_status: str = DEFAULT_LIFECYCLE_STATUS
    validity: TimePeriod = field(default_factory=TimePeriod)
    create_time: datetime | None = None
    update_time: datetime | None = None
    # Attributes a channel sent that the catalog keeps without interpreting them: a JSON object
    # as canonical text (sorted keys), stored and given back, never read by the domain.
    extension: str = NO_EXTENSION


@dataclass(frozen=True, slots=True, kw_only=True)
class Catalog(Entity):
    catalog_type: str = ""
    category_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Category(Entity):
    parent_id: str = ""

    @property
    def is_root(self) -> bool:
        return not self.parent_id


class ValueType(enum.Enum):
    TEXT = "text"
    NUMBER = "number"
    INTEGER = "integer"
    FLAG = "flag"


@dataclass(frozen=True, slots=True)
class NumberRange:
    minimum: Decimal | None = None
    maximum: Decimal | None = None

    def contains(self, number: Decimal) -> bool:
        if self.minimum is not None and number < self.minimum:
            return False
        return not (self.maximum is not None and number > self.maximum)


@dataclass(frozen=True, slots=True, kw_only=True)
class AllowedValue:
    """A single allowed value, or a numeric range when `value` is None."""

    value: Value | None = None
    range: NumberRange | None = None
    unit_of_measure: str = ""
    is_default: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class CharacteristicSpecification:
    name: str
    description: str = ""
    value_type: ValueType = ValueType.TEXT
    configurable: bool = True
    min_cardinality: int = 0
    max_cardinality: int | None = 1  # None: unbounded
    allowed_values: tuple[AllowedValue, ...] = ()

    @property
    def required(self) -> bool:
        return self.min_cardinality >= 1

    @property
    def default(self) -> Value | None:
        return next((a.value for a in self.allowed_values if a.is_default), None)


@dataclass(frozen=True, slots=True, kw_only=True)
class ProductSpecification(Entity):
    brand: str = ""
    product_number: str = ""
    characteristics: tuple[CharacteristicSpecification, ...] = ()

    def characteristic(self, name: str) -> CharacteristicSpecification | None:
        return next((c for c in self.characteristics if c.name == name), None)


class PriceKind(enum.Enum):
    ONE_TIME = "oneTime"
    RECURRING = "recurring"
    USAGE = "usage"
    DISCOUNT = "discount"


@dataclass(frozen=True, slots=True, kw_only=True)
class OfferingPrice(Entity):
    kind: PriceKind = PriceKind.ONE_TIME
    amount: Money | None = None
    recurring_period: str = ""
    unit_of_measure: str = ""
    discount_percentage: Decimal | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class BundleComponent:
    offering_id: str
    min_quantity: int = 0
    max_quantity: int = 1
    default_quantity: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class Offering(Entity):
    is_bundle: bool = False
    is_sellable: bool = True
    specification_id: str = ""
    category_ids: tuple[str, ...] = ()
    price_ids: tuple[str, ...] = ()
    bundle_components: tuple[BundleComponent, ...] = ()

    def is_orderable(self, at: datetime) -> bool:
        """Active, sellable and valid at the given instant."""
        return (
            self.lifecycle_status in ORDERABLE_STATUSES
            and self.is_sellable
            and self.validity.contains(at)
        )

    def component(self, offering_id: str) -> BundleComponent | None:
        return next((c for c in self.bundle_components if c.offering_id == offering_id), None)


class ImportJobState(enum.Enum):
    NOT_STARTED = "notStarted"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"


@dataclass(frozen=True, slots=True, kw_only=True)
class ImportJob:
    id: str
    source_url: str
    content_type: str = "application/x-ndjson"
    state: ImportJobState = ImportJobState.NOT_STARTED
    error_log: str = ""
    records_imported: int = 0
    create_time: datetime | None = None
    completion_time: datetime | None = None
    extension: str = NO_EXTENSION  # as Entity.extension


# --- Requested configurations (what qualification and ordering ask the catalog to judge) ---


@dataclass(frozen=True, slots=True)
class ConfiguredCharacteristic:
    name: str
    values: tuple[Value, ...]


@dataclass(frozen=True, slots=True)
class RequestedComponent:
    offering_id: str
    quantity: int = 1
    configuration: RequestedConfiguration | None = None


@dataclass(frozen=True, slots=True)
class RequestedConfiguration:
    characteristics: tuple[ConfiguredCharacteristic, ...] = ()
    components: tuple[RequestedComponent, ...] = ()


@dataclass(frozen=True, slots=True)
class ConfigurationViolation:
    path: str
    reason: str
    message: str


CatalogEntity = Catalog | Category | ProductSpecification | OfferingPrice | Offering


@dataclass(frozen=True, slots=True)
class CatalogRecord:
    """One entity of a catalog file and the line it came from."""

    line: int
    entity: CatalogEntity
