"""Per-resource condition tables: every TMF attribute path a TMF620 representation carries that
maps to a field of the resource's message -> that field's path, so a filter on it (any
operator) is evaluated by the tier in its database (rest_facade.tmf630.conditions).

The correspondences are those of the mapping modules (rest_facade.catalog.mapping).
Enumerated attributes translate their values (`priceType`, `status`, `valueType`);
`lifecycleStatus` is free text on both sides (operators name their own statuses). What the
facade computes rather than reads from a field has no entry: `href`s, `@type` and
`@referredType` constants, `isRoot` (derived from `parent`; a typed filter),
`recurringChargePeriodLength` and `unitOfMeasure.amount` (always 1), and a characteristic value
specification's `valueType` (its characteristic's) and `value` (one of three fields, by kind).
"""

from __future__ import annotations

from collections.abc import Mapping

from ordercapture.catalog.v1 import import_pb2, price_pb2, specification_pb2
from rest_facade.catalog.mapping.characteristics import VALUE_TYPES
from rest_facade.catalog.mapping.import_job import JOB_STATES
from rest_facade.catalog.mapping.product_offering_price import PRICE_TYPES
from rest_facade.tmf630 import ConditionPath, polymorphic, prefixed

Table = Mapping[str, ConditionPath]


def _paths(pairs: Mapping[str, str]) -> dict[str, ConditionPath]:
    return {tmf: ConditionPath(proto) for tmf, proto in pairs.items()}


# Shared by every catalog entity (rest_facade.catalog.mapping.entity).
ENTITY: Table = _paths(
    {
        "id": "id",
        "name": "name",
        "description": "description",
        "version": "version",
        "lifecycleStatus": "lifecycle_status",
        "validFor.startDateTime": "validity.start_time",
        "validFor.endDateTime": "validity.end_time",
        "lastUpdate": "update_time",
    }
)


def _reference(tmf: str, proto: str) -> dict[str, ConditionPath]:
    """A reference (`{"id", "href", ...}`) to another entity: its id is what is stored."""
    return {f"{tmf}.id": ConditionPath(proto)}


PRODUCT_CATALOG: Table = {
    **polymorphic("ProductCatalog"),
    **ENTITY,
    **_paths({"catalogType": "catalog_type"}),
    **_reference("category", "category_ids"),
}

CATEGORY: Table = {
    **polymorphic("Category"),
    **ENTITY,
    **_reference("parent", "parent_id"),
}

_VALUE_SPECIFICATION: Table = _paths(
    {
        "valueFrom": "range.min",
        "valueTo": "range.max",
        "unitOfMeasure": "unit_of_measure",
        "isDefault": "is_default",
    }
)
_CHARACTERISTIC: Table = {
    **_paths(
        {
            "name": "name",
            "description": "description",
            "configurable": "configurable",
            "minCardinality": "min_cardinality",
            "maxCardinality": "max_cardinality",
        }
    ),
    "valueType": ConditionPath(
        "value_type",
        {tmf: specification_pb2.ValueType.Name(kind) for tmf, kind in VALUE_TYPES.items()},
    ),
    **prefixed("characteristicValueSpecification", "allowed_values", _VALUE_SPECIFICATION),
}
PRODUCT_SPECIFICATION: Table = {
    **polymorphic("ProductSpecification"),
    **ENTITY,
    **_paths({"brand": "brand", "productNumber": "product_number"}),
    **prefixed("productSpecCharacteristic", "characteristics", _CHARACTERISTIC),
}

PRODUCT_OFFERING_PRICE: Table = {
    **polymorphic("ProductOfferingPrice"),
    **ENTITY,
    "priceType": ConditionPath(
        "kind", {tmf: price_pb2.PriceKind.Name(kind) for tmf, kind in PRICE_TYPES.items()}
    ),
    **_paths(
        {
            "price.unit": "amount.currency_code",
            "price.value": "amount.amount",
            "recurringChargePeriodType": "recurring_period",
            "unitOfMeasure.units": "unit_of_measure",
            "percentage": "discount_percentage",
        }
    ),
}

_BUNDLE_OPTION: Table = _paths(
    {
        "numberRelOfferLowerLimit": "min_quantity",
        "numberRelOfferUpperLimit": "max_quantity",
        "numberRelOfferDefault": "default_quantity",
    }
)
PRODUCT_OFFERING: Table = {
    **polymorphic("ProductOffering"),
    **ENTITY,
    **_paths({"isBundle": "is_bundle", "isSellable": "is_sellable"}),
    **_reference("productSpecification", "specification_id"),
    **_reference("category", "category_ids"),
    **_reference("productOfferingPrice", "price_ids"),
    **_reference("bundledProductOffering", "bundle_components.offering_id"),
    **prefixed(
        "bundledProductOffering.bundledProductOfferingOption", "bundle_components", _BUNDLE_OPTION
    ),
}

IMPORT_JOB: Table = {
    **polymorphic("ImportJob"),
    **_paths(
        {
            "id": "id",
            "url": "source_url",
            "contentType": "content_type",
            "errorLog": "error_log",
            "creationDate": "create_time",
            "completionDate": "completion_time",
        }
    ),
    "status": ConditionPath(
        "state", {tmf: import_pb2.ImportJobState.Name(state) for tmf, state in JOB_STATES.items()}
    ),
}
