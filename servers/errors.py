"""The one place where failures become gRPC statuses. Servicers never catch: a DomainError
becomes its category's code with ErrorInfo (stable reason) and BadRequest field violations;
anything else becomes INTERNAL with a generic message and a logged traceback."""

from __future__ import annotations

import inspect
import logging
import re
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any, TypeAlias, cast

import grpc
from google.protobuf import any_pb2
from google.rpc import code_pb2, error_details_pb2, status_pb2
from grpc_status import rpc_status
from sqlalchemy.exc import OperationalError

from domain.shared.errors import DomainError, ErrorCategory

logger = logging.getLogger(__name__)

ERROR_DOMAIN = "ordercapture"
_VERSION = re.compile(r"v\d+(?:(?:alpha|beta)\d*)?")

STATUS_BY_CATEGORY: dict[ErrorCategory, int] = {
    ErrorCategory.INVALID: code_pb2.INVALID_ARGUMENT,
    ErrorCategory.NOT_FOUND: code_pb2.NOT_FOUND,
    ErrorCategory.ALREADY_EXISTS: code_pb2.ALREADY_EXISTS,
    ErrorCategory.RULE_VIOLATED: code_pb2.FAILED_PRECONDITION,
    ErrorCategory.CONFLICT: code_pb2.ABORTED,
}

# Subscripted only for the type checker: the runtime classes are not generic.
Handler: TypeAlias = "grpc.RpcMethodHandler[Any, Any]"
Context: TypeAlias = "grpc.aio.ServicerContext[Any, Any]"
Behaviour: TypeAlias = "Callable[[Any, Context], Awaitable[Any]]"
Streaming: TypeAlias = "Callable[[Any, Context], Any]"


# The details travel in one trailer, and clients refuse trailers above 8 KiB by default: a
# catalog file with thousands of bad lines must still produce a readable status.
MAX_VIOLATIONS = 20
MAX_TEXT = 200


def rich_status(error: DomainError, method: str) -> status_pb2.Status:
    info = error_details_pb2.ErrorInfo(
        reason=error.reason, domain=_service_domain(method), metadata=error.metadata
    )
    details = [_packed(info)]
    if error.violations:
        shown = [
            error_details_pb2.BadRequest.FieldViolation(
                field=v.field[:MAX_TEXT], description=v.description[:MAX_TEXT]
            )
            for v in error.violations[:MAX_VIOLATIONS]
        ]
        hidden = len(error.violations) - len(shown)
        if hidden:
            shown.append(
                error_details_pb2.BadRequest.FieldViolation(
                    field="", description=f"... and {hidden} more problem(s)"
                )
            )
        details.append(_packed(error_details_pb2.BadRequest(field_violations=shown)))
    return status_pb2.Status(
        code=STATUS_BY_CATEGORY[error.category],
        message=error.message[: MAX_TEXT * 5],
        details=details,
    )


class DomainErrorInterceptor(grpc.aio.ServerInterceptor):
    """Wraps every kind of behaviour: a failure while a stream is being written ends it with
    the same status a unary call would get."""

    async def intercept_service(
        self,
        continuation: Callable[[grpc.HandlerCallDetails], Awaitable[Handler | None]],
        handler_call_details: grpc.HandlerCallDetails,
    ) -> Handler | None:
        handler = await continuation(handler_call_details)
        method = handler_call_details.method
        if handler is None:
            return handler
        if handler.unary_unary is not None:
            return grpc.unary_unary_rpc_method_handler(
                _guarded(cast(Behaviour, handler.unary_unary), method),
                request_deserializer=handler.request_deserializer,
                response_serializer=handler.response_serializer,
            )
        if handler.stream_unary is not None:
            return grpc.stream_unary_rpc_method_handler(
                _guarded(cast(Behaviour, handler.stream_unary), method),
                request_deserializer=handler.request_deserializer,
                response_serializer=handler.response_serializer,
            )
        if handler.unary_stream is not None:
            return grpc.unary_stream_rpc_method_handler(
                _guarded_stream(cast(Streaming, handler.unary_stream), method),
                request_deserializer=handler.request_deserializer,
                response_serializer=handler.response_serializer,
            )
        if handler.stream_stream is not None:
            return grpc.stream_stream_rpc_method_handler(
                _guarded_stream(cast(Streaming, handler.stream_stream), method),
                request_deserializer=handler.request_deserializer,
                response_serializer=handler.response_serializer,
            )
        return handler


def _guarded(behaviour: Behaviour, method: str) -> Behaviour:
    async def call(request: Any | AsyncIterator[Any], context: Context) -> Any:
        try:
            return await behaviour(request, context)
        except grpc.aio.AbortError:
            raise  # the servicer set the status itself
        except Exception as error:
            await _abort(error, context, method)

    return call


def _guarded_stream(behaviour: Streaming, method: str) -> Streaming:
    async def call(request: Any | AsyncIterator[Any], context: Context) -> AsyncIterator[Any]:
        try:
            responses = behaviour(request, context)
            if inspect.isawaitable(responses):  # a handler that writes with context.write()
                await responses
            else:
                async for response in responses:
                    yield response
        except grpc.aio.AbortError:
            raise
        except Exception as error:
            await _abort(error, context, method)

    return call


async def _abort(error: Exception, context: Context, method: str) -> None:
    """The one place failures become a status: a DomainError its category's; the database
    unreachable or busy past its wait (SQLite's lock timeout) UNAVAILABLE, which a caller may
    retry; anything else INTERNAL with a generic message. Both of the latter log the traceback."""
    if isinstance(error, DomainError):
        await context.abort_with_status(rpc_status.to_status(rich_status(error, method)))
    if isinstance(error, OperationalError):
        logger.warning("database unavailable in %s", method, exc_info=error)
        await context.abort(
            grpc.StatusCode.UNAVAILABLE, "the database is unavailable or busy; retry shortly"
        )
    logger.error("unexpected failure in %s", method, exc_info=error)
    await context.abort(grpc.StatusCode.INTERNAL, "internal error")


def _service_domain(method: str) -> str:
    """ "/ordercapture.catalog.v1.CatalogService/GetOffering" -> "ordercapture.catalog": the
    context that owns the reason. No API version: reasons stay stable across versions."""
    package = method.strip("/").split("/", 1)[0].rpartition(".")[0]
    parts = package.split(".")
    if parts and _VERSION.fullmatch(parts[-1]):
        parts.pop()
    return ".".join(parts) or ERROR_DOMAIN


def _packed(message: Any) -> any_pb2.Any:
    packed = any_pb2.Any()
    packed.Pack(message)
    return packed
