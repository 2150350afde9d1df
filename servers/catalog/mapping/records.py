"""Catalog records (one entity of a catalog file, with its line) in both directions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from domain.catalog.errors import InvalidEntity
from domain.catalog.model import (
    Catalog,
    CatalogEntity,
    CatalogRecord,
    Category,
    Offering,
    OfferingPrice,
    ProductSpecification,
)
from domain.shared.errors import FieldViolation
from ordercapture.catalog.v1 import import_pb2
from servers.catalog.mapping.catalogs import catalog_from, catalog_to, category_from, category_to
from servers.catalog.mapping.offerings import offering_from, offering_to
from servers.catalog.mapping.prices import price_from, price_to
from servers.catalog.mapping.specifications import specification_from, specification_to

# The record's oneof field names, and how each becomes a domain entity.
ENTITY_FROM: dict[str, Callable[[Any], CatalogEntity]] = {
    "catalog": catalog_from,
    "category": category_from,
    "specification": specification_from,
    "price": price_from,
    "offering": offering_from,
}
ENTITY_FIELDS: dict[type[CatalogEntity], str] = {
    Catalog: "catalog",
    Category: "category",
    ProductSpecification: "specification",
    OfferingPrice: "price",
    Offering: "offering",
}


def record_from(message: import_pb2.CatalogRecord) -> CatalogRecord:
    """Raises InvalidEntity when the record holds no entity or a bad value."""
    kind = message.WhichOneof("entity")
    if kind is None:
        raise InvalidEntity(
            "the record holds no entity",
            violations=(FieldViolation("entity", "one of " + ", ".join(ENTITY_FROM)),),
        )
    return CatalogRecord(message.line, ENTITY_FROM[kind](getattr(message, kind)))


def record_to(record: CatalogRecord) -> import_pb2.CatalogRecord:
    entity = record.entity
    message: Any
    if isinstance(entity, Catalog):
        message = catalog_to(entity)
    elif isinstance(entity, Category):
        message = category_to(entity)
    elif isinstance(entity, ProductSpecification):
        message = specification_to(entity)
    elif isinstance(entity, OfferingPrice):
        message = price_to(entity)
    else:
        message = offering_to(entity)
    return import_pb2.CatalogRecord(line=record.line, **{ENTITY_FIELDS[type(entity)]: message})
