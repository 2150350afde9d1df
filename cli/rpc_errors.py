"""What a failed gRPC call says: code, message and the rich details of google.rpc.Status."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import grpc
from google.rpc import error_details_pb2, status_pb2

# Where grpc-status puts the serialized google.rpc.Status (TOOLCHAIN gotcha 10).
STATUS_DETAILS_KEY = "grpc-status-details-bin"


@dataclass(frozen=True, slots=True)
class Violation:
    field: str
    description: str


@dataclass(frozen=True, slots=True)
class RpcFailure:
    code: grpc.StatusCode
    message: str
    reason: str = ""  # ErrorInfo.reason, e.g. CATALOG_FILE_INVALID
    violations: tuple[Violation, ...] = field(default=())


def describe(error: grpc.RpcError) -> RpcFailure:
    """Reads the status from an RpcError raised by a (sync) stub call."""
    # Stub calls raise an RpcError that is also a grpc.Call; a bare RpcError has no status.
    if not callable(getattr(error, "code", None)):
        return RpcFailure(grpc.StatusCode.UNKNOWN, str(error))
    code, message = error.code(), error.details() or ""
    reason, violations = "", []
    # Items are (key, value) pairs; the grpc stubs type them as an opaque _Metadatum.
    metadata: Iterable[tuple[str, str | bytes]] = error.trailing_metadata() or ()  # type: ignore[assignment]
    for key, value in metadata:
        if key != STATUS_DETAILS_KEY or not isinstance(value, bytes):
            continue
        status = status_pb2.Status.FromString(value)
        message = status.message or message
        for detail in status.details:
            info = error_details_pb2.ErrorInfo()
            bad_request = error_details_pb2.BadRequest()
            if detail.Unpack(info):
                reason = info.reason
            elif detail.Unpack(bad_request):
                violations += [
                    Violation(v.field, v.description) for v in bad_request.field_violations
                ]
    return RpcFailure(code, message, reason, tuple(violations))
