"""The one error path of the facade: every failure becomes a TMF `Error` (application/json).

Sources of failure and where they are handled:
- `TmfError`: raised by facade code (query syntax, patch rules, body shape);
- Connexion `ProblemException`: request validation, malformed JSON, 415, response validation;
- Starlette `HTTPException`: unknown path (404) and wrong method (405, `Allow` rebuilt);
- `grpc.aio.AioRpcError`: the gRPC status table below (the only one in the facade);
- anything else: 500 with a generic message, traceback logged, never returned.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Iterable, Mapping
from http import HTTPStatus

import grpc
from connexion.exceptions import ProblemException
from connexion.lifecycle import ConnexionRequest, ConnexionResponse
from google.rpc import error_details_pb2, status_pb2
from starlette.exceptions import HTTPException

logger = logging.getLogger(__name__)

ERROR_MEDIA_TYPE = "application/json"
RETRY_AFTER_SECONDS = "1"

# gRPC status -> HTTP status. The only place this mapping exists in the facade.
GRPC_TO_HTTP: Mapping[grpc.StatusCode, int] = {
    grpc.StatusCode.INVALID_ARGUMENT: 400,
    grpc.StatusCode.OUT_OF_RANGE: 400,
    grpc.StatusCode.UNAUTHENTICATED: 401,
    grpc.StatusCode.PERMISSION_DENIED: 403,
    grpc.StatusCode.NOT_FOUND: 404,
    grpc.StatusCode.ALREADY_EXISTS: 409,
    grpc.StatusCode.ABORTED: 409,
    grpc.StatusCode.FAILED_PRECONDITION: 422,
    grpc.StatusCode.RESOURCE_EXHAUSTED: 429,
    grpc.StatusCode.UNIMPLEMENTED: 501,
    grpc.StatusCode.UNAVAILABLE: 503,
    grpc.StatusCode.DEADLINE_EXCEEDED: 504,
}
# Statuses a client should retry after a pause.
RETRYABLE_HTTP = frozenset({429, 503})

_STATUS_DETAILS_KEY = "grpc-status-details-bin"
# Transport addresses that grpc puts into messages ("ipv4:127.0.0.1:50051: Connection refused").
_ADDRESS = re.compile(
    r"\b(?:ipv4|ipv6|unix|dns):\S+"  # grpc target notation
    r"|\[[0-9a-fA-F]*:[0-9a-fA-F:]*\](?::\d+)?"  # bracketed IPv6 (not an index like [0])
    r"|\b\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?"  # IPv4 with optional port
    r"|\blocalhost:\d+"
)


class TmfError(Exception):
    """A failure the facade detects itself; rendered as a TMF Error with this status."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        *,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = dict(headers or {})


def bad_request(code: str, message: str) -> TmfError:
    return TmfError(400, code, message)


def error_body(status: int, code: str, message: str) -> dict[str, str]:
    body = {
        "@type": "Error",
        "code": code,
        "reason": HTTPStatus(status).phrase,
        "status": str(status),
    }
    if message:
        body["message"] = message
    return body


def error_response(
    status: int, code: str, message: str, headers: Mapping[str, str] | None = None
) -> ConnexionResponse:
    all_headers = dict(headers or {})
    if status in RETRYABLE_HTTP:
        all_headers.setdefault("Retry-After", RETRY_AFTER_SECONDS)
    return ConnexionResponse(
        status_code=status,
        mimetype=ERROR_MEDIA_TYPE,
        body=json.dumps(error_body(status, code, message)),
        headers=all_headers,
    )


# --- gRPC statuses ---------------------------------------------------------------------------


def rich_status(error: grpc.aio.AioRpcError) -> status_pb2.Status | None:
    for key, value in error.trailing_metadata() or ():
        if key == _STATUS_DETAILS_KEY and isinstance(value, bytes):
            return status_pb2.Status.FromString(value)
    return None


def field_violations(
    status: status_pb2.Status,
) -> list[error_details_pb2.BadRequest.FieldViolation]:
    found: list[error_details_pb2.BadRequest.FieldViolation] = []
    for detail in status.details:
        bad = error_details_pb2.BadRequest()
        if detail.Unpack(bad):
            found.extend(bad.field_violations)
    return found


def _violations(status: status_pb2.Status) -> list[str]:
    return [f"{v.field}: {v.description}" for v in field_violations(status)]


def status_reason(status: status_pb2.Status) -> str:
    for detail in status.details:
        info = error_details_pb2.ErrorInfo()
        if detail.Unpack(info):
            return str(info.reason)
    return ""


def sanitize(message: str) -> str:
    """Removes transport addresses from a message meant for clients."""
    return _ADDRESS.sub("<address>", message)


def grpc_error(error: grpc.aio.AioRpcError) -> ConnexionResponse:
    code = error.code()
    http_status = GRPC_TO_HTTP.get(code, 500)
    rich = rich_status(error)
    # Client errors, and server errors the service explained with a google.rpc.Status, carry
    # words meant for clients (still scrubbed of addresses). Other failures come from the
    # transport or are bugs: their text (addresses, internals) is never echoed.
    if http_status < 500 or (rich is not None and http_status != 500):
        violations = _violations(rich) if rich is not None else []
        lead = (rich.message if rich is not None else "") or error.details() or ""
        message = "; ".join(part for part in [lead, *violations] if part)
        reason = status_reason(rich) if rich is not None else ""
        return error_response(http_status, reason or code.name, sanitize(message))
    if http_status == 500:
        logger.error("gRPC call failed: %s %s", code, error.details())
    return error_response(http_status, code.name, _GENERIC_MESSAGES.get(http_status, ""))


_GENERIC_MESSAGES: Mapping[int, str] = {
    500: "The request could not be processed.",
    501: "The operation is not implemented by the service.",
    503: "The service is unavailable; retry later.",
    504: "The service did not answer in time.",
}


# --- Connexion and Starlette failures ---------------------------------------------------------


def _first_paragraph(detail: object) -> str:
    # Connexion appends the whole JSON schema to parameter errors; keep the sentence.
    return str(detail or "").split("\n\n", 1)[0].strip()


def problem_error(exc: ProblemException) -> ConnexionResponse:
    status = int(exc.status)
    detail = _first_paragraph(exc.detail)
    if status == 400 and isinstance(exc.__context__, json.JSONDecodeError):
        return error_response(400, "MALFORMED_JSON", f"The body is not valid JSON: {detail}")
    codes = {400: "INVALID_BODY", 415: "UNSUPPORTED_MEDIA_TYPE", 500: "INTERNAL"}
    return error_response(status, codes.get(status, f"HTTP_{status}"), detail)


class AllowIndex:
    """Methods each path of the served documents allows; Starlette lists only one (gotcha 8)."""

    def __init__(self) -> None:
        self._routes: list[tuple[re.Pattern[str], str]] = []

    def add(self, base_path: str, paths: Mapping[str, Iterable[str]]) -> None:
        for template, methods in paths.items():
            pattern = re.escape(base_path) + re.sub(r"\\\{[^/}]+\\\}", "[^/]+", re.escape(template))
            allowed = ", ".join(sorted(method.upper() for method in methods))
            self._routes.append((re.compile(f"^{pattern}/?$"), allowed))

    def allow(self, path: str) -> str | None:
        return next((methods for pattern, methods in self._routes if pattern.match(path)), None)


def http_error(exc: HTTPException, path: str, allow_index: AllowIndex) -> ConnexionResponse:
    if exc.status_code == 405:
        allow = allow_index.allow(path) or (exc.headers or {}).get("Allow", "")
        return error_response(
            405, "METHOD_NOT_ALLOWED", f"Allowed methods: {allow}.", {"Allow": allow}
        )
    if exc.status_code == 404:
        return error_response(404, "RESOURCE_PATH_NOT_FOUND", f"No resource at {path}.")
    return error_response(exc.status_code, f"HTTP_{exc.status_code}", _first_paragraph(exc.detail))


Handler = Callable[[ConnexionRequest, Exception], ConnexionResponse]


def handlers(allow_index: AllowIndex) -> list[tuple[type[Exception], Handler]]:
    """Error handlers to register on the app, most specific first."""

    def on_tmf(_: ConnexionRequest, exc: Exception) -> ConnexionResponse:
        assert isinstance(exc, TmfError)
        return error_response(exc.status, exc.code, exc.message, exc.headers)

    def on_grpc(_: ConnexionRequest, exc: Exception) -> ConnexionResponse:
        assert isinstance(exc, grpc.aio.AioRpcError)
        return grpc_error(exc)

    def on_problem(_: ConnexionRequest, exc: Exception) -> ConnexionResponse:
        assert isinstance(exc, ProblemException)
        return problem_error(exc)

    def on_http(request: ConnexionRequest, exc: Exception) -> ConnexionResponse:
        assert isinstance(exc, HTTPException)
        return http_error(exc, request.url.path, allow_index)

    def on_any(_: ConnexionRequest, exc: Exception) -> ConnexionResponse:
        logger.error("Unhandled error", exc_info=exc)
        return error_response(500, "INTERNAL", _GENERIC_MESSAGES[500])

    return [
        (TmfError, on_tmf),
        (grpc.aio.AioRpcError, on_grpc),
        (ProblemException, on_problem),
        (HTTPException, on_http),
        (Exception, on_any),
    ]
