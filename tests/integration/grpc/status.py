"""Reading the rich error details a failed call carries in its trailing metadata."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import grpc
from google.rpc import error_details_pb2, status_pb2

DETAILS_KEY = "grpc-status-details-bin"


@dataclass(frozen=True)
class Failure:
    code: grpc.StatusCode
    message: str
    reason: str
    domain: str
    metadata: dict[str, str]
    violations: list[tuple[str, str]]


def failure(error: grpc.aio.AioRpcError) -> Failure:
    """The status of a failed call, with its ErrorInfo and BadRequest decoded (when sent)."""
    info = error_details_pb2.ErrorInfo()
    bad_request = error_details_pb2.BadRequest()
    for key, value in error.trailing_metadata() or ():
        if key == DETAILS_KEY:
            status = status_pb2.Status.FromString(_bytes(value))
            for detail in status.details:
                if detail.Is(info.DESCRIPTOR):
                    detail.Unpack(info)
                elif detail.Is(bad_request.DESCRIPTOR):
                    detail.Unpack(bad_request)
    return Failure(
        code=error.code(),
        message=error.details() or "",
        reason=info.reason,
        domain=info.domain,
        metadata=dict(info.metadata),
        violations=[(v.field, v.description) for v in bad_request.field_violations],
    )


def _bytes(value: Any) -> bytes:
    return value if isinstance(value, bytes) else str(value).encode()
