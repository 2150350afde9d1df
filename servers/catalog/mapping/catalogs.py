"""Catalogs and categories."""

from __future__ import annotations

from domain.catalog.model import Catalog, Category
from ordercapture.catalog.v1 import catalog_pb2
from servers.catalog.mapping.common import entity_fields_from, entity_fields_to


def catalog_from(message: catalog_pb2.Catalog) -> Catalog:
    return Catalog(
        **entity_fields_from(message),
        catalog_type=message.catalog_type,
        category_ids=tuple(message.category_ids),
    )


def catalog_to(catalog: Catalog) -> catalog_pb2.Catalog:
    return catalog_pb2.Catalog(
        **entity_fields_to(catalog),
        catalog_type=catalog.catalog_type,
        category_ids=catalog.category_ids,
    )


def category_from(message: catalog_pb2.Category) -> Category:
    return Category(**entity_fields_from(message), parent_id=message.parent_id)


def category_to(category: Category) -> catalog_pb2.Category:
    return catalog_pb2.Category(**entity_fields_to(category), parent_id=category.parent_id)
