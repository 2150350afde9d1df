"""The one place where failures become gRPC statuses. Servicers never catch: a DomainError
becomes its category's code with ErrorInfo (stable reason) and BadRequest field violations;
anything else becomes INTERNAL with a generic message and a logged traceback."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any, TypeAlias, cast

import grpc
from google.protobuf import any_pb2
from google.rpc import code_pb2, error_details_pb2, status_pb2
from grpc_status import rpc_status

from domain.shared.errors import DomainError, ErrorCategory

logger = logging.getLogger(__name__)

ERROR_DOMAIN = "ordercapture"

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


def rich_status(error: DomainError, method: str) -> status_pb2.Status:
    info = error_details_pb2.ErrorInfo(
        reason=error.reason, domain=_service_domain(method), metadata=error.metadata
    )
    details = [_packed(info)]
    if error.violations:
        bad_request = error_details_pb2.BadRequest(
            field_violations=[
                error_details_pb2.BadRequest.FieldViolation(
                    field=v.field, description=v.description
                )
                for v in error.violations
            ]
        )
        details.append(_packed(bad_request))
    return status_pb2.Status(
        code=STATUS_BY_CATEGORY[error.category], message=error.message, details=details
    )


async def _abort(context: Context, error: BaseException, method: str) -> None:
    if isinstance(error, DomainError):
        await context.abort_with_status(rpc_status.to_status(rich_status(error, method)))
    logger.error("unexpected failure in %s", method, exc_info=error)
    await context.abort(grpc.StatusCode.INTERNAL, "internal error")


class DomainErrorInterceptor(grpc.aio.ServerInterceptor):
    """Wraps unary-unary and stream-unary behaviours; other handlers pass through."""

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
        return handler


def _guarded(behaviour: Behaviour, method: str) -> Behaviour:
    async def call(request: Any | AsyncIterator[Any], context: Context) -> Any:
        try:
            return await behaviour(request, context)
        except grpc.aio.AbortError:
            raise  # the status is already set
        except Exception as error:  # the one place failures become statuses
            await _abort(context, error, method)
            raise  # unreachable: abort raises

    return call


def _service_domain(method: str) -> str:
    """ "/ordercapture.catalog.v1.CatalogService/GetOffering" -> "ordercapture.catalog.v1"."""
    service = method.strip("/").split("/", 1)[0]
    return service.rsplit(".", 1)[0] if "." in service else ERROR_DOMAIN


def _packed(message: Any) -> any_pb2.Any:
    packed = any_pb2.Any()
    packed.Pack(message)
    return packed
