"""Per-resource query tables: TMF attribute paths -> typed proto filters and sort fields.

Only what the proto filters can express is listed; anything else is refused with 400 by the
tmf630 parser (never filtered in Python).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any, Protocol, TypeAlias, TypeVar

from google.protobuf.timestamp_pb2 import Timestamp

from ordercapture.catalog.v1 import (
    catalog_pb2,
    catalog_service_pb2,
    import_pb2,
    offering_pb2,
    price_pb2,
    query_pb2,
    specification_pb2,
)
from rest_facade.catalog.mapping.import_job import JOB_STATES
from rest_facade.catalog.mapping.product_offering_price import PRICE_TYPES
from rest_facade.tmf630 import (
    BoolFilter,
    EnumFilter,
    FilterAttribute,
    ListQuery,
    TextFilter,
    TimeRangeFilter,
)

SF = query_pb2.SortField
SortField: TypeAlias = query_pb2.SortField.ValueType

ENTITY_SORT_KEYS: Mapping[str, SortField] = {
    "id": SF.SORT_FIELD_ID,
    "name": SF.SORT_FIELD_NAME,
    "lifecycleStatus": SF.SORT_FIELD_LIFECYCLE_STATUS,
    "version": SF.SORT_FIELD_VERSION,
    "lastUpdate": SF.SORT_FIELD_UPDATE_TIME,
}
IMPORT_JOB_SORT_KEYS: Mapping[str, SortField] = {
    "id": SF.SORT_FIELD_ID,
    "creationDate": SF.SORT_FIELD_CREATE_TIME,
}


class HasEntityFilter(Protocol):
    @property
    def common(self) -> query_pb2.EntityFilter: ...


C = TypeVar("C", bound=HasEntityFilter)


def _timestamp(instant: datetime) -> Timestamp:
    timestamp = Timestamp()
    timestamp.FromDatetime(instant.astimezone(UTC))
    return timestamp


def entity_filters(kind: type[C]) -> dict[str, FilterAttribute[C]]:
    """Filters every catalog entity understands (its `common` EntityFilter)."""

    def after(target: C, instant: datetime) -> None:
        target.common.updated_after.CopyFrom(_timestamp(instant))

    def before(target: C, instant: datetime) -> None:
        target.common.updated_before.CopyFrom(_timestamp(instant))

    return {
        "id": TextFilter[C](lambda f: f.common.ids),
        "name": TextFilter[C](lambda f: f.common.names),
        "lifecycleStatus": TextFilter[C](lambda f: f.common.lifecycle_statuses),
        "version": TextFilter[C](lambda f: f.common.versions),
        "lastUpdate": TimeRangeFilter[C](after, before),
    }


def _set_is_root(target: catalog_pb2.CategoryFilter, value: bool) -> None:
    target.is_root = value


def _set_is_bundle(target: offering_pb2.OfferingFilter, value: bool) -> None:
    target.is_bundle = value


def _set_is_sellable(target: offering_pb2.OfferingFilter, value: bool) -> None:
    target.is_sellable = value


CatalogFilter = catalog_pb2.CatalogFilter
CATALOG_FILTERS: Mapping[str, FilterAttribute[CatalogFilter]] = {
    **entity_filters(CatalogFilter),
    "catalogType": TextFilter[CatalogFilter](lambda f: f.catalog_types),
    "category.id": TextFilter[CatalogFilter](lambda f: f.category_ids),
}

CategoryFilter = catalog_pb2.CategoryFilter
_PARENT = TextFilter[CategoryFilter](lambda f: f.parent_ids)
CATEGORY_FILTERS: Mapping[str, FilterAttribute[CategoryFilter]] = {
    **entity_filters(CategoryFilter),
    "parent.id": _PARENT,
    "parentId": _PARENT,  # the v4 attribute name, kept as an alias for older clients
    "isRoot": BoolFilter[CategoryFilter](_set_is_root),
}

SpecFilter = specification_pb2.ProductSpecificationFilter
PRODUCT_SPECIFICATION_FILTERS: Mapping[str, FilterAttribute[SpecFilter]] = {
    **entity_filters(SpecFilter),
    "brand": TextFilter[SpecFilter](lambda f: f.brands),
}

PriceFilter = price_pb2.OfferingPriceFilter
PRODUCT_OFFERING_PRICE_FILTERS: Mapping[str, FilterAttribute[PriceFilter]] = {
    **entity_filters(PriceFilter),
    "priceType": EnumFilter[PriceFilter, price_pb2.PriceKind.ValueType](
        PRICE_TYPES, lambda f: f.kinds
    ),
    "price.unit": TextFilter[PriceFilter](lambda f: f.currency_codes),
}

OfferingFilter = offering_pb2.OfferingFilter
PRODUCT_OFFERING_FILTERS: Mapping[str, FilterAttribute[OfferingFilter]] = {
    **entity_filters(OfferingFilter),
    "category.id": TextFilter[OfferingFilter](lambda f: f.category_ids),
    "productSpecification.id": TextFilter[OfferingFilter](lambda f: f.specification_ids),
    "productOfferingPrice.id": TextFilter[OfferingFilter](lambda f: f.price_ids),
    "isBundle": BoolFilter[OfferingFilter](_set_is_bundle),
    "isSellable": BoolFilter[OfferingFilter](_set_is_sellable),
}

JobQuery = catalog_service_pb2.ListImportJobsRequest
IMPORT_JOB_FILTERS: Mapping[str, FilterAttribute[JobQuery]] = {
    "status": EnumFilter[JobQuery, import_pb2.ImportJobState.ValueType](
        JOB_STATES, lambda r: r.states
    ),
}


def page_of(query: ListQuery[Any, SortField]) -> query_pb2.Page:
    return query_pb2.Page(
        page_size=query.limit,
        skip=query.offset,
        order_by=[query_pb2.SortKey(field=f, descending=d) for f, d in query.sort],
    )
