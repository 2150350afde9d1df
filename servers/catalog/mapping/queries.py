"""List requests: typed filters, sort keys and paging."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from domain.catalog.errors import InvalidEntity
from domain.catalog.queries import (
    DEFAULT_PAGE_SIZE,
    MAX_PAGE_SIZE,
    CatalogFilter,
    CategoryFilter,
    ImportJobFilter,
    OfferingFilter,
    OfferingPriceFilter,
    PageRequest,
    ProductSpecificationFilter,
    SortKey,
)
from domain.shared.errors import FieldViolation
from ordercapture.catalog.v1 import (
    catalog_pb2,
    import_pb2,
    offering_pb2,
    price_pb2,
    query_pb2,
    specification_pb2,
)
from ordercapture.type.v1 import condition_pb2
from servers.catalog.mapping.enums import (
    import_job_state_from,
    price_kind_from,
    sort_field_from,
)
from servers.catalog.mapping.values import time_from
from servers.conditions import conditions_from

# The attribute conditions of a List request (its `conditions`).
Conditions = Iterable[condition_pb2.AttributeCondition]


def page_from(message: query_pb2.Page) -> PageRequest:
    """page_size 0 is the documented default; out-of-range sizes and skips are refused."""
    if not 0 <= message.page_size <= MAX_PAGE_SIZE:
        raise _invalid("page.page_size", f"must be 0..{MAX_PAGE_SIZE}")
    if message.skip < 0:
        raise _invalid("page.skip", "must not be negative")
    keys = tuple(
        SortKey(sort_field_from(key.field, f"page.order_by[{i}].field"), key.descending)
        for i, key in enumerate(message.order_by)
    )
    return PageRequest(
        size=message.page_size or DEFAULT_PAGE_SIZE, skip=message.skip, order_by=keys
    )


def _common(message: query_pb2.EntityFilter, conditions: Conditions) -> dict[str, Any]:
    return {
        "ids": tuple(message.ids),
        "names": tuple(message.names),
        "lifecycle_statuses": tuple(message.lifecycle_statuses),
        "versions": tuple(message.versions),
        "updated_after": time_from(message.updated_after, message.HasField("updated_after")),
        "updated_before": time_from(message.updated_before, message.HasField("updated_before")),
        "conditions": conditions_from(conditions),
    }


def _optional(message: Any, field: str) -> bool | None:
    return bool(getattr(message, field)) if message.HasField(field) else None


def catalog_filter_from(
    message: catalog_pb2.CatalogFilter, conditions: Conditions = ()
) -> CatalogFilter:
    return CatalogFilter(
        **_common(message.common, conditions),
        catalog_types=tuple(message.catalog_types),
        category_ids=tuple(message.category_ids),
    )


def category_filter_from(
    message: catalog_pb2.CategoryFilter, conditions: Conditions = ()
) -> CategoryFilter:
    return CategoryFilter(
        **_common(message.common, conditions),
        parent_ids=tuple(message.parent_ids),
        is_root=_optional(message, "is_root"),
    )


def specification_filter_from(
    message: specification_pb2.ProductSpecificationFilter, conditions: Conditions = ()
) -> ProductSpecificationFilter:
    return ProductSpecificationFilter(
        **_common(message.common, conditions), brands=tuple(message.brands)
    )


def offering_filter_from(
    message: offering_pb2.OfferingFilter, conditions: Conditions = ()
) -> OfferingFilter:
    return OfferingFilter(
        **_common(message.common, conditions),
        category_ids=tuple(message.category_ids),
        specification_ids=tuple(message.specification_ids),
        price_ids=tuple(message.price_ids),
        is_bundle=_optional(message, "is_bundle"),
        is_sellable=_optional(message, "is_sellable"),
    )


def price_filter_from(
    message: price_pb2.OfferingPriceFilter, conditions: Conditions = ()
) -> OfferingPriceFilter:
    return OfferingPriceFilter(
        **_common(message.common, conditions),
        kinds=tuple(price_kind_from(k, f"filter.kinds[{i}]") for i, k in enumerate(message.kinds)),
        currency_codes=tuple(message.currency_codes),
    )


def import_job_filter_from(
    numbers: Iterable[import_pb2.ImportJobState.ValueType], conditions: Conditions = ()
) -> ImportJobFilter:
    return ImportJobFilter(
        states=tuple(import_job_state_from(n, f"states[{i}]") for i, n in enumerate(numbers)),
        conditions=conditions_from(conditions),
    )


def _invalid(field: str, description: str) -> InvalidEntity:
    return InvalidEntity(f"{field} {description}", violations=(FieldViolation(field, description),))
