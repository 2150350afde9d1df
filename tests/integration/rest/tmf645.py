"""A client of the TMF645 facade that checks every response against the official TMF645 v4
definitions, and the network a suite seeds into a real gRPC tier.

The network is seeded over the tier's own administration RPCs (a blocking channel from the test
thread), and the catalog specification through the TMF620 facade, as an operator would.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import grpc
import httpx
from starlette.testclient import TestClient

from ordercapture.feasibility.v1 import feasibility_service_pb2 as fs
from ordercapture.feasibility.v1 import feasibility_service_pb2_grpc, network_pb2
from tests.contract.official_tmf645 import Tmf645Validator, template_of

SQ_BASE = "/tmf-api/serviceQualificationManagement/v4"
CATALOG_BASE = "/tmf-api/productCatalogManagement/v5"
CHECKS = "/checkServiceQualification"
QUERIES = "/queryServiceQualification"


@dataclass
class Tmf645:
    """Calls below the TMF645 base path; every response body must validate against the official
    document (the operation's response schema, or Error)."""

    client: TestClient
    official: Tmf645Validator
    exchanges: list[tuple[str, str, int]] = field(default_factory=list)

    def request(self, method: str, path: str, **options: Any) -> httpx.Response:
        response: httpx.Response = self.client.request(method, SQ_BASE + path, **options)
        body = response.json() if response.content else None
        route = path.split("?", 1)[0]
        self.exchanges.append((method, route, response.status_code))
        try:
            template = template_of(route, self.official.paths)
        except AssertionError:
            template = None  # a path TMF645 does not have: the body must still be an Error
        if template is None:
            problems = self.official.check_definition("Error", body)
        else:
            problems = self.official.check_response(method, template, response.status_code, body)
        assert problems == [], (method, path, response.status_code, body, problems)
        return response

    def check(self, body: dict[str, Any], query: str = "") -> httpx.Response:
        return self.request("POST", f"{CHECKS}{query}", json=body)

    def retrieve(self, entity_id: str, query: str = "", *, of: str = CHECKS) -> httpx.Response:
        return self.request("GET", f"{of}/{entity_id}{query}")

    def list(self, query: str = "", *, of: str = CHECKS) -> httpx.Response:
        return self.request("GET", f"{of}{query}")

    def patch(
        self,
        entity_id: str,
        body: dict[str, Any],
        media_type: str = "application/merge-patch+json",
        *,
        of: str = CHECKS,
    ) -> httpx.Response:
        return self.request(
            "PATCH",
            f"{of}/{entity_id}",
            content=json.dumps(body),
            headers={"Content-Type": media_type},
        )

    def delete(self, entity_id: str, *, of: str = CHECKS) -> httpx.Response:
        return self.request("DELETE", f"{of}/{entity_id}")

    def query(self, body: dict[str, Any], query: str = "") -> httpx.Response:
        return self.request("POST", f"{QUERIES}{query}", json=body)

    def settled(self, entity_id: str, *, of: str = CHECKS) -> dict[str, Any]:
        """The check or query once the background work has finished (polled, never timed)."""
        for _ in range(400):
            document: dict[str, Any] = self.retrieve(entity_id, of=of).json()
            if document["state"] not in ("accepted", "inProgress"):
                return document
            time.sleep(0.025)
        raise AssertionError(f"{of}/{entity_id} was never answered")


# --- the seeded network ------------------------------------------------------------------------

TOWN = {"postcode": "TB1 1AA", "city": "Testbury", "country": "GB"}
FIBRE = "addr-fibre"  # FTTH 1000/500, free ports
COPPER = "addr-copper"  # VDSL 100/40 now, FTTH 1000/500 planned
FULL = "addr-full"  # FTTH 1000/500 on a node without free ports
NOWHERE = "addr-nowhere"  # no coverage at all
STREET = {FIBRE: "1", COPPER: "2", FULL: "3", NOWHERE: "4"}
STREET_NAME = "Mill Lane"


def rollout_day() -> str:
    """A planned rollout, a year from now (the judging compares with today)."""
    return (datetime.now(UTC).date() + timedelta(days=365)).isoformat()


def seed_network(target: str, planned: str) -> None:
    with grpc.insecure_channel(target) as channel:
        stub = feasibility_service_pb2_grpc.FeasibilityServiceStub(channel)
        stub.UpsertAccessNodes(
            fs.UpsertAccessNodesRequest(
                nodes=[
                    network_pb2.AccessNode(id="node-free", total_ports=64, free_ports=32),
                    network_pb2.AccessNode(id="node-full", total_ports=8, free_ports=0),
                ]
            ),
            timeout=10,
        )
        stub.UpsertAddresses(
            fs.UpsertAddressesRequest(
                addresses=[
                    network_pb2.Address(
                        id=address_id, street=STREET_NAME, number=number, region="south", **TOWN
                    )
                    for address_id, number in STREET.items()
                ]
            ),
            timeout=10,
        )
        stub.UpsertCoverage(
            fs.UpsertCoverageRequest(
                entries=[
                    _coverage(FIBRE, "FTTH", 1000, 500, "node-free"),
                    _coverage(COPPER, "VDSL", 100, 40, "node-free"),
                    _coverage(COPPER, "FTTH", 1000, 500, "node-free", planned),
                    _coverage(FULL, "FTTH", 1000, 500, "node-full"),
                ]
            ),
            timeout=10,
        )


def _coverage(
    address_id: str, technology: str, down: int, up: int, node: str, available_from: str = ""
) -> network_pb2.CoverageEntry:
    return network_pb2.CoverageEntry(
        address_id=address_id,
        technology=technology,
        max_download_mbps=down,
        max_upload_mbps=up,
        access_node_id=node,
        available_from=available_from,
    )


def fibre_specification(client: TestClient) -> str:
    """A catalog product specification needing FTTH at 500/100 Mbit/s; returns its id."""

    def integer(name: str, value: int) -> dict[str, Any]:
        return {
            "@type": "CharacteristicSpecification",
            "name": name,
            "valueType": "integer",
            "characteristicValueSpecification": [
                {
                    "@type": "IntegerCharacteristicValueSpecification",
                    "value": value,
                    "isDefault": True,
                }
            ],
        }

    body = {
        "@type": "ProductSpecification",
        "name": "Fibre 500",
        "lifecycleStatus": "Active",
        "productSpecCharacteristic": [
            {
                "@type": "CharacteristicSpecification",
                "name": "accessTechnology",
                "valueType": "string",
                "characteristicValueSpecification": [
                    {"@type": "StringCharacteristicValueSpecification", "value": "FTTH"}
                ],
            },
            integer("downloadSpeed", 500),
            integer("uploadSpeed", 100),
        ],
    }
    response = client.post(f"{CATALOG_BASE}/productSpecification", json=body)
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


# --- request bodies ----------------------------------------------------------------------------


def at(address_id: str) -> list[dict[str, Any]]:
    return [
        {
            "@type": "GeographicAddressRef",
            "id": address_id,
            "role": "installationAddress",
            "@referredType": "GeographicAddress",
        }
    ]


def at_value(street_name: str, number: str, **fields: str) -> list[dict[str, Any]]:
    return [
        {
            "@type": "GeographicAddress",
            "role": "installationAddress",
            "streetName": street_name,
            "streetNr": number,
            **TOWN,
            **fields,
        }
    ]


def service_item(
    place: list[dict[str, Any]],
    *,
    specification: str | None = None,
    characteristics: list[dict[str, Any]] | None = None,
    item_id: str | None = None,
) -> dict[str, Any]:
    service: dict[str, Any] = {"@type": "Service", "place": place}
    if specification:
        service["serviceSpecification"] = {"@type": "ServiceSpecificationRef", "id": specification}
    if characteristics:
        service["serviceCharacteristic"] = characteristics
    item: dict[str, Any] = {"@type": "CheckServiceQualificationItem", "service": service}
    if item_id:
        item["id"] = item_id
    return item


def check_body(*items: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"@type": "CheckServiceQualification", "serviceQualificationItem": list(items), **extra}
