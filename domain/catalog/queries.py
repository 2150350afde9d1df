"""Typed list queries. Repositories translate them to SQL; nothing filters in Python."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime
from typing import Generic, TypeVar

from domain.catalog.model import ImportJobState, PriceKind
from domain.shared.conditions import AttributeCondition

T = TypeVar("T")

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 1000


class SortField(enum.Enum):
    ID = "id"
    NAME = "name"
    LIFECYCLE_STATUS = "lifecycle_status"
    VERSION = "version"
    UPDATE_TIME = "update_time"
    CREATE_TIME = "create_time"


@dataclass(frozen=True, slots=True)
class SortKey:
    field: SortField
    descending: bool = False


@dataclass(frozen=True, slots=True)
class PageRequest:
    size: int = DEFAULT_PAGE_SIZE
    skip: int = 0
    order_by: tuple[SortKey, ...] = ()


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    items: tuple[T, ...]
    total: int


@dataclass(frozen=True, slots=True, kw_only=True)
class EntityFilter:
    """Shared attributes. Tuples are OR-ed within, fields AND-ed across; empty means any."""

    ids: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    lifecycle_statuses: tuple[str, ...] = ()
    versions: tuple[str, ...] = ()
    updated_after: datetime | None = None
    updated_before: datetime | None = None
    # Conditions on any attribute of the listed message, all of which must hold.
    conditions: tuple[AttributeCondition, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class CatalogFilter(EntityFilter):
    catalog_types: tuple[str, ...] = ()
    category_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class CategoryFilter(EntityFilter):
    parent_ids: tuple[str, ...] = ()
    is_root: bool | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ProductSpecificationFilter(EntityFilter):
    brands: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class OfferingFilter(EntityFilter):
    category_ids: tuple[str, ...] = ()
    specification_ids: tuple[str, ...] = ()
    price_ids: tuple[str, ...] = ()
    is_bundle: bool | None = None
    is_sellable: bool | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class OfferingPriceFilter(EntityFilter):
    kinds: tuple[PriceKind, ...] = ()
    currency_codes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class ImportJobFilter:
    states: tuple[ImportJobState, ...] = field(default=())
    conditions: tuple[AttributeCondition, ...] = ()  # as EntityFilter.conditions
