"""ProductOrderingService calls: the handlers' only way to the tier.

Each method builds the request message, awaits the stub with the facade's deadline and the
caller's metadata (client id, correlation id), and unwraps the response. gRPC errors propagate
to the one error handler (rest_facade.errors).
"""

from __future__ import annotations

from collections.abc import Sequence

from google.protobuf.field_mask_pb2 import FieldMask

from ordercapture.ordering.v1 import (
    cancellation_pb2,
    order_pb2,
    ordering_service_pb2,
    ordering_service_pb2_grpc,
)
from rest_facade.backend import GrpcBackend
from rest_facade.ordering.caller import Caller

os_ = ordering_service_pb2
Order = order_pb2.ProductOrder
Cancellation = cancellation_pb2.CancellationRequest


class OrderingGateway:
    def __init__(self, backend: GrpcBackend) -> None:
        self._backend = backend
        self._channel: object = None
        self._stub: ordering_service_pb2_grpc.ProductOrderingServiceAsyncStub | None = None

    @property
    def _rpc(self) -> ordering_service_pb2_grpc.ProductOrderingServiceAsyncStub:
        """The stub on the backend's current channel (a new one after a lifespan restart)."""
        channel = self._backend.channel
        if self._stub is None or self._channel is not channel:
            self._stub = ordering_service_pb2_grpc.ProductOrderingServiceStub(channel)
            self._channel = channel
        return self._stub

    @property
    def _timeout(self) -> float:
        return self._backend.deadline_seconds

    async def create(self, request: os_.CreateOrderRequest, caller: Caller) -> Order:
        response = await self._rpc.CreateOrder(
            request, timeout=self._timeout, metadata=caller.metadata()
        )
        return response.order

    async def get(self, order_id: str, caller: Caller) -> Order:
        response = await self._rpc.GetOrder(
            os_.GetOrderRequest(id=order_id), timeout=self._timeout, metadata=caller.metadata()
        )
        return response.order

    async def list(
        self, request: os_.ListOrdersRequest, caller: Caller
    ) -> tuple[Sequence[Order], int]:
        response = await self._rpc.ListOrders(
            request, timeout=self._timeout, metadata=caller.metadata()
        )
        return response.orders, response.total_size

    async def update(self, order: Order, mask: Sequence[str], caller: Caller) -> Order:
        request = os_.UpdateOrderRequest(order=order, update_mask=FieldMask(paths=mask))
        response = await self._rpc.UpdateOrder(
            request, timeout=self._timeout, metadata=caller.metadata()
        )
        return response.order

    async def submit(self, order_id: str, caller: Caller) -> Order:
        response = await self._rpc.SubmitOrder(
            os_.SubmitOrderRequest(id=order_id), timeout=self._timeout, metadata=caller.metadata()
        )
        return response.order

    async def delete(self, order_id: str, caller: Caller) -> None:
        await self._rpc.DeleteOrder(
            os_.DeleteOrderRequest(id=order_id), timeout=self._timeout, metadata=caller.metadata()
        )

    async def cancel(self, request: os_.RequestCancellationRequest, caller: Caller) -> Cancellation:
        response = await self._rpc.RequestCancellation(
            request, timeout=self._timeout, metadata=caller.metadata()
        )
        return response.cancellation

    async def get_cancellation(self, cancellation_id: str, caller: Caller) -> Cancellation:
        response = await self._rpc.GetCancellation(
            os_.GetCancellationRequest(id=cancellation_id),
            timeout=self._timeout,
            metadata=caller.metadata(),
        )
        return response.cancellation

    async def list_cancellations(
        self, request: os_.ListCancellationsRequest, caller: Caller
    ) -> tuple[Sequence[Cancellation], int]:
        response = await self._rpc.ListCancellations(
            request, timeout=self._timeout, metadata=caller.metadata()
        )
        return response.cancellations, response.total_size
