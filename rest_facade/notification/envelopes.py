"""A recorded event as the TMF event an API's listeners receive.

`render(event, audience, base_url)` picks the event type from that API's table (event_names),
unpacks the resource and renders it with the facade's own proto -> TMF mapping of that API (the
same JSON a GET returns, `href` and `@type` included), and wraps it in the envelope of the API's
version:

- v5 (TMF620, TMF679, TMF622): `@type` (the event type: the v5 `Event` is Extensible, which
  requires it), `eventId`, `eventTime`, `eventType`, `correlationId` (when the event has one)
  and `event: {<resource key>: <resource>}`;
- v4 (TMF645): the same without `@type`, which the v4 event definitions do not have.

`base_url` is the scheme, host and any proxy root under which clients reach the facade (e.g.
`https://api.example.com`); the API root is appended to it for the resources' `href`s, as a
handler does with the URL of the request. No JSON is produced by json_format: only the mappers.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

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
from rest_facade.catalog.mapping import (
    category,
    import_job,
    product_catalog,
    product_offering,
    product_offering_price,
    product_specification,
)
from rest_facade.feasibility.mapping import check as feasibility_check
from rest_facade.feasibility.mapping import query as feasibility_query
from rest_facade.notification.audiences import audience_named
from rest_facade.notification.event_names import TABLES, listener_path
from rest_facade.ordering.mapping import cancellation, order
from rest_facade.qualification.mapping import check as qualification_check
from rest_facade.qualification.mapping import query as qualification_query
from rest_facade.tmf_values import Hrefs, JsonObject, timestamp_to_tmf


@dataclass(frozen=True, slots=True)
class RenderedEvent:
    event_type: str  # e.g. "ProductOrderStateChangeEvent"
    listener_path: str  # relative to the listener's callback, e.g. "listener/productOrder..."
    body: dict[str, Any]  # the TMF event envelope


@dataclass(frozen=True, slots=True)
class _Renderer:
    message: type[Message]
    to_tmf: Callable[[Any, Hrefs], JsonObject]


def _renderer(message: type[Message], to_tmf: Callable[[Any, Hrefs], JsonObject]) -> _Renderer:
    return _Renderer(message, to_tmf)


_RENDERERS: Mapping[str, _Renderer] = {
    r.message.DESCRIPTOR.full_name: r
    for r in (
        _renderer(catalog_pb2.Catalog, product_catalog.to_tmf),
        _renderer(catalog_pb2.Category, category.to_tmf),
        _renderer(specification_pb2.ProductSpecification, product_specification.to_tmf),
        _renderer(offering_pb2.Offering, product_offering.to_tmf),
        _renderer(price_pb2.OfferingPrice, product_offering_price.to_tmf),
        _renderer(import_pb2.ImportJob, import_job.to_tmf),
        _renderer(qualification_check_pb2.EligibilityCheck, qualification_check.check_to_tmf),
        _renderer(qualification_query_pb2.EligibilityQuery, qualification_query.query_to_tmf),
        _renderer(feasibility_check_pb2.FeasibilityCheck, feasibility_check.check_to_tmf),
        _renderer(feasibility_query_pb2.AvailabilityQuery, feasibility_query.query_to_tmf),
        _renderer(order_pb2.ProductOrder, order.order_to_tmf),
        _renderer(cancellation_pb2.CancellationRequest, cancellation.cancellation_to_tmf),
    )
}


def render(event: event_pb2.Event, audience: str, base_url: str) -> RenderedEvent | None:
    """The TMF event of `audience`'s API for `event`; None when that API publishes no event for
    this resource and change kind, or the event comes from another API's context.

    Raises ValueError for an unknown audience or a resource that does not unpack (a bug of the
    caller or of the tier, never a reason to send something)."""
    served = audience_named(audience)
    if event.source != served.source:
        return None
    resource_type = event.resource.TypeName()
    events = TABLES[served.name].get(resource_type)
    event_type = events.event_type(event.kind) if events is not None else None
    if events is None or event_type is None:
        return None
    renderer = _RENDERERS[resource_type]
    resource = renderer.message()
    if not event.resource.Unpack(resource):
        raise ValueError(f"event {event.id}: its resource is not a {resource_type}")
    hrefs = Hrefs(base_url.rstrip("/") + served.api_root)
    body: dict[str, Any] = {} if served.tmf_version < 5 else {"@type": event_type}
    body["eventId"] = event.id
    body["eventTime"] = timestamp_to_tmf(event.time)
    body["eventType"] = event_type
    if event.correlation_id:
        body["correlationId"] = event.correlation_id
    body["event"] = {events.key: renderer.to_tmf(resource, hrefs)}
    return RenderedEvent(event_type, listener_path(event_type), body)
