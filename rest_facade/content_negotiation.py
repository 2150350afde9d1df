"""406 Not Acceptable for TMF requests whose `Accept` header refuses every media type the API
answers (`application/json`: every body of the four documents, errors included).

The rules of RFC 9110 §12.5.1: a header lists media ranges (`type/subtype`, `type/*`, `*/*`)
with parameters and an optional weight `q` (0 to 1, 3 decimals; `q=0` means "not acceptable");
the most specific range that matches a media type gives its weight (`application/json;q=0, */*`
refuses JSON). No `Accept` header, or an empty one, accepts anything. Elements that do not parse
(`json`, `text/html;q=2`) are ignored; a header with none left names nothing we answer.

The middleware runs inside Connexion's exception handling, before routing: the refusal is a
`TmfError`, rendered as every other TMF Error, and no handler runs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from rest_facade.correlation import TMF_API_PREFIX, Asgi, Receive, Scope, Send
from rest_facade.errors import TmfError

JSON = "application/json"
ANSWERED = (JSON,)

_ACCEPT = b"accept"
_TCHARS = r"[!#$%&'*+.^_`|~0-9A-Za-z-]+"
_RANGE = re.compile(rf"^\s*({_TCHARS})/({_TCHARS})\s*$")
_WEIGHT = re.compile(r"^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$")
# Commas and semicolons outside quoted strings (a parameter value may be quoted).
_ELEMENTS = re.compile(r'(?:[^,"]|"(?:[^"\\]|\\.)*")+')
_PARAMETERS = re.compile(r'(?:[^;"]|"(?:[^"\\]|\\.)*")+')


@dataclass(frozen=True, slots=True)
class MediaRange:
    type: str  # lower case; "*" for any
    subtype: str
    parameters: tuple[tuple[str, str], ...]  # besides q, lower-case names
    weight: float

    def matches(self, media_type: str) -> bool:
        kind, _, subtype = media_type.lower().partition("/")
        return self.type == "*" or (
            self.type == kind and (self.subtype == "*" or self.subtype == subtype)
        )

    @property
    def precedence(self) -> int:
        """More specific ranges win: type/subtype, then type/*, then */*. Media type parameters
        (`charset=utf-8`) do not narrow the match: JSON has no variants to choose from."""
        return 0 if self.type == "*" else 1 if self.subtype == "*" else 2


def parse_accept(value: str) -> list[MediaRange]:
    """The media ranges of an `Accept` value; elements that do not parse are left out."""
    ranges: list[MediaRange] = []
    for element in _ELEMENTS.findall(value):
        found = _media_range(element)
        if found is not None:
            ranges.append(found)
    return ranges


def _media_range(element: str) -> MediaRange | None:
    head, *rest = [part.strip() for part in _PARAMETERS.findall(element)] or [""]
    matched = _RANGE.match(head)
    if matched is None:
        return None
    kind, subtype = matched.group(1).lower(), matched.group(2).lower()
    if kind == "*" and subtype != "*":
        return None
    weight = 1.0
    parameters: list[tuple[str, str]] = []
    for part in rest:
        name, equals, text = part.partition("=")
        name, text = name.strip().lower(), text.strip()
        if not equals or not name:
            return None
        if name == "q":
            if not _WEIGHT.match(text):
                return None
            weight = float(text)
            break  # what follows the weight are accept-extensions, not media type parameters
        parameters.append((name, text))
    return MediaRange(kind, subtype, tuple(parameters), weight)


def weight_of(media_type: str, ranges: Iterable[MediaRange]) -> float:
    """The weight the client gives `media_type`: that of the most specific matching range
    (the highest among equally specific ones), 0 when none matches."""
    matching = [found for found in ranges if found.matches(media_type)]
    if not matching:
        return 0.0
    best = max(found.precedence for found in matching)
    return max(found.weight for found in matching if found.precedence == best)


def acceptable(accept: str | None, answered: Iterable[str] = ANSWERED) -> bool:
    """Whether a request with this `Accept` value (None: no header) accepts one of `answered`."""
    if accept is None or not accept.strip():
        return True
    ranges = parse_accept(accept)
    return any(weight_of(media_type, ranges) > 0 for media_type in answered)


class ContentNegotiationMiddleware:
    """ASGI middleware: refuses with 406 the requests below `prefix` that accept none of
    `answered`, before they are routed."""

    def __init__(
        self, app: Asgi, prefix: str = TMF_API_PREFIX, answered: Iterable[str] = ANSWERED
    ) -> None:
        self._app = app
        self._prefix = prefix.rstrip("/")
        self._answered = tuple(answered)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = str(scope.get("path", ""))
        if scope.get("type") == "http" and (
            path == self._prefix or path.startswith(self._prefix + "/")
        ):
            values = [
                value.decode("latin-1")
                for key, value in scope.get("headers") or ()
                if key.lower() == _ACCEPT
            ]
            accept = ", ".join(values) if values else None
            if not acceptable(accept, self._answered):
                raise TmfError(
                    406,
                    "NOT_ACCEPTABLE",
                    f"The Accept header ({accept.strip() if accept else ''}) admits none of "
                    f"the media types this API answers: {', '.join(self._answered)}.",
                )
        await self._app(scope, receive, send)
