"""The headers of every list response: the counts and the RFC 8288 `Link` navigation.

Lists always answer 200, never 206: the official TMF620/TMF622/TMF679 v5 and TMF645 v4
documents list only 200 for a list, and 206 belongs to `Range` requests (RFC 9110 §15.3.7).

Each link is the request's own URL (scheme, host, path) with its query string kept byte for byte
except `offset` and `limit`, replaced where they stand (or appended): the TMF630 literal operator
forms (`attr>=v`, `attr%3E%3Dv`) and the `;` separators survive untouched, since the raw query is
never parsed and re-encoded (only characters a URI may not hold, like a bare `<`, are escaped).
Relations: `self`, `first`, `prev` (when offset > 0), `next` (when rows follow this page) and
`last` (the offset of the last page counted from 0; 0 when the set is empty).
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote, unquote_plus

from connexion import request

from rest_facade.request_context import raw_query
from rest_facade.tmf630.listing import ListQuery, count_headers

_TERMS = re.compile(r"([&;])")
_PAGING = ("offset", "limit")
# RFC 3986 reserved characters, and '%' so that the client's escapes stay as they are.
_URI_CHARACTERS = ":/?#[]@!$&'()*+,;=%"


def page_query(query: str, offset: int, limit: int) -> str:
    """`query` (raw) with `offset` and `limit` set; every other byte kept as sent."""
    wanted = {"offset": str(offset), "limit": str(limit)}
    parts = _TERMS.split(query) if query else []
    for n in range(0, len(parts), 2):  # even indexes are terms, odd ones separators
        name = unquote_plus(parts[n].split("=", 1)[0])
        if name in _PAGING:  # the first one replaced, any repeat dropped
            parts[n] = f"{name}={wanted.pop(name)}" if name in wanted else ""
    text = "".join(parts)
    missing = "&".join(f"{name}={wanted[name]}" for name in _PAGING if name in wanted)
    if not missing:
        return text
    return f"{text}&{missing}" if text and not text.endswith(("&", ";")) else text + missing


def last_offset(total: int, limit: int) -> int:
    """The offset of the last page of `total` rows paged by `limit` from 0."""
    return ((total - 1) // limit) * limit if total > 0 else 0


def paging_links(
    url: str, query: str, *, offset: int, limit: int, total: int, returned: int
) -> str:
    """The `Link` header value of a page: `<url>; rel="self", <url>; rel="first", ...`.

    `url` is the request URL without its query; `returned` the rows of this page.
    """
    last = last_offset(total, limit)
    relations: list[tuple[str, int]] = [("self", offset), ("first", 0)]
    if offset > 0:
        relations.append(("prev", min(max(offset - limit, 0), last)))
    if offset + returned < total:
        relations.append(("next", offset + (returned or limit)))
    relations.append(("last", last))
    return ", ".join(
        f'<{_uri(f"{url}?{page_query(query, at, limit)}")}>; rel="{rel}"' for rel, at in relations
    )


def _uri(text: str) -> str:
    """Escapes only what may not stand in a URI (`<`, `>`, `"`, spaces, controls, non-ASCII
    bytes), which would break the header: `attr<v` becomes `attr%3Cv`, which the TMF630
    parser reads the same way. Everything else, escapes included, is kept as sent."""
    return quote(text, safe=_URI_CHARACTERS, encoding="latin-1")


def list_headers(query: ListQuery[Any, Any], total: int, returned: int) -> dict[str, str]:
    """`X-Total-Count`, `X-Result-Count` and `Link` for the list request being handled."""
    url = str(request.url).split("?", 1)[0]
    links = paging_links(
        url, raw_query(), offset=query.offset, limit=query.limit, total=total, returned=returned
    )
    return {**count_headers(total, returned), "Link": links}
