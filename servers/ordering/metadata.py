"""Who is asking, from the call's metadata: the client (`x-client-id`, scoping idempotency
keys; "anonymous" when absent) and the correlation id (`x-correlation-id`, generated when
absent or unusable), which is sent back at once as initial metadata and again as trailing
metadata, so the caller gets it on success and on failure alike."""

from __future__ import annotations

import re
import uuid
from typing import TypeAlias

import grpc

from domain.ordering.services import RequestContext

Context: TypeAlias = "grpc.aio.ServicerContext[object, object]"

CLIENT_ID_KEY = "x-client-id"
CORRELATION_ID_KEY = "x-correlation-id"
ANONYMOUS = "anonymous"
# What is accepted from a caller as a correlation id: printable, no spaces, bounded.
_USABLE = re.compile(r"^[\x21-\x7e]{1,128}$")


async def request_context(context: Context, request_id: str = "") -> RequestContext:
    given = _metadata(context)
    correlation_id = given.get(CORRELATION_ID_KEY, "")
    if not _USABLE.match(correlation_id):
        correlation_id = str(uuid.uuid4())
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
