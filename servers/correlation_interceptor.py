"""Binds each gRPC call's correlation id (servers/correlation.py) for the whole of its
handling, unary and streaming alike, and logs every call at DEBUG when it ends."""

from __future__ import annotations

import inspect
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from typing import Any, TypeAlias, cast

import grpc

from servers.correlation import (
    CORRELATION_ID_KEY,
    bind_correlation_id,
    correlation_id_or_new,
    unbind_correlation_id,
)

logger = logging.getLogger(__name__)

Handler: TypeAlias = "grpc.RpcMethodHandler[Any, Any]"
Context: TypeAlias = "grpc.aio.ServicerContext[Any, Any]"
Unary: TypeAlias = "Callable[[Any, Context], Awaitable[Any]]"
Streaming: TypeAlias = "Callable[[Any, Context], Any]"


class CorrelationIdInterceptor(grpc.aio.ServerInterceptor):
    """Put it first in the server's interceptors: everything inside (the error interceptor's
    logged tracebacks included) then runs with the id bound."""

    async def intercept_service(
        self,
        continuation: Callable[[grpc.HandlerCallDetails], Awaitable[Handler | None]],
        handler_call_details: grpc.HandlerCallDetails,
    ) -> Handler | None:
        handler = await continuation(handler_call_details)
        if handler is None:
            return None
        method = handler_call_details.method
        correlation_id = correlation_id_or_new(_given(handler_call_details.invocation_metadata))
        kinds = (
            (handler.unary_unary, grpc.unary_unary_rpc_method_handler, False),
            (handler.stream_unary, grpc.stream_unary_rpc_method_handler, False),
            (handler.unary_stream, grpc.unary_stream_rpc_method_handler, True),
            (handler.stream_stream, grpc.stream_stream_rpc_method_handler, True),
        )
        for behaviour, make, streaming in kinds:
            if behaviour is None:
                continue
            wrapped = (
                _streaming(cast(Streaming, behaviour), correlation_id, method)
                if streaming
                else _unary(cast(Unary, behaviour), correlation_id, method)
            )
            return make(
                wrapped,
                request_deserializer=handler.request_deserializer,
                response_serializer=handler.response_serializer,
            )
        return handler


def _given(metadata: Sequence[tuple[str, str | bytes]] | None) -> str | None:
    for key, value in metadata or ():
        if key.lower() == CORRELATION_ID_KEY and isinstance(value, str):
            return value
    return None


def _unary(behaviour: Unary, correlation_id: str, method: str) -> Unary:
    async def call(request: Any, context: Context) -> Any:
        token = bind_correlation_id(correlation_id)
        started = time.perf_counter()
        try:
            return await behaviour(request, context)
        finally:
            _ended(method, started)
            unbind_correlation_id(token)

    return call


def _streaming(behaviour: Streaming, correlation_id: str, method: str) -> Streaming:
    async def call(request: Any, context: Context) -> AsyncIterator[Any]:
        # Not unbound at the end: grpc.aio runs each call in a task of its own, whose context
        # goes with it, and an async generator may be finalised from another context.
        bind_correlation_id(correlation_id)
        started = time.perf_counter()
        try:
            responses = behaviour(request, context)
            if inspect.isawaitable(responses):  # a handler that writes with context.write()
                await responses
            else:
                async for response in responses:
                    yield response
        finally:
            _ended(method, started)

    return call


def _ended(method: str, started: float) -> None:
    logger.debug("%s ended after %.1f ms", method, (time.perf_counter() - started) * 1000)
