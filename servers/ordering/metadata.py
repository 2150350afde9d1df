"""Who is asking, from the call's metadata: the client (`x-client-id`, scoping idempotency
keys; "anonymous" when absent) and the correlation id (`x-correlation-id`, generated when
absent or unusable; the one CorrelationIdInterceptor bound for the call, so logs, events and
the caller see the same id), which is sent back at once as initial metadata and again as trailing
metadata, so the caller gets it on success and on failure alike."""

from __future__ import annotations

from typing import TypeAlias

import grpc

from domain.ordering.services import RequestContext
from servers.correlation import (
    CORRELATION_ID_KEY,
    correlation_id_or_new,
    current_correlation_id,
)

Context: TypeAlias = "grpc.aio.ServicerContext[object, object]"

CLIENT_ID_KEY = "x-client-id"
ANONYMOUS = "anonymous"


async def request_context(context: Context, request_id: str = "") -> RequestContext:
    given = _metadata(context)
    # Without the interceptor (a servicer driven directly), the metadata's own rule applies.
    correlation_id = current_correlation_id() or correlation_id_or_new(
        given.get(CORRELATION_ID_KEY)
    )
    echoed = ((CORRELATION_ID_KEY, correlation_id),)
    await context.send_initial_metadata(echoed)
    context.set_trailing_metadata(echoed)
    return RequestContext(
        correlation_id=correlation_id,
        client_id=given.get(CLIENT_ID_KEY, "").strip() or ANONYMOUS,
        request_id=request_id.strip(),
    )


def _metadata(context: Context) -> dict[str, str]:
    found: dict[str, str] = {}
    for key, value in context.invocation_metadata() or ():
        if isinstance(value, str):
            found.setdefault(key.lower(), value)
    return found
