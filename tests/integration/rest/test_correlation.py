"""Every TMF API (not only TMF622) echoes X-Correlation-ID, and the gRPC calls the facade makes
for the request carry it: the tier's log lines for those calls name the channel's id."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from servers.correlation import CorrelationIdFilter
from tests.integration.rest.harness import Tmf620

TIER_LOGGER = "servers.correlation_interceptor"


@pytest.fixture
def records(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    caplog.handler.addFilter(CorrelationIdFilter())
    caplog.set_level(logging.DEBUG, logger=TIER_LOGGER)
    yield caplog
    caplog.handler.filters.clear()


def test_a_catalog_request_is_correlated_end_to_end(
    api: Tmf620, records: pytest.LogCaptureFixture
) -> None:
    response = api.client.get(
        "/tmf-api/productCatalogManagement/v5/productOffering?limit=1",
        headers={"X-Correlation-ID": "browse-7"},
    )
    assert response.status_code == 200, response.text
    assert response.headers["X-Correlation-ID"] == "browse-7"
    tier_calls = [
        (r.getMessage().split(" ", 1)[0], getattr(r, "correlation_id", "?"))
        for r in records.records
        if r.name == TIER_LOGGER
    ]
    assert ("/ordercapture.catalog.v1.CatalogService/ListOfferings", "browse-7") in tier_calls


def test_an_error_of_another_api_carries_a_generated_id(api: Tmf620) -> None:
    response = api.client.get("/tmf-api/productOfferingQualification/v5/nothingHere")
    assert response.status_code == 404
    assert response.headers["X-Correlation-ID"]
