"""Who is calling and under which correlation id, for every TMF622 request.

`X-Correlation-ID` is taken from the request when usable (printable, no spaces, at most 128
characters, the rule the gRPC tier applies) or generated, sent to the tier as the
`x-correlation-id` metadata, and returned on every response of the API, errors included: the
middleware sits outside Connexion's exception handling, so schema-validation 400s carry it too.

The client identity is the `X-Client-ID` header until authentication names the caller; it scopes
idempotency keys in the tier (`x-client-id` metadata; "anonymous" when absent).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Awaitable, Callable, MutableMapping
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from connexion import request

from rest_facade.errors import bad_request

CORRELATION_HEADER = "X-Correlation-ID"
CLIENT_HEADER = "X-Client-ID"
IDEMPOTENCY_HEADER = "Idempotency-Key"
# gRPC metadata keys the ordering tier reads (servers/ordering/metadata.py).
CLIENT_ID_KEY = "x-client-id"
CORRELATION_ID_KEY = "x-correlation-id"
MAX_IDEMPOTENCY_KEY = 255

_USABLE = re.compile(r"^[\x21-\x7e]{1,128}$")
_CURRENT: ContextVar[str] = ContextVar("tmf622_correlation_id", default="")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
Asgi = Callable[[Scope, Receive, Send], Awaitable[None]]


@dataclass(frozen=True, slots=True)
class Caller:
    client_id: str
    correlation_id: str

    def metadata(self) -> tuple[tuple[str, str], ...]:
        found = [(CORRELATION_ID_KEY, self.correlation_id)]
        if self.client_id:
            found.append((CLIENT_ID_KEY, self.client_id))
        return tuple(found)


def usable_correlation_id(value: str) -> str:
    """The value when it may serve as a correlation id; a new UUID otherwise."""
    return value if _USABLE.match(value) else str(uuid.uuid4())


class CorrelationMiddleware:
    """ASGI middleware: the correlation id of each request below `base_path`, echoed on its
    response whatever produced it."""

    def __init__(self, app: Asgi, base_path: str) -> None:
        self._app = app
        self._prefix = base_path.rstrip("/")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = str(scope.get("path", ""))
        if scope.get("type") != "http" or not (
            path == self._prefix or path.startswith(self._prefix + "/")
        ):
            await self._app(scope, receive, send)
            return
        given = ""
        for key, value in scope.get("headers") or ():
            if key.lower() == CORRELATION_HEADER.lower().encode():
                given = value.decode("latin-1").strip()
                break
        correlation_id = usable_correlation_id(given)
        echoed = (CORRELATION_HEADER.lower().encode(), correlation_id.encode())

        async def send_with_id(message: Message) -> None:
            if message.get("type") == "http.response.start":
                headers = [
                    (k, v)
                    for k, v in message.get("headers") or ()
                    if k.lower() != CORRELATION_HEADER.lower().encode()
                ]
                message["headers"] = [*headers, echoed]
            await send(message)

        token = _CURRENT.set(correlation_id)
        try:
            await self._app(scope, receive, send_with_id)
        finally:
            _CURRENT.reset(token)


def current_caller() -> Caller:
    """The caller of the request being handled."""
    correlation_id = _CURRENT.get() or usable_correlation_id(
        str(request.headers.get(CORRELATION_HEADER, "")).strip()
    )
    client_id = str(request.headers.get(CLIENT_HEADER, "")).strip()
    return Caller(client_id=client_id, correlation_id=correlation_id)


def idempotency_key() -> str:
    """The `Idempotency-Key` header (an RFC 8941 string, quoted or not); "" when absent."""
    raw = request.headers.get(IDEMPOTENCY_HEADER)
    if raw is None:
        return ""
    key = str(raw).strip()
    if len(key) >= 2 and key[0] == key[-1] == '"':
        key = key[1:-1]
    if not key or len(key) > MAX_IDEMPOTENCY_KEY or not key.isprintable():
        raise bad_request(
            "INVALID_IDEMPOTENCY_KEY",
            f"Header '{IDEMPOTENCY_HEADER}': 1 to {MAX_IDEMPOTENCY_KEY} printable characters "
            "are expected.",
        )
    return key
