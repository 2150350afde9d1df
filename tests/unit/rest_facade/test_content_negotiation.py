"""The `Accept` header parser and the 406 decision (RFC 9110 §12.5.1)."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from rest_facade.content_negotiation import (
    ContentNegotiationMiddleware,
    MediaRange,
    acceptable,
    parse_accept,
    weight_of,
)
from rest_facade.errors import TmfError


def test_ranges_parameters_and_weights_are_read() -> None:
    assert parse_accept('Application/JSON; charset="utf-8" ;q=0.5; ext=1, text/*, */*;q=0') == [
        MediaRange("application", "json", (("charset", '"utf-8"'),), 0.5),
        MediaRange("text", "*", (), 1.0),
        MediaRange("*", "*", (), 0.0),
    ]


def test_a_quoted_parameter_may_hold_commas_and_semicolons() -> None:
    assert parse_accept('application/json;profile="a,b;c";q=0.2') == [
        MediaRange("application", "json", (("profile", '"a,b;c"'),), 0.2)
    ]


@pytest.mark.parametrize(
    "element", ["json", "*/json", "text/html;q=2", "text/html;q=0.1234", "a/b;q", "a/b;=1", ""]
)
def test_elements_that_do_not_parse_are_left_out(element: str) -> None:
    assert parse_accept(f"{element}, application/xml") == [
        MediaRange("application", "xml", (), 1.0)
    ]


def test_the_most_specific_matching_range_gives_the_weight() -> None:
    ranges = parse_accept("*/*;q=0.1, application/*;q=0.4, application/json;q=0.7")
    assert weight_of("application/json", ranges) == 0.7
    assert weight_of("application/xml", ranges) == 0.4
    assert weight_of("text/plain", ranges) == 0.1
    assert weight_of("text/plain", parse_accept("application/*")) == 0.0


@pytest.mark.parametrize(
    "accept",
    [
        None,
        "",
        "   ",
        "application/json",
        "APPLICATION/Json",
        "application/json; charset=utf-8",
        "application/*",
        "*/*",
        "text/html, */*;q=0.1",
        "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",  # a browser
        "*/*;q=0, application/json",
        "application/json;q=0.001",
        "application/json;charset=latin-1;q=0, application/json;q=1",
        "text/plain, application/json;q=0.5",
    ],
)
def test_acceptable(accept: str | None) -> None:
    assert acceptable(accept)


@pytest.mark.parametrize(
    "accept",
    [
        "text/html",
        "application/xml",
        "application/merge-patch+json",
        "application/problem+json",  # a +json type no operation answers
        "text/*",
        "application/json;q=0",
        "application/json;q=0.000",
        "application/json;q=0, */*",
        "application/*;q=0, */*",
        "*/*;q=0",
        "json",  # names nothing: nothing we answer
        "text/html, image/png;q=0.5",
    ],
)
def test_not_acceptable(accept: str) -> None:
    assert not acceptable(accept)


def test_a_json_subtype_the_operation_answers_is_acceptable() -> None:
    answered = ("application/json", "application/vnd.tmf+json")
    assert acceptable("application/vnd.tmf+json", answered)
    assert not acceptable("application/vnd.other+json", answered)


def run(path: str, *accept: bytes) -> bool:
    """Whether the request reached the inner app."""
    reached: list[bool] = []

    async def inner(scope: Any, receive: Any, send: Any) -> None:
        reached.append(True)

    async def receive() -> dict[str, Any]:
        return {"type": "http.request"}

    async def send(message: Any) -> None:
        pass

    middleware = ContentNegotiationMiddleware(inner)
    scope = {"type": "http", "path": path, "headers": [(b"accept", value) for value in accept]}
    asyncio.run(middleware(scope, receive, send))
    return bool(reached)


def test_the_middleware_refuses_below_the_tmf_prefix_only() -> None:
    assert run("/tmf-api/x/v5/thing", b"application/json")
    assert run("/tmf-api/x/v5/thing")
    assert run("/openapi.json", b"text/html")
    assert run("/tmf-apix", b"text/html")
    with pytest.raises(TmfError) as refused:
        run("/tmf-api/x/v5/thing", b"text/html")
    assert (refused.value.status, refused.value.code) == (406, "NOT_ACCEPTABLE")
    assert "text/html" in refused.value.message


def test_several_accept_headers_are_one_list() -> None:
    assert run("/tmf-api/x", b"text/html", b"application/json;q=0.2")
    with pytest.raises(TmfError):
        run("/tmf-api/x", b"text/html", b"application/json;q=0")
