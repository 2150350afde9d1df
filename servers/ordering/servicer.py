"""The ProductOrderingService gRPC servicer (channels): decode, call the use case, encode.
No error handling here: servers.errors.DomainErrorInterceptor turns failures into statuses."""

from __future__ import annotations

from domain.ordering.services import OrderCapture
from ordercapture.ordering.v1 import ordering_service_pb2 as pb
from ordercapture.ordering.v1 import ordering_service_pb2_grpc
from servers.catalog.mapping.values import time_from
from servers.conditions import conditions_from
from servers.extensions import extension_from
from servers.ordering.listing import order_filter_from, page_of
from servers.ordering.mapping.cancellations import cancellation_to
from servers.ordering.mapping.enums import cancellation_state_from, known_values
from servers.ordering.mapping.orders import content_from, order_to
from servers.ordering.metadata import Context, request_context
from servers.persistence.ordering_queries import OrderingQueries


class ProductOrderingServicer(ordering_service_pb2_grpc.ProductOrderingServiceServicer):
    def __init__(self, capture: OrderCapture, queries: OrderingQueries) -> None:
        self._capture = capture
        self._queries = queries

    async def CreateOrder(
        self, request: pb.CreateOrderRequest, context: Context
    ) -> pb.CreateOrderResponse:
        asking = await request_context(context, request.request_id)
        content = content_from(request.order)
        order = await self._capture.create(content, draft=request.draft, context=asking)
        return pb.CreateOrderResponse(order=order_to(order))

    async def GetOrder(self, request: pb.GetOrderRequest, context: Context) -> pb.GetOrderResponse:
        await request_context(context)
        return pb.GetOrderResponse(order=order_to(await self._capture.get(request.id)))

    async def ListOrders(
        self, request: pb.ListOrdersRequest, context: Context
    ) -> pb.ListOrdersResponse:
        await request_context(context)
        size, skip = page_of(request.page_size, request.skip)
        found = await self._queries.orders(order_filter_from(request), size, skip)
        return pb.ListOrdersResponse(
            orders=[order_to(o) for o in found.items], total_size=found.total
        )

    async def UpdateOrder(
        self, request: pb.UpdateOrderRequest, context: Context
    ) -> pb.UpdateOrderResponse:
        asking = await request_context(context)
        fields = frozenset(request.update_mask.paths)
        order = await self._capture.update(
            request.order.id, fields, content_from(request.order), asking
        )
        return pb.UpdateOrderResponse(order=order_to(order))

    async def SubmitOrder(
        self, request: pb.SubmitOrderRequest, context: Context
    ) -> pb.SubmitOrderResponse:
        asking = await request_context(context)
        return pb.SubmitOrderResponse(
            order=order_to(await self._capture.submit(request.id, asking))
        )

    async def DeleteOrder(
        self, request: pb.DeleteOrderRequest, context: Context
    ) -> pb.DeleteOrderResponse:
        asking = await request_context(context)
        await self._capture.delete(request.id, asking)
        return pb.DeleteOrderResponse()

    async def RequestCancellation(
        self, request: pb.RequestCancellationRequest, context: Context
    ) -> pb.RequestCancellationResponse:
        asking = await request_context(context, request.request_id)
        task = await self._capture.request_cancellation(
            request.order_id,
            reason=request.reason,
            requested_time=time_from(
                request.requested_cancellation_time,
                request.HasField("requested_cancellation_time"),
            ),
            context=asking,
            extension=extension_from(request.extension),
        )
        return pb.RequestCancellationResponse(cancellation=cancellation_to(task))

    async def GetCancellation(
        self, request: pb.GetCancellationRequest, context: Context
    ) -> pb.GetCancellationResponse:
        await request_context(context)
        task = await self._capture.get_cancellation(request.id)
        return pb.GetCancellationResponse(cancellation=cancellation_to(task))

    async def ListCancellations(
        self, request: pb.ListCancellationsRequest, context: Context
    ) -> pb.ListCancellationsResponse:
        await request_context(context)
        size, skip = page_of(request.page_size, request.skip)
        states = [s.value for s in known_values(request.states, cancellation_state_from, "states")]
        found = await self._queries.cancellations(
            request.order_id, states, size, skip, conditions_from(request.conditions)
        )
        return pb.ListCancellationsResponse(
            cancellations=[cancellation_to(c) for c in found.items], total_size=found.total
        )
