"""ProductSpecification <-> ProductSpecification."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ordercapture.catalog.v1 import specification_pb2
from rest_facade.catalog.mapping.characteristics import (
    characteristic_from_tmf,
    characteristic_to_tmf,
)
from rest_facade.catalog.mapping.entity import entity_from_tmf, entity_to_tmf, items, text
from rest_facade.extension_attributes import merged
from rest_facade.tmf_values import Hrefs, JsonObject, invalid

TMF_TYPE = "ProductSpecification"
COLLECTION = "productSpecification"
UPDATE_PATHS: Mapping[str, tuple[str, ...]] = {
    "brand": ("brand",),
    "productNumber": ("product_number",),
    "productSpecCharacteristic": ("characteristics",),
}


def to_tmf(spec: specification_pb2.ProductSpecification, hrefs: Hrefs) -> JsonObject:
    document = entity_to_tmf(spec, TMF_TYPE, hrefs.of(COLLECTION, spec.id))
    if spec.brand:
        document["brand"] = spec.brand
    if spec.product_number:
        document["productNumber"] = spec.product_number
    if spec.characteristics:
        document["productSpecCharacteristic"] = [
            characteristic_to_tmf(c) for c in spec.characteristics
        ]
    return merged(document, spec.extension)


def from_tmf(document: Mapping[str, Any]) -> specification_pb2.ProductSpecification:
    spec = specification_pb2.ProductSpecification(
        brand=text(document, "brand"), product_number=text(document, "productNumber")
    )
    entity_from_tmf(document, spec)
    for n, characteristic in enumerate(items(document, "productSpecCharacteristic")):
        attribute = f"productSpecCharacteristic[{n}]"
        if not isinstance(characteristic, Mapping):
            raise invalid(attribute, "an object is expected")
        spec.characteristics.append(characteristic_from_tmf(characteristic, attribute))
    return spec
