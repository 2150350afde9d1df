"""The hub of every TMF API through the real app and a real gRPC tier: register (201, the secret
once), retrieve where the API's document has it, unregister (204); a registration belongs to the
API it was made through (404 elsewhere); bad callbacks and queries are 400. Responses are
validated against the project documents (the facade fixture turns validation on)."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from starlette.testclient import TestClient

from servers.settings import Settings
from tests.integration.rest.harness import GrpcTier, facade

CALLBACK = "http://127.0.0.1:9/listener-base"
ROOTS = {
    "productCatalogManagement/v5": "ProductOfferingStateChangeEvent",
    "productOfferingQualification/v5": "CheckProductOfferingQualificationCreateEvent",
    "serviceQualificationManagement/v4": "QueryServiceQualificationStateChangeEvent",
    "productOrderingManagement/v5": "ProductOrderStateChangeEvent",
}
# Only TMF679 v5 documents GET /hub/{id}; the other documents (and so this product) do not.
WITH_RETRIEVAL = "productOfferingQualification/v5"


@pytest.fixture(scope="module")
def tier(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GrpcTier]:
    """A tier whose listeners may be on loopback (the demo's setting), like a local listener."""
    folder: Path = tmp_path_factory.mktemp("hub-tier")
    (folder / "imports").mkdir()
    settings = Settings(
        database_url=f"sqlite+aiosqlite:///{folder / 'hub.db'}",
        import_folder=folder / "imports",
        seed_demo_data=False,
        callback_allowed_networks=(ipaddress.ip_network("127.0.0.0/8"),),
    )
    running = GrpcTier(settings)
    running.start()
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture(scope="module")
def client(tier: GrpcTier) -> Iterator[TestClient]:
    with facade(tier.target) as started:
        yield started


def hub_path(api: str, hub_id: str = "") -> str:
    return f"/tmf-api/{api}/hub" + (f"/{hub_id}" if hub_id else "")


def register(client: TestClient, api: str, **body: Any) -> httpx.Response:
    response: httpx.Response = client.post(hub_path(api), json={"callback": CALLBACK, **body})
    return response


@pytest.mark.parametrize("api", sorted(ROOTS))
def test_register_then_unregister(client: TestClient, api: str) -> None:
    query = f"eventType={ROOTS[api]}&eventTime.gte=2026-01-01T00:00:00Z"
    created = register(client, api, query=query)
    assert created.status_code == 201, created.text
    hub = created.json()
    assert hub["callback"] == CALLBACK
    assert hub["query"] == query
    assert hub["secret"].startswith("whsec_")
    assert created.headers["Location"] == hub["href"]
    assert hub["href"] == f"http://testserver{hub_path(api, hub['id'])}"
    assert ("@type" in hub) == api.endswith("/v5")
    if api.endswith("/v5"):
        assert hub["@type"] == "Hub"

    # Every API reads a registration back (only TMF679 v5 lists it officially), without
    # the secret.
    found = client.get(hub_path(api, hub["id"]))
    assert found.status_code == 200, found.text
    assert found.json() == {key: value for key, value in hub.items() if key != "secret"}

    deleted = client.delete(hub_path(api, hub["id"]))
    assert deleted.status_code == 204, deleted.text
    assert deleted.content == b""
    again = client.delete(hub_path(api, hub["id"]))
    assert again.status_code == 404
    assert again.json()["code"] == "SUBSCRIPTION_NOT_FOUND"


def test_a_query_is_optional_and_absent_from_the_answer_when_not_given(
    client: TestClient,
) -> None:
    created = register(client, "productOrderingManagement/v5")
    assert created.status_code == 201, created.text
    assert "query" not in created.json()
    assert created.headers["X-Correlation-ID"]
    assert (
        client.delete(hub_path("productOrderingManagement/v5", created.json()["id"])).status_code
        == 204
    )


@pytest.mark.parametrize("other", sorted(set(ROOTS) - {"productOrderingManagement/v5"}))
def test_a_registration_belongs_to_the_api_it_was_made_through(
    client: TestClient, other: str
) -> None:
    own = "productOrderingManagement/v5"
    hub_id = register(client, own).json()["id"]
    refused = client.delete(hub_path(other, hub_id))
    assert refused.status_code == 404, refused.text
    assert refused.json()["code"] == "SUBSCRIPTION_NOT_FOUND"
    assert client.get(hub_path(other, hub_id)).status_code == 404
    assert client.delete(hub_path(own, hub_id)).status_code == 204


def test_unknown_hubs_are_404(client: TestClient) -> None:
    for api in ROOTS:
        missing = client.delete(hub_path(api, "no-such-hub"))
        assert missing.status_code == 404, (api, missing.text)
        assert missing.json()["@type"] == "Error"
        assert client.get(hub_path(api, "no-such-hub")).status_code == 404


@pytest.mark.parametrize(
    ("body", "code", "fragment"),
    [
        ({"callback": "http://10.1.2.3/listener"}, "CALLBACK_NOT_ALLOWED", "may not be reached"),
        ({"callback": "ftp://127.0.0.1/listener"}, "CALLBACK_NOT_ALLOWED", "http"),
        ({"callback": ""}, "INVALID_BODY", ""),
        ({}, "INVALID_BODY", "callback"),
        (
            {"callback": CALLBACK, "query": "eventType=ProductOfferingCreateEvent"},
            "INVALID_ATTRIBUTE_VALUE",
            "not an event of this API",
        ),
        (
            {"callback": CALLBACK, "query": "state=completed"},
            "INVALID_ATTRIBUTE_VALUE",
            "starts with one of",
        ),
        ({"callback": CALLBACK, "secret": "mine"}, "ATTRIBUTE_NOT_SUPPORTED", "secret"),
    ],
)
def test_bad_registrations_are_400(
    client: TestClient, body: dict[str, Any], code: str, fragment: str
) -> None:
    refused = client.post(hub_path("productOrderingManagement/v5"), json=body)
    assert refused.status_code == 400, refused.text
    error = refused.json()
    assert error["code"] == code
    assert fragment in error.get("message", "")


@pytest.mark.parametrize("api", sorted(ROOTS))
def test_the_registration_conforms_to_the_official_hub_schema(client: TestClient, api: str) -> None:
    from tests.contract import official, official_tmf622, official_tmf679
    from tests.contract.official_tmf645 import Tmf645Validator, official_tmf645

    checks: dict[str, official.OfficialValidator | Tmf645Validator] = {
        "productCatalogManagement/v5": official.OfficialValidator(official.official_document()),
        "productOfferingQualification/v5": official_tmf679.official_validator(),
        "serviceQualificationManagement/v4": Tmf645Validator(official_tmf645()),
        "productOrderingManagement/v5": official_tmf622.official_validator(),
    }
    created = register(client, api, query=f"eventType={ROOTS[api]}")
    assert checks[api].check_response("post", "/hub", 201, created.json()) == []
    if api == WITH_RETRIEVAL:  # the one API whose official document lists the retrieval
        found = client.get(hub_path(api, created.json()["id"])).json()
        assert checks[api].check_response("get", "/hub/{id}", 200, found) == []
    assert client.delete(hub_path(api, created.json()["id"])).status_code == 204
