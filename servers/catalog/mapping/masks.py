"""Update masks: proto field names -> domain attribute names, one table per resource. Only
top-level, updatable fields may be named; a repeated or message field is replaced whole.
Anything else (output-only fields, nested paths, typos) is refused rather than ignored."""

from __future__ import annotations

from collections.abc import Mapping

from google.protobuf.field_mask_pb2 import FieldMask

from domain.catalog.errors import InvalidEntity
from domain.shared.errors import FieldViolation

_ENTITY: Mapping[str, str] = {
    "name": "name",
    "description": "description",
    "version": "version",
    "lifecycle_status": "lifecycle_status",
    "validity": "validity",
    "extension": "extension",
}
CATALOG_PATHS: Mapping[str, str] = {
    **_ENTITY,
    "catalog_type": "catalog_type",
    "category_ids": "category_ids",
}
CATEGORY_PATHS: Mapping[str, str] = {**_ENTITY, "parent_id": "parent_id"}
SPECIFICATION_PATHS: Mapping[str, str] = {
    **_ENTITY,
    "brand": "brand",
    "product_number": "product_number",
    "characteristics": "characteristics",
}
PRICE_PATHS: Mapping[str, str] = {
    **_ENTITY,
    "kind": "kind",
    "amount": "amount",
    "recurring_period": "recurring_period",
    "unit_of_measure": "unit_of_measure",
    "discount_percentage": "discount_percentage",
}
OFFERING_PATHS: Mapping[str, str] = {
    **_ENTITY,
    "is_bundle": "is_bundle",
    "is_sellable": "is_sellable",
    "specification_id": "specification_id",
    "category_ids": "category_ids",
    "price_ids": "price_ids",
    "bundle_components": "bundle_components",
}


def fields_from(mask: FieldMask, paths: Mapping[str, str]) -> frozenset[str]:
    """The domain attributes the mask names; empty (every updatable field) for no paths."""
    unknown = [
        FieldViolation(f"update_mask.paths[{i}]", f"{path!r} cannot be updated")
        for i, path in enumerate(mask.paths)
        if path not in paths
    ]
    if unknown:
        raise InvalidEntity(
            "the update mask names fields that cannot be updated", violations=tuple(unknown)
        )
    return frozenset(paths[path] for path in mask.paths)
