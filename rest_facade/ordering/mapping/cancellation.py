"""CancelProductOrder <-> RequestCancellationRequest / CancellationRequest.

A cancellation is a task: created (201, `done` when the order was cancelled at once,
`acknowledged` while order management decides), listed and retrieved; never changed. Top-level
attributes it does not model are kept in its extension and given back.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ordercapture.ordering.v1 import cancellation_pb2, ordering_service_pb2
from rest_facade.extension_attributes import merged
from rest_facade.extension_changes import kept
from rest_facade.ordering.mapping import order
from rest_facade.ordering.mapping.values import reference
from rest_facade.ordering.mapping.vocabulary import CANCELLATION_STATE_NAMES
from rest_facade.tmf_readers import refuse_unknown, text
from rest_facade.tmf_values import Hrefs, JsonObject, invalid, timestamp_from_tmf, timestamp_to_tmf

TMF_TYPE = "CancelProductOrder"
COLLECTION = "cancelProductOrder"
ACCEPTED = frozenset({"productOrder", "cancellationReason", "requestedCancellationDate"})
SERVER_MANAGED = frozenset({"id", "href", "state", "creationDate", "effectiveCancellationDate"})
ATTRIBUTES = ACCEPTED | SERVER_MANAGED | {"@type"}


def create_request_from_tmf(
    document: Mapping[str, Any], request_id: str
) -> ordering_service_pb2.RequestCancellationRequest:
    document, extension = kept(document, ACCEPTED, SERVER_MANAGED, TMF_TYPE)
    refuse_unknown(document, ACCEPTED)
    order_id = text(reference(document, "productOrder", ""), "id")
    if not order_id:
        raise invalid("productOrder", "the order to cancel is required")
    request = ordering_service_pb2.RequestCancellationRequest(
        order_id=order_id,
        reason=text(document, "cancellationReason"),
        request_id=request_id,
        extension=extension,
    )
    if document.get("requestedCancellationDate") is not None:
        request.requested_cancellation_time.CopyFrom(
            timestamp_from_tmf(document["requestedCancellationDate"], "requestedCancellationDate")
        )
    return request


def cancellation_to_tmf(task: cancellation_pb2.CancellationRequest, hrefs: Hrefs) -> JsonObject:
    document: JsonObject = {
        "@type": TMF_TYPE,
        "id": task.id,
        "href": hrefs.of(COLLECTION, task.id),
        "productOrder": {
            "@type": "ProductOrderRef",
            "id": task.order_id,
            "href": hrefs.of(order.COLLECTION, task.order_id),
        },
    }
    if task.state in CANCELLATION_STATE_NAMES:
        document["state"] = CANCELLATION_STATE_NAMES[task.state]
    if task.reason:
        document["cancellationReason"] = task.reason
    times = (
        ("creationDate", "create_time"),
        ("requestedCancellationDate", "requested_cancellation_time"),
        ("effectiveCancellationDate", "effective_cancellation_time"),
    )
    for attribute, field in times:
        if task.HasField(field):  # type: ignore[arg-type]
            document[attribute] = timestamp_to_tmf(getattr(task, field))
    return merged(document, task.extension)
