"""Idempotent requests. A client may send a request id with a create or a cancellation; the
pair (client id, request id) is claimed with a fingerprint of the request:
- first time: the request runs; its result is recorded with the order, in the same unit of
  work, and kept at least as long as the store's retention (24 h by default);
- same key, same fingerprint, finished: the recorded result is returned again, nothing runs;
- same key, other fingerprint: IDEMPOTENCY_KEY_REUSED (422);
- same key while the first is still running: IDEMPOTENCY_REQUEST_IN_FLIGHT (409); the
  client retries and then gets the replay.
A request refused by validation or a state conflict records nothing: its claim is released
and a retry with the same key runs again."""

from __future__ import annotations

import enum
import hashlib
from dataclasses import dataclass

from domain.ordering.cancellation import Cancellation
from domain.ordering.model import ProductOrder

IdempotentResult = ProductOrder | Cancellation


@dataclass(frozen=True, slots=True)
class IdempotencyKey:
    client_id: str
    request_id: str


class ClaimStatus(enum.Enum):
    NEW = "new"
    DONE = "done"
    IN_FLIGHT = "inFlight"
    MISMATCH = "mismatch"


@dataclass(frozen=True, slots=True)
class Claim:
    status: ClaimStatus
    # The first request's result, when DONE.
    result: IdempotentResult | None = None


def fingerprint(operation: str, *parts: object) -> str:
    """A digest of what was asked. Domain values are frozen dataclasses, enums, strings,
    numbers and datetimes, whose repr is deterministic, so equal requests digest equally."""
    text = repr((operation, *parts))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
