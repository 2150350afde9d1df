"""The TMF620 resources served: for each, its names, mapping, query and patch tables."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from ordercapture.catalog.v1 import (
    catalog_pb2,
    catalog_service_pb2,
    offering_pb2,
    price_pb2,
    specification_pb2,
)
from rest_facade.catalog import conditions as condition_tables
from rest_facade.catalog import queries
from rest_facade.catalog.mapping import (
    category,
    entity,
    import_job,
    product_catalog,
    product_offering,
    product_offering_price,
    product_specification,
)
from rest_facade.catalog.queries import SortField
from rest_facade.tmf630 import ConditionPath, FilterAttribute, QuerySpec
from rest_facade.tmf_values import Hrefs, JsonObject

M = TypeVar("M")
F = TypeVar("F")


@dataclass(frozen=True, slots=True)
class CatalogResource(Generic[M, F]):
    collection: str  # path segment, e.g. "productOffering"
    tmf_type: str  # @type and operationId suffix, e.g. "ProductOffering"
    to_tmf: Callable[[M, Hrefs], JsonObject]
    from_tmf: Callable[[Mapping[str, Any]], M]
    query: QuerySpec[F, SortField]
    # Patchable attribute -> proto field-mask paths.
    update_paths: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # Accepted on create (and ignored), refused on patch.
    read_only: frozenset[str] = entity.READ_ONLY

    @property
    def accepted(self) -> frozenset[str]:
        """Attributes a create body may carry; anything else is refused, not dropped."""
        return self.query.attributes | entity.MARKERS


def _catalog_resource(
    *,
    names: tuple[str, str],
    mapping: tuple[Callable[[M, Hrefs], JsonObject], Callable[[Mapping[str, Any]], M]],
    update_paths: Mapping[str, tuple[str, ...]],
    new_filter: Callable[[], F],
    filters: Mapping[str, FilterAttribute[F]],
    conditions: Mapping[str, ConditionPath],
    read_only: frozenset[str] = entity.READ_ONLY,
) -> CatalogResource[M, F]:
    """A catalog entity resource: the shared attributes plus the resource's own."""
    all_paths = {**entity.UPDATE_PATHS, **update_paths}
    return CatalogResource(
        collection=names[0],
        tmf_type=names[1],
        to_tmf=mapping[0],
        from_tmf=mapping[1],
        query=QuerySpec(
            attributes=frozenset(all_paths) | read_only | {"@type"},
            new_filter=new_filter,
            filters=filters,
            conditions=conditions,
            sort_keys=queries.ENTITY_SORT_KEYS,
            tiebreak=queries.SF.SORT_FIELD_ID,
        ),
        update_paths=all_paths,
        read_only=read_only,
    )


PRODUCT_CATALOG = _catalog_resource(
    names=(product_catalog.COLLECTION, product_catalog.TMF_TYPE),
    mapping=(product_catalog.to_tmf, product_catalog.from_tmf),
    update_paths=product_catalog.UPDATE_PATHS,
    new_filter=catalog_pb2.CatalogFilter,
    filters=queries.CATALOG_FILTERS,
    conditions=condition_tables.PRODUCT_CATALOG,
)
CATEGORY = _catalog_resource(
    names=(category.COLLECTION, category.TMF_TYPE),
    mapping=(category.to_tmf, category.from_tmf),
    update_paths=category.UPDATE_PATHS,
    new_filter=catalog_pb2.CategoryFilter,
    filters=queries.CATEGORY_FILTERS,
    conditions=condition_tables.CATEGORY,
    read_only=entity.READ_ONLY | category.DERIVED,
)
PRODUCT_SPECIFICATION = _catalog_resource(
    names=(product_specification.COLLECTION, product_specification.TMF_TYPE),
    mapping=(product_specification.to_tmf, product_specification.from_tmf),
    update_paths=product_specification.UPDATE_PATHS,
    new_filter=specification_pb2.ProductSpecificationFilter,
    filters=queries.PRODUCT_SPECIFICATION_FILTERS,
    conditions=condition_tables.PRODUCT_SPECIFICATION,
)
PRODUCT_OFFERING_PRICE = _catalog_resource(
    names=(product_offering_price.COLLECTION, product_offering_price.TMF_TYPE),
    mapping=(product_offering_price.to_tmf, product_offering_price.from_tmf),
    update_paths=product_offering_price.UPDATE_PATHS,
    new_filter=price_pb2.OfferingPriceFilter,
    filters=queries.PRODUCT_OFFERING_PRICE_FILTERS,
    conditions=condition_tables.PRODUCT_OFFERING_PRICE,
)
PRODUCT_OFFERING = _catalog_resource(
    names=(product_offering.COLLECTION, product_offering.TMF_TYPE),
    mapping=(product_offering.to_tmf, product_offering.from_tmf),
    update_paths=product_offering.UPDATE_PATHS,
    new_filter=offering_pb2.OfferingFilter,
    filters=queries.PRODUCT_OFFERING_FILTERS,
    conditions=condition_tables.PRODUCT_OFFERING,
)
# Import jobs are tasks, not catalog entities: no patch, their own attributes and sort keys.
IMPORT_JOB = CatalogResource(
    collection=import_job.COLLECTION,
    tmf_type=import_job.TMF_TYPE,
    to_tmf=import_job.to_tmf,
    from_tmf=import_job.from_tmf,
    query=QuerySpec(
        attributes=import_job.SERVER_MANAGED | {"@type", "url", "contentType"},
        new_filter=catalog_service_pb2.ListImportJobsRequest,
        filters=queries.IMPORT_JOB_FILTERS,
        conditions=condition_tables.IMPORT_JOB,
        sort_keys=queries.IMPORT_JOB_SORT_KEYS,
        tiebreak=queries.SF.SORT_FIELD_ID,
    ),
    read_only=import_job.SERVER_MANAGED,
)
