"""Offerings and bundle components."""

from __future__ import annotations

from domain.catalog.model import BundleComponent, Offering
from ordercapture.catalog.v1 import offering_pb2
from servers.catalog.mapping.common import entity_fields_from, entity_fields_to


def offering_from(message: offering_pb2.Offering) -> Offering:
    return Offering(
        **entity_fields_from(message),
        is_bundle=message.is_bundle,
        is_sellable=message.is_sellable,
        specification_id=message.specification_id,
        category_ids=tuple(message.category_ids),
        price_ids=tuple(message.price_ids),
        bundle_components=tuple(component_from(c) for c in message.bundle_components),
    )


def offering_to(offering: Offering) -> offering_pb2.Offering:
    return offering_pb2.Offering(
        **entity_fields_to(offering),
        is_bundle=offering.is_bundle,
        is_sellable=offering.is_sellable,
        specification_id=offering.specification_id,
        category_ids=offering.category_ids,
        price_ids=offering.price_ids,
        bundle_components=[component_to(c) for c in offering.bundle_components],
    )


def component_from(message: offering_pb2.BundleComponent) -> BundleComponent:
    return BundleComponent(
        offering_id=message.offering_id,
        min_quantity=message.min_quantity,
        max_quantity=message.max_quantity,
        default_quantity=message.default_quantity,
    )


def component_to(component: BundleComponent) -> offering_pb2.BundleComponent:
    return offering_pb2.BundleComponent(
        offering_id=component.offering_id,
        min_quantity=component.min_quantity,
        max_quantity=component.max_quantity,
        default_quantity=component.default_quantity,
    )
