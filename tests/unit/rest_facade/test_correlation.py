"""The REST correlation id: bound while a TMF request is handled (log lines written meanwhile
carry it through the CLI's filter), echoed on the response, generated when absent or unusable;
requests outside the TMF APIs are left alone."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from rest_facade.correlation import CorrelationMiddleware, current_correlation_id
from servers.correlation import CorrelationIdFilter

logger = logging.getLogger("tests.rest_correlation")


async def _handled(request: Request) -> PlainTextResponse:
    logger.info("handling %s", request.url.path)
    return PlainTextResponse(current_correlation_id() or "none")


@pytest.fixture
def client() -> Iterator[TestClient]:
    routes = [Route("/tmf-api/x/v1/thing", _handled), Route("/elsewhere", _handled)]
    app: Any = CorrelationMiddleware(Starlette(routes=routes))
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture
def records(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    """caplog with the filter the CLI installs: gRPC call id first, else the REST request's."""
    caplog.handler.addFilter(CorrelationIdFilter(current_correlation_id))
    caplog.set_level(logging.INFO)
    yield caplog
    caplog.handler.filters.clear()


def _logged(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [getattr(r, "correlation_id", "?") for r in caplog.records if r.name == logger.name]


def test_a_given_id_is_bound_logged_and_echoed(
    client: TestClient, records: pytest.LogCaptureFixture
) -> None:
    response = client.get("/tmf-api/x/v1/thing", headers={"X-Correlation-ID": "shop-42"})
    assert response.headers["X-Correlation-ID"] == "shop-42"
    assert response.text == "shop-42"
    assert _logged(records) == ["shop-42"]


@pytest.mark.parametrize("given", [None, "has spaces", "x" * 129])
def test_an_absent_or_unusable_id_is_replaced_by_a_new_one(
    client: TestClient, records: pytest.LogCaptureFixture, given: str | None
) -> None:
    headers = {} if given is None else {"X-Correlation-ID": given}
    response = client.get("/tmf-api/x/v1/thing", headers=headers)
    generated = response.headers["X-Correlation-ID"]
    assert generated not in ("", given)
    assert response.text == generated
    assert _logged(records) == [generated]


def test_other_paths_are_left_alone(client: TestClient, records: pytest.LogCaptureFixture) -> None:
    response = client.get("/elsewhere", headers={"X-Correlation-ID": "shop-42"})
    assert "X-Correlation-ID" not in response.headers
    assert response.text == "none"
    assert _logged(records) == ["-"]
