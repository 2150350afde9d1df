"""Request helpers for handlers: the raw query string, the JSON body, the API root URL."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from connexion import request

from rest_facade.errors import bad_request
from rest_facade.tmf_values import Hrefs


def raw_query() -> str:
    """The query string as sent: TMF630 parsing needs it undecoded."""
    query = request.scope.get("query_string", b"")
    return query.decode("latin-1") if isinstance(query, bytes) else str(query)


async def json_body() -> dict[str, Any]:
    """The body (already validated by Connexion), with JSON numbers as exact Decimals so
    amounts never go through binary floating point."""
    raw = await request.body()
    try:
        document = json.loads(raw, parse_float=Decimal)
    except ValueError as exc:
        raise bad_request("MALFORMED_JSON", f"The body is not valid JSON: {exc}") from None
    if not isinstance(document, dict):
        raise bad_request("INVALID_REQUEST", "The body must be a JSON object.")
    return document


def hrefs(base_path: str) -> Hrefs:
    """Hrefs under the URL the client used (scheme, host and any proxy root path)."""
    return Hrefs(str(request.base_url).rstrip("/") + base_path)
