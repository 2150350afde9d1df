"""List requests: typed filters, sort keys and paging."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from domain.catalog.errors import InvalidEntity
from domain.catalog.queries import (
    CatalogFilter,
    CategoryFilter,
    ImportJobFilter,
    OfferingFilter,
    OfferingPriceFilter,
    PageRequest,
    ProductSpecificationFilter,
    SortField,
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
from servers.catalog.mapping.entities import IMPORT_JOB_STATES, PRICE_KINDS
from servers.catalog.mapping.values import time_from

SORT_FIELDS: dict[int, SortField] = {
    query_pb2.SORT_FIELD_UNSPECIFIED: SortField.ID,
    query_pb2.SORT_FIELD_ID: SortField.ID,
    query_pb2.SORT_FIELD_NAME: SortField.NAME,
    query_pb2.SORT_FIELD_LIFECYCLE_STATUS: SortField.LIFECYCLE_STATUS,
    query_pb2.SORT_FIELD_VERSION: SortField.VERSION,
    query_pb2.SORT_FIELD_UPDATE_TIME: SortField.UPDATE_TIME,
    query_pb2.SORT_FIELD_CREATE_TIME: SortField.CREATE_TIME,
}


def page_from(message: query_pb2.Page) -> PageRequest:
    keys = []
    for i, key in enumerate(message.order_by):
        field = SORT_FIELDS.get(key.field)
        if field is None:
            raise _invalid(f"page.order_by[{i}].field", f"unknown sort field {key.field}")
        keys.append(SortKey(field, key.descending))
    return PageRequest(size=message.page_size, skip=message.skip, order_by=tuple(keys))


def _common(message: query_pb2.EntityFilter) -> dict[str, Any]:
    return {
        "ids": tuple(message.ids),
        "names": tuple(message.names),
        "lifecycle_statuses": tuple(message.lifecycle_statuses),
        "versions": tuple(message.versions),
        "updated_after": time_from(message.updated_after, message.HasField("updated_after")),
        "updated_before": time_from(message.updated_before, message.HasField("updated_before")),
    }


def _optional(message: Any, field: str) -> bool | None:
    return bool(getattr(message, field)) if message.HasField(field) else None


def catalog_filter_from(message: catalog_pb2.CatalogFilter) -> CatalogFilter:
    return CatalogFilter(
        **_common(message.common),
        catalog_types=tuple(message.catalog_types),
        category_ids=tuple(message.category_ids),
    )


def category_filter_from(message: catalog_pb2.CategoryFilter) -> CategoryFilter:
    return CategoryFilter(
        **_common(message.common),
        parent_ids=tuple(message.parent_ids),
        is_root=_optional(message, "is_root"),
    )


def specification_filter_from(
    message: specification_pb2.ProductSpecificationFilter,
) -> ProductSpecificationFilter:
    return ProductSpecificationFilter(**_common(message.common), brands=tuple(message.brands))


def offering_filter_from(message: offering_pb2.OfferingFilter) -> OfferingFilter:
    return OfferingFilter(
        **_common(message.common),
        category_ids=tuple(message.category_ids),
        specification_ids=tuple(message.specification_ids),
        price_ids=tuple(message.price_ids),
        is_bundle=_optional(message, "is_bundle"),
        is_sellable=_optional(message, "is_sellable"),
    )


def price_filter_from(message: price_pb2.OfferingPriceFilter) -> OfferingPriceFilter:
    kinds = []
    for i, number in enumerate(message.kinds):
        kind = PRICE_KINDS.get(number)
        if kind is None:
            raise _invalid(f"filter.kinds[{i}]", f"unknown price kind {number}")
        kinds.append(kind)
    return OfferingPriceFilter(
        **_common(message.common),
        kinds=tuple(kinds),
        currency_codes=tuple(message.currency_codes),
    )


def import_job_filter_from(
    numbers: Iterable[import_pb2.ImportJobState.ValueType],
) -> ImportJobFilter:
    states = []
    for i, number in enumerate(numbers):
        state = IMPORT_JOB_STATES.get(number)
        if state is None:
            raise _invalid(f"states[{i}]", f"unknown import job state {number}")
        states.append(state)
    return ImportJobFilter(states=tuple(states))


def _invalid(field: str, description: str) -> InvalidEntity:
    return InvalidEntity(description, violations=(FieldViolation(field, description),))
