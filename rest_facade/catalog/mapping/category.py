"""Category <-> Category. `isRoot` is derived from `parent`: there is nothing else to store."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ordercapture.catalog.v1 import catalog_pb2
from rest_facade.catalog.mapping.entity import entity_from_tmf, entity_to_tmf, flag
from rest_facade.catalog.mapping.product_catalog import category_ref
from rest_facade.extension_attributes import merged
from rest_facade.tmf_values import Hrefs, JsonObject, invalid, reference_id

TMF_TYPE = "Category"
COLLECTION = "category"
UPDATE_PATHS: Mapping[str, tuple[str, ...]] = {"parent": ("parent_id",)}
DERIVED = frozenset({"isRoot"})


def to_tmf(category: catalog_pb2.Category, hrefs: Hrefs) -> JsonObject:
    document = entity_to_tmf(category, TMF_TYPE, hrefs.of(COLLECTION, category.id))
    document["isRoot"] = not category.parent_id
    if category.parent_id:
        document["parent"] = category_ref(hrefs, category.parent_id)
    return merged(document, category.extension)


def from_tmf(document: Mapping[str, Any]) -> catalog_pb2.Category:
    category = catalog_pb2.Category()
    entity_from_tmf(document, category)
    if document.get("parent") is not None:
        category.parent_id = reference_id(document["parent"], "parent")
    # isRoot is accepted when it agrees with parent, refused when it contradicts it.
    if flag(document, "isRoot", not category.parent_id) != (not category.parent_id):
        raise invalid("isRoot", "contradicts 'parent' (a root category has no parent)")
    return category
