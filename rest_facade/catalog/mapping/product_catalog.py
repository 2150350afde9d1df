"""ProductCatalog <-> Catalog."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ordercapture.catalog.v1 import catalog_pb2
from rest_facade.catalog.mapping.entity import entity_from_tmf, entity_to_tmf, items, text
from rest_facade.extension_attributes import merged
from rest_facade.tmf_values import Hrefs, JsonObject, reference, reference_id

TMF_TYPE = "ProductCatalog"
COLLECTION = "productCatalog"
UPDATE_PATHS: Mapping[str, tuple[str, ...]] = {
    "catalogType": ("catalog_type",),
    "category": ("category_ids",),
}


def category_ref(hrefs: Hrefs, category_id: str) -> JsonObject:
    return reference(hrefs, "category", category_id, "CategoryRef", "Category")


def to_tmf(catalog: catalog_pb2.Catalog, hrefs: Hrefs) -> JsonObject:
    document = entity_to_tmf(catalog, TMF_TYPE, hrefs.of(COLLECTION, catalog.id))
    if catalog.catalog_type:
        document["catalogType"] = catalog.catalog_type
    if catalog.category_ids:
        document["category"] = [category_ref(hrefs, i) for i in catalog.category_ids]
    return merged(document, catalog.extension)


def from_tmf(document: Mapping[str, Any]) -> catalog_pb2.Catalog:
    catalog = catalog_pb2.Catalog(catalog_type=text(document, "catalogType"))
    entity_from_tmf(document, catalog)
    catalog.category_ids.extend(
        reference_id(ref, f"category[{n}]") for n, ref in enumerate(items(document, "category"))
    )
    return catalog
