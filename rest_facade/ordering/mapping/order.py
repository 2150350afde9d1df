"""ProductOrder <-> CreateOrderRequest / ProductOrder message.

`requestedInitialState` `draft` stores a draft (structural checks only); absent or
`acknowledged` submits the order through the full validation. Output-only attributes (id, href,
state, dates set by the lifecycle) are refused in a create body. Top-level attributes the order
does not model (a channel's subtype with its `@schemaLocation`, official attributes this product
does not read) are kept in the order's extension and given back on every read.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ordercapture.ordering.v1 import order_pb2, ordering_service_pb2
from rest_facade.extension_attributes import merged
from rest_facade.extension_changes import kept, with_nested
from rest_facade.ordering.mapping.items import items_extras, items_from_tmf, items_to_tmf
from rest_facade.ordering.mapping.values import (
    billing_account_from_tmf,
    billing_account_to_tmf,
    channel_extras,
    channel_from_tmf,
    channel_to_tmf,
    external_ids_from_tmf,
    external_ids_to_tmf,
    notes_from_tmf,
    notes_to_tmf,
    parties_from_tmf,
    parties_to_tmf,
)
from rest_facade.ordering.mapping.vocabulary import INITIAL_STATES, ORDER_STATE_NAMES
from rest_facade.tmf_readers import array, refuse_unknown, text
from rest_facade.tmf_values import Hrefs, JsonObject, invalid, timestamp_from_tmf, timestamp_to_tmf

TMF_TYPE = "ProductOrder"
COLLECTION = "productOrder"

# Patchable attribute -> proto field-mask paths (what UpdateOrder may change; the tier says
# which of them a submitted order still accepts).
UPDATE_PATHS: Mapping[str, tuple[str, ...]] = {
    "relatedParty": ("parties",),
    "channel": ("channel",),
    "externalId": ("external_ids",),
    "description": ("description",),
    "category": ("category",),
    "priority": ("priority",),
    "billingAccount": ("billing_account_id",),
    "requestedStartDate": ("requested_start_time",),
    "requestedCompletionDate": ("requested_completion_time",),
    "note": ("notes",),
    "productOrderItem": ("items",),
}
# Set by the server; refused on create and patch (`state` on patch: see the handlers).
SERVER_MANAGED = frozenset(
    {
        "id",
        "href",
        "state",
        "creationDate",
        "completionDate",
        "expectedCompletionDate",
        "cancellationDate",
        "cancellationReason",
    }
)
CREATE_ONLY = frozenset({"requestedInitialState"})
ATTRIBUTES = frozenset(UPDATE_PATHS) | SERVER_MANAGED | CREATE_ONLY | {"@type"}
# What the mapping reads; any other top-level attribute is kept in the extension.
MODELLED = frozenset(UPDATE_PATHS) | CREATE_ONLY


def create_request_from_tmf(
    document: Mapping[str, Any], request_id: str
) -> ordering_service_pb2.CreateOrderRequest:
    known, extension = kept(document, MODELLED, SERVER_MANAGED, TMF_TYPE)
    refuse_unknown(known, MODELLED)
    initial = text(known, "requestedInitialState") or "acknowledged"
    if initial not in INITIAL_STATES:
        allowed = ", ".join(INITIAL_STATES)
        raise invalid("requestedInitialState", f"'{initial}' is not one of: {allowed}")
    order = order_from_tmf(known, tolerate_output=False)
    extension = with_nested(extension, "channel", channel_extras(array(known, "channel")))
    items = items_extras(array(known, "productOrderItem"), "productOrderItem")
    extension = with_nested(extension, "productOrderItem", items)
    if extension is not None:
        order.extension.CopyFrom(extension)
    return ordering_service_pb2.CreateOrderRequest(
        order=order, request_id=request_id, draft=initial == "draft"
    )


def order_from_tmf(
    document: Mapping[str, Any], *, tolerate_output: bool, order_id: str = ""
) -> order_pb2.ProductOrder:
    """The content of an order; with `tolerate_output`, a full representation (a patched one)
    whose output-only attributes are ignored."""
    order = order_pb2.ProductOrder(
        id=order_id,
        parties=parties_from_tmf(array(document, "relatedParty")),
        channel=channel_from_tmf(array(document, "channel")),
        external_ids=external_ids_from_tmf(array(document, "externalId")),
        description=text(document, "description"),
        category=text(document, "category"),
        priority=text(document, "priority"),
        billing_account_id=billing_account_from_tmf(document),
        notes=notes_from_tmf(array(document, "note")),
        items=items_from_tmf(
            array(document, "productOrderItem"), "productOrderItem", tolerate_output=tolerate_output
        ),
    )
    if document.get("requestedStartDate") is not None:
        order.requested_start_time.CopyFrom(
            timestamp_from_tmf(document["requestedStartDate"], "requestedStartDate")
        )
    if document.get("requestedCompletionDate") is not None:
        order.requested_completion_time.CopyFrom(
            timestamp_from_tmf(document["requestedCompletionDate"], "requestedCompletionDate")
        )
    return order


def order_to_tmf(order: order_pb2.ProductOrder, hrefs: Hrefs) -> JsonObject:
    document: JsonObject = {
        "@type": TMF_TYPE,
        "id": order.id,
        "href": hrefs.of(COLLECTION, order.id),
    }
    if order.state in ORDER_STATE_NAMES:
        document["state"] = ORDER_STATE_NAMES[order.state]
    times = (
        ("creationDate", "create_time"),
        ("requestedStartDate", "requested_start_time"),
        ("requestedCompletionDate", "requested_completion_time"),
        ("expectedCompletionDate", "expected_completion_time"),
        ("completionDate", "completion_time"),
        ("cancellationDate", "cancellation_time"),
    )
    for attribute, field in times:
        if order.HasField(field):  # type: ignore[arg-type]
            document[attribute] = timestamp_to_tmf(getattr(order, field))
    texts = (
        ("description", order.description),
        ("category", order.category),
        ("priority", order.priority),
        ("cancellationReason", order.cancellation_reason),
    )
    document.update({attribute: value for attribute, value in texts if value})
    optional = (
        ("relatedParty", parties_to_tmf(order.parties)),
        ("channel", channel_to_tmf(order.channel)),
        ("externalId", external_ids_to_tmf(order.external_ids)),
        ("note", notes_to_tmf(order.notes)),
    )
    document.update({attribute: value for attribute, value in optional if value})
    if order.billing_account_id:
        document["billingAccount"] = billing_account_to_tmf(order.billing_account_id)
    document["productOrderItem"] = items_to_tmf(order.items)
    return merged(document, order.extension)
