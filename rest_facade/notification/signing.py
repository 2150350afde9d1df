"""Signatures of deliveries, the Standard Webhooks way: `webhook-id` (the TMF eventId, stable
across retries), `webhook-timestamp` (unix seconds of this attempt) and `webhook-signature`
(`v1,` + base64 of HMAC-SHA256 over "{id}.{timestamp}.{body}" under the subscription's
secret, whose `whsec_` prefix is dropped and the rest base64-decoded).

A listener verifies: recompute the HMAC over the raw body with its secret, compare it in
constant time with each space-separated `v1,` signature, refuse a timestamp more than five
minutes from its clock, and drop a webhook-id it has already processed."""

from __future__ import annotations

import base64
import hashlib
import hmac

PREFIX = "whsec_"


def signature(secret: str, message_id: str, timestamp: int, body: bytes) -> str:
    key = base64.b64decode(secret.removeprefix(PREFIX))
    signed = f"{message_id}.{timestamp}.".encode() + body
    digest = hmac.new(key, signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode("ascii")


def signed_headers(secret: str, message_id: str, timestamp: int, body: bytes) -> dict[str, str]:
    return {
        "webhook-id": message_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": signature(secret, message_id, timestamp, body),
    }
