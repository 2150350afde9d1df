"""Every gRPC call the facade makes while handling a request carries that request's correlation
id as `x-correlation-id` metadata (unless the call sets one itself), whichever TMF API made it,
so the tier's log lines and stored events name the same id the channel sees."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import grpc

from rest_facade.correlation import current_correlation_id

CORRELATION_ID_KEY = "x-correlation-id"


def _with_correlation_id(details: grpc.aio.ClientCallDetails) -> grpc.aio.ClientCallDetails:
    correlation_id = current_correlation_id()
    metadata = list(details.metadata or ())
    if correlation_id is None or any(key == CORRELATION_ID_KEY for key, _ in metadata):
        return details
    metadata.append((CORRELATION_ID_KEY, correlation_id))
    return grpc.aio.ClientCallDetails(
        method=details.method,
        timeout=details.timeout,
        metadata=grpc.aio.Metadata(*metadata),
        credentials=details.credentials,
        wait_for_ready=details.wait_for_ready,
    )


class CorrelationUnary(grpc.aio.UnaryUnaryClientInterceptor):
    async def intercept_unary_unary(
        self, continuation: Callable[..., Any], client_call_details: Any, request: Any
    ) -> Any:
        return await continuation(_with_correlation_id(client_call_details), request)


class CorrelationUnaryStream(grpc.aio.UnaryStreamClientInterceptor):
    async def intercept_unary_stream(
        self, continuation: Callable[..., Any], client_call_details: Any, request: Any
    ) -> Any:
        return await continuation(_with_correlation_id(client_call_details), request)


class CorrelationStreamUnary(grpc.aio.StreamUnaryClientInterceptor):
    async def intercept_stream_unary(
        self, continuation: Callable[..., Any], client_call_details: Any, request_iterator: Any
    ) -> Any:
        return await continuation(_with_correlation_id(client_call_details), request_iterator)


def correlation_interceptors() -> list[grpc.aio.ClientInterceptor]:
    return [CorrelationUnary(), CorrelationUnaryStream(), CorrelationStreamUnary()]
