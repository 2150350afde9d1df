"""Which TMF event each API publishes for a (resource, change kind), one explicit table per API.

Names and payload keys follow the official documents of each API version (TMF620 v5, TMF679 v5,
TMF645 v4, TMF622 v5): a pair missing from a table has no event in that API (an import job has
no attribute-change or delete event, an availability query no attribute-change event, a
cancellation only create and state change), so nothing is sent for it. Keys are the full names
of the gRPC messages the event's `resource` holds. The listener path of an event is its name
with a lower-case first letter under `listener/`, as in the official documents.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TypeAlias

from google.protobuf.message import Message

from ordercapture.catalog.v1 import (
    catalog_pb2,
    import_pb2,
    offering_pb2,
    price_pb2,
    specification_pb2,
)
from ordercapture.feasibility.v1 import check_pb2 as feasibility_check_pb2
from ordercapture.feasibility.v1 import query_pb2 as feasibility_query_pb2
from ordercapture.notification.v1 import event_pb2
from ordercapture.ordering.v1 import cancellation_pb2, order_pb2
from ordercapture.qualification.v1 import check_pb2 as qualification_check_pb2
from ordercapture.qualification.v1 import query_pb2 as qualification_query_pb2
from rest_facade.notification import audiences

CK = event_pb2.ChangeKind
Kind: TypeAlias = event_pb2.ChangeKind.ValueType
CREATED = CK.CHANGE_KIND_CREATED
ATTRIBUTES_CHANGED = CK.CHANGE_KIND_ATTRIBUTES_CHANGED
STATE_CHANGED = CK.CHANGE_KIND_STATE_CHANGED
DELETED = CK.CHANGE_KIND_DELETED


@dataclass(frozen=True, slots=True)
class ResourceEvents:
    """The events one API publishes about one kind of resource."""

    key: str  # the resource's key in the event payload, e.g. "productOrder"
    names: Mapping[Kind, str]  # change kind -> event type, e.g. "ProductOrderStateChangeEvent"

    def event_type(self, kind: Kind) -> str | None:
        return self.names.get(kind)


def listener_path(event_type: str) -> str:
    """`ProductOrderStateChangeEvent` -> `listener/productOrderStateChangeEvent`."""
    return f"listener/{event_type[:1].lower()}{event_type[1:]}"


def _name(message: type[Message]) -> str:
    return str(message.DESCRIPTOR.full_name)


TMF620_V5: Mapping[str, ResourceEvents] = {
    _name(catalog_pb2.Catalog): ResourceEvents(
        "productCatalog",
        {
            CREATED: "ProductCatalogCreateEvent",
            ATTRIBUTES_CHANGED: "ProductCatalogAttributeValueChangeEvent",
            STATE_CHANGED: "ProductCatalogStateChangeEvent",
            DELETED: "ProductCatalogDeleteEvent",
        },
    ),
    _name(catalog_pb2.Category): ResourceEvents(
        "category",
        {
            CREATED: "CategoryCreateEvent",
            ATTRIBUTES_CHANGED: "CategoryAttributeValueChangeEvent",
            STATE_CHANGED: "CategoryStateChangeEvent",
            DELETED: "CategoryDeleteEvent",
        },
    ),
    _name(specification_pb2.ProductSpecification): ResourceEvents(
        "productSpecification",
        {
            CREATED: "ProductSpecificationCreateEvent",
            ATTRIBUTES_CHANGED: "ProductSpecificationAttributeValueChangeEvent",
            STATE_CHANGED: "ProductSpecificationStateChangeEvent",
            DELETED: "ProductSpecificationDeleteEvent",
        },
    ),
    _name(offering_pb2.Offering): ResourceEvents(
        "productOffering",
        {
            CREATED: "ProductOfferingCreateEvent",
            ATTRIBUTES_CHANGED: "ProductOfferingAttributeValueChangeEvent",
            STATE_CHANGED: "ProductOfferingStateChangeEvent",
            DELETED: "ProductOfferingDeleteEvent",
        },
    ),
    _name(price_pb2.OfferingPrice): ResourceEvents(
        "productOfferingPrice",
        {
            CREATED: "ProductOfferingPriceCreateEvent",
            ATTRIBUTES_CHANGED: "ProductOfferingPriceAttributeValueChangeEvent",
            STATE_CHANGED: "ProductOfferingPriceStateChangeEvent",
            DELETED: "ProductOfferingPriceDeleteEvent",
        },
    ),
    _name(import_pb2.ImportJob): ResourceEvents(
        "importJob",
        {
            CREATED: "ImportJobCreateEvent",
            STATE_CHANGED: "ImportJobStateChangeEvent",
        },
    ),
}

TMF679_V5: Mapping[str, ResourceEvents] = {
    _name(qualification_check_pb2.EligibilityCheck): ResourceEvents(
        "checkProductOfferingQualification",
        {
            CREATED: "CheckProductOfferingQualificationCreateEvent",
            ATTRIBUTES_CHANGED: "CheckProductOfferingQualificationAttributeValueChangeEvent",
            STATE_CHANGED: "CheckProductOfferingQualificationStateChangeEvent",
            DELETED: "CheckProductOfferingQualificationDeleteEvent",
        },
    ),
    _name(qualification_query_pb2.EligibilityQuery): ResourceEvents(
        "queryProductOfferingQualification",
        {
            CREATED: "QueryProductOfferingQualificationCreateEvent",
            ATTRIBUTES_CHANGED: "QueryProductOfferingQualificationAttributeValueChangeEvent",
            STATE_CHANGED: "QueryProductOfferingQualificationStateChangeEvent",
            DELETED: "QueryProductOfferingQualificationDeleteEvent",
        },
    ),
}

TMF645_V4: Mapping[str, ResourceEvents] = {
    _name(feasibility_check_pb2.FeasibilityCheck): ResourceEvents(
        "checkServiceQualification",
        {
            CREATED: "CheckServiceQualificationCreateEvent",
            ATTRIBUTES_CHANGED: "CheckServiceQualificationAttributeValueChangeEvent",
            STATE_CHANGED: "CheckServiceQualificationStateChangeEvent",
            DELETED: "CheckServiceQualificationDeleteEvent",
        },
    ),
    _name(feasibility_query_pb2.AvailabilityQuery): ResourceEvents(
        "queryServiceQualification",
        {
            CREATED: "QueryServiceQualificationCreateEvent",
            STATE_CHANGED: "QueryServiceQualificationStateChangeEvent",
            DELETED: "QueryServiceQualificationDeleteEvent",
        },
    ),
}

TMF622_V5: Mapping[str, ResourceEvents] = {
    _name(order_pb2.ProductOrder): ResourceEvents(
        "productOrder",
        {
            CREATED: "ProductOrderCreateEvent",
            ATTRIBUTES_CHANGED: "ProductOrderAttributeValueChangeEvent",
            STATE_CHANGED: "ProductOrderStateChangeEvent",
            DELETED: "ProductOrderDeleteEvent",
        },
    ),
    # TMF622 v5 spells this payload key `canccelProductOrder` in its StateChange event schema
    # alone (a typo); the resource's own name is used for every cancellation event.
    _name(cancellation_pb2.CancellationRequest): ResourceEvents(
        "cancelProductOrder",
        {
            CREATED: "CancelProductOrderCreateEvent",
            STATE_CHANGED: "CancelProductOrderStateChangeEvent",
        },
    ),
}

# Audience -> its table.
TABLES: Mapping[str, Mapping[str, ResourceEvents]] = {
    audiences.PRODUCT_CATALOG_V5: TMF620_V5,
    audiences.PRODUCT_OFFERING_QUALIFICATION_V5: TMF679_V5,
    audiences.SERVICE_QUALIFICATION_V4: TMF645_V4,
    audiences.PRODUCT_ORDERING_V5: TMF622_V5,
}


def event_types(audience: str) -> frozenset[str]:
    """Every event type the API of that audience publishes."""
    return frozenset(name for events in TABLES[audience].values() for name in events.names.values())
