"""406 Not Acceptable across the four APIs, over a real gRPC tier: a request whose `Accept`
refuses `application/json` (the only media type the APIs answer) gets a TMF Error before any
handler runs; accepting headers (none, `*/*`, `application/*`, weights, parameters) are served."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from starlette.testclient import TestClient

from tests.integration.rest import bodies
from tests.integration.rest.harness import GrpcTier, facade, unique

CATALOG = "/tmf-api/productCatalogManagement/v5"
LISTS = [
    f"{CATALOG}/category",
    "/tmf-api/productOrderingManagement/v5/productOrder",
    "/tmf-api/productOrderingManagement/v5/cancelProductOrder",
    "/tmf-api/productOfferingQualification/v5/checkProductOfferingQualification",
    "/tmf-api/productOfferingQualification/v5/queryProductOfferingQualification",
    "/tmf-api/serviceQualificationManagement/v4/checkServiceQualification",
    "/tmf-api/serviceQualificationManagement/v4/queryServiceQualification",
]
REFUSING = [
    "text/html",
    "application/xml",
    "application/merge-patch+json",
    "text/*",
    "application/json;q=0",
    "application/json;q=0, */*",
    "*/*;q=0",
    "text/html, image/png;q=0.5",
]
ACCEPTING = [
    "application/json",
    "application/json; charset=utf-8",
    "application/*",
    "*/*",
    "text/html, */*;q=0.1",
    "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    "*/*;q=0, application/json;q=0.5",
]


@pytest.fixture(scope="module")
def client(tier: GrpcTier) -> Iterator[TestClient]:
    with facade(tier.target) as running:
        yield running


def assert_refused(response: httpx.Response) -> None:
    assert response.status_code == 406, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert body["@type"] == "Error"
    assert (body["code"], body["status"], body["reason"]) == (
        "NOT_ACCEPTABLE",
        "406",
        "Not Acceptable",
    )
    assert "application/json" in body["message"]
    assert response.headers["X-Correlation-ID"]


@pytest.mark.parametrize("path", LISTS)
@pytest.mark.parametrize("accept", REFUSING)
def test_lists_of_every_api_refuse_what_the_client_cannot_take(
    client: TestClient, path: str, accept: str
) -> None:
    assert_refused(client.get(path, headers={"Accept": accept}))


@pytest.mark.parametrize("path", LISTS)
@pytest.mark.parametrize("accept", ACCEPTING)
def test_lists_of_every_api_answer_what_the_client_accepts(
    client: TestClient, path: str, accept: str
) -> None:
    response = client.get(path, headers={"Accept": accept})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/json")
    assert "Link" in response.headers


@pytest.mark.parametrize("path", LISTS)
def test_no_accept_header_accepts_anything(client: TestClient, path: str) -> None:
    request = client.build_request("GET", path)
    del request.headers["Accept"]
    assert "accept" not in request.headers
    assert client.send(request).status_code == 200


def test_no_handler_runs_for_a_refused_create(client: TestClient) -> None:
    name = unique("refused")
    refused = client.post(
        f"{CATALOG}/category", json=bodies.category(name), headers={"Accept": "text/html"}
    )
    assert_refused(refused)
    assert client.get(f"{CATALOG}/category?name={name}").json() == []
    created = client.post(
        f"{CATALOG}/category", json=bodies.category(name), headers={"Accept": "*/*"}
    )
    assert created.status_code == 201, created.text


def test_entities_and_errors_follow_the_same_rule(client: TestClient) -> None:
    missing = f"{CATALOG}/category/{unique('missing')}"
    assert_refused(client.get(missing, headers={"Accept": "text/plain"}))
    found = client.get(missing, headers={"Accept": "application/json"})
    assert found.status_code == 404
    assert found.json()["@type"] == "Error"


def test_the_correlation_id_of_the_request_is_echoed_on_a_406(client: TestClient) -> None:
    response = client.get(
        LISTS[0], headers={"Accept": "text/html", "X-Correlation-ID": "corr-406-check"}
    )
    assert_refused(response)
    assert response.headers["X-Correlation-ID"] == "corr-406-check"


def test_paths_outside_the_tmf_apis_are_not_negotiated(client: TestClient) -> None:
    response = client.get("/not-a-tmf-path", headers={"Accept": "text/html"})
    assert response.status_code == 404
