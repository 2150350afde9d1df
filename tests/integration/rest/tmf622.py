"""A thin client for the TMF622 facade that holds every response to the OFFICIAL TMF622 v5
schemas and checks the correlation id it carries, a gRPC tier seeded with the demo data (customer
cust-001, address addr-nw-001, offering off-fibre-500), request bodies, and order management's
side (moving an order on through the hand-off service)."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import grpc
import httpx
import pytest
from starlette.testclient import TestClient

from ordercapture.ordering.v1 import handoff_service_pb2 as hs
from ordercapture.ordering.v1 import handoff_service_pb2_grpc, order_pb2
from servers.settings import Settings
from tests.conftest import BACKENDS, fresh_postgres_database
from tests.contract.official import template_of
from tests.contract.official_tmf622 import official_validator
from tests.integration.rest.harness import Exchange, GrpcTier, facade

BASE = "/tmf-api/productOrderingManagement/v5"
ORDERS = "/productOrder"
CANCELLATIONS = "/cancelProductOrder"
MERGE_PATCH = "application/merge-patch+json"
JSON_PATCH = "application/json-patch+json"
CORRELATION = "X-Correlation-ID"

CUSTOMER = "cust-001"  # demo profile: residential, credit A, north
ADDRESS = "addr-nw-001"  # demo register: FTTH up to 1000 Mbit/s
OFFERING = "off-fibre-500"


@dataclass
class Tmf622:
    """Calls below the TMF622 base path; each response must validate against TMF622 v5 and
    carry an X-Correlation-ID (the one sent, when one was)."""

    client: TestClient
    exchanges: list[Exchange] = field(default_factory=list)

    def request(self, method: str, path: str, **options: Any) -> httpx.Response:
        response: httpx.Response = self.client.request(method, BASE + path, **options)
        body = response.json() if response.content else None
        exchange = Exchange(method, path.split("?", 1)[0], response.status_code, body)
        self.exchanges.append(exchange)
        validator = official_validator()
        template = template_of(exchange.path, validator.paths)
        problems = validator.check_response(method, template, exchange.status, body)
        assert not problems, (method, path, exchange.status, problems, body)
        sent = {k.lower(): v for k, v in (options.get("headers") or {}).items()}.get(
            CORRELATION.lower()
        )
        echoed = response.headers.get(CORRELATION)
        assert echoed, (method, path, response.status_code, "no correlation id")
        if sent and " " not in sent:
            assert echoed == sent, (sent, echoed)
        return response

    def create(
        self, body: Any, headers: Mapping[str, str] | None = None, query: str = ""
    ) -> httpx.Response:
        return self.request("POST", f"{ORDERS}{query}", json=body, headers=dict(headers or {}))

    def retrieve(self, order_id: str, query: str = "") -> httpx.Response:
        return self.request("GET", f"{ORDERS}/{order_id}{query}")

    def list(self, query: str = "") -> httpx.Response:
        return self.request("GET", f"{ORDERS}{query}")

    def patch(self, order_id: str, body: Any, media_type: str = MERGE_PATCH) -> httpx.Response:
        return self.request(
            "PATCH",
            f"{ORDERS}/{order_id}",
            content=json.dumps(body),
            headers={"Content-Type": media_type},
        )

    def delete(self, order_id: str) -> httpx.Response:
        return self.request("DELETE", f"{ORDERS}/{order_id}")

    def cancel(
        self, body: Any, headers: Mapping[str, str] | None = None, query: str = ""
    ) -> httpx.Response:
        return self.request(
            "POST", f"{CANCELLATIONS}{query}", json=body, headers=dict(headers or {})
        )

    def retrieve_cancellation(self, task_id: str, query: str = "") -> httpx.Response:
        return self.request("GET", f"{CANCELLATIONS}/{task_id}{query}")

    def list_cancellations(self, query: str = "") -> httpx.Response:
        return self.request("GET", f"{CANCELLATIONS}{query}")

    def created(self, body: Any, headers: Mapping[str, str] | None = None) -> dict[str, Any]:
        response = self.create(body, headers)
        assert response.status_code == 201, response.text
        document: dict[str, Any] = response.json()
        assert response.headers["Location"] == document["href"]
        return document


# --- the tier -----------------------------------------------------------------------------------


@contextlib.contextmanager
def seeded_tier(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[GrpcTier]:
    """A gRPC tier with the demo data, on the backend of the fixture's parameter."""
    folder = tmp_path_factory.mktemp("ordering-tier")
    imports = folder / "imports"
    imports.mkdir()
    with contextlib.ExitStack() as stack:
        url = f"sqlite+aiosqlite:///{Path(folder) / 'ordering.db'}"
        if request.param == "postgresql":
            server = request.getfixturevalue("postgres_server")
            url = stack.enter_context(fresh_postgres_database(server)).render_as_string(
                hide_password=False
            )
        tier = GrpcTier(Settings(database_url=url, import_folder=imports, seed_demo_data=True))
        tier.start()
        stack.callback(tier.stop)
        yield tier


@pytest.fixture(name="tier", scope="module", params=BACKENDS)
def tier_fixture(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[GrpcTier]:
    """The seeded tier of a test module, once per backend; modules import it as `tier`."""
    with seeded_tier(request, tmp_path_factory) as running:
        yield running


@pytest.fixture(name="api", scope="module")
def api_fixture(tier: GrpcTier) -> Iterator[Tmf622]:
    """The TMF622 client over the module's tier; modules import it as `api`."""
    with facade(tier.target) as client:
        yield Tmf622(client)


def advance(target: str, order_id: str, state: int, items: Mapping[str, int]) -> None:
    """Order management moves the order on (a blocking channel from the test thread)."""
    with grpc.insecure_channel(target) as channel:
        stub = handoff_service_pb2_grpc.OrderHandoffServiceStub(channel)
        stub.AdvanceOrder(
            hs.AdvanceOrderRequest(
                order_id=order_id,
                state=state,  # type: ignore[arg-type]
                items=[hs.ItemStateChange(item_id=i, state=s) for i, s in items.items()],  # type: ignore[arg-type]
            ),
            timeout=10,
        )


def complete(target: str, order_id: str, item_ids: tuple[str, ...] = ("1",)) -> None:
    advance(
        target,
        order_id,
        order_pb2.ORDER_STATE_IN_PROGRESS,
        dict.fromkeys(item_ids, order_pb2.ITEM_STATE_IN_PROGRESS),
    )
    advance(
        target,
        order_id,
        order_pb2.ORDER_STATE_COMPLETED,
        dict.fromkeys(item_ids, order_pb2.ITEM_STATE_COMPLETED),
    )


# --- request bodies -----------------------------------------------------------------------------


def customer(party_id: str = CUSTOMER, role: str = "customer") -> dict[str, Any]:
    return {
        "@type": "RelatedPartyRefOrPartyRoleRef",
        "role": role,
        "partyOrPartyRole": {"@type": "PartyRef", "id": party_id},
    }


def item(
    item_id: str = "1",
    offering_id: str = OFFERING,
    address_id: str = ADDRESS,
    **extra: Any,
) -> dict[str, Any]:
    document: dict[str, Any] = {
        "@type": "ProductOrderItem",
        "id": item_id,
        "action": "add",
        "productOffering": {"@type": "ProductOfferingRef", "id": offering_id},
    }
    if address_id:
        document["product"] = {
            "@type": "Product",
            "place": [
                {
                    "@type": "RelatedPlaceRefOrValue",
                    "role": "installationAddress",
                    "place": {"@type": "PlaceRef", "id": address_id},
                }
            ],
        }
    document.update(extra)
    return document


def order_body(*items: dict[str, Any], party_id: str = CUSTOMER, **extra: Any) -> dict[str, Any]:
    document: dict[str, Any] = {
        "@type": "ProductOrder",
        "channel": [{"@type": "RelatedChannel", "channel": {"@type": "ChannelRef", "id": "web"}}],
        "productOrderItem": list(items) or [item()],
    }
    if party_id:
        document["relatedParty"] = [customer(party_id)]
    document.update(extra)
    return document


def cancel_body(order_id: str, reason: str = "changed my mind") -> dict[str, Any]:
    return {
        "@type": "CancelProductOrder",
        "productOrder": {"@type": "ProductOrderRef", "id": order_id},
        "cancellationReason": reason,
    }
