"""Who is calling and under which correlation id, for every TMF622 request (the id itself is
bound by rest_facade/correlation.py for every TMF API and sent to the tier as metadata).

The client identity is the `X-Client-ID` header until authentication names the caller; it scopes
idempotency keys in the tier (`x-client-id` metadata; "anonymous" when absent).
"""

from __future__ import annotations

from dataclasses import dataclass

from connexion import request

from rest_facade.correlation import (
    CORRELATION_HEADER,
    current_correlation_id,
    usable_correlation_id,
)
from rest_facade.correlation_metadata import CORRELATION_ID_KEY
from rest_facade.errors import bad_request

CLIENT_HEADER = "X-Client-ID"
IDEMPOTENCY_HEADER = "Idempotency-Key"
# gRPC metadata keys the ordering tier reads (servers/ordering/metadata.py).
CLIENT_ID_KEY = "x-client-id"
MAX_IDEMPOTENCY_KEY = 255


@dataclass(frozen=True, slots=True)
class Caller:
    client_id: str
    correlation_id: str

    def metadata(self) -> tuple[tuple[str, str], ...]:
        found = [(CORRELATION_ID_KEY, self.correlation_id)]
        if self.client_id:
            found.append((CLIENT_ID_KEY, self.client_id))
        return tuple(found)


def current_caller() -> Caller:
    """The caller of the request being handled."""
    correlation_id = current_correlation_id() or usable_correlation_id(
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
