"""The correlation id of each REST request, for every TMF API the facade serves.

`X-Correlation-ID` is taken from the request when usable (printable, no spaces, at most 128
characters, the rule the gRPC tier applies) or generated, bound for the request's handling (log
lines and the gRPC calls made meanwhile carry it: see correlation_metadata.py) and returned on
the response whatever produced it: the middleware sits outside Connexion's exception handling,
so schema-validation 400s carry it too.
Standard library only: the CLI's logging setup reads the current id without loading Connexion.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Awaitable, Callable, MutableMapping
from contextvars import ContextVar
from typing import Any

CORRELATION_HEADER = "X-Correlation-ID"
TMF_API_PREFIX = "/tmf-api"

_HEADER_KEY = CORRELATION_HEADER.lower().encode()
_USABLE = re.compile(r"^[\x21-\x7e]{1,128}$")
_CURRENT: ContextVar[str | None] = ContextVar("rest_correlation_id", default=None)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
Asgi = Callable[[Scope, Receive, Send], Awaitable[None]]


def usable_correlation_id(value: str) -> str:
    """The value when it may serve as a correlation id; a new UUID otherwise."""
    return value if _USABLE.match(value) else str(uuid.uuid4())


def current_correlation_id() -> str | None:
    """The id of the REST request being handled in this task; None outside a request."""
    return _CURRENT.get()


class CorrelationMiddleware:
    """ASGI middleware: binds the correlation id of each request below `prefix` and echoes
    it on the response."""

    def __init__(self, app: Asgi, prefix: str = TMF_API_PREFIX) -> None:
        self._app = app
        self._prefix = prefix.rstrip("/")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = str(scope.get("path", ""))
        if scope.get("type") != "http" or not (
            path == self._prefix or path.startswith(self._prefix + "/")
        ):
            await self._app(scope, receive, send)
            return
        given = ""
        for key, value in scope.get("headers") or ():
            if key.lower() == _HEADER_KEY:
                given = value.decode("latin-1").strip()
                break
        correlation_id = usable_correlation_id(given)
        echoed = (_HEADER_KEY, correlation_id.encode())

        async def send_with_id(message: Message) -> None:
            if message.get("type") == "http.response.start":
                headers = [
                    (k, v) for k, v in message.get("headers") or () if k.lower() != _HEADER_KEY
                ]
                message["headers"] = [*headers, echoed]
            await send(message)

        token = _CURRENT.set(correlation_id)
        try:
            await self._app(scope, receive, send_with_id)
        finally:
            _CURRENT.reset(token)
