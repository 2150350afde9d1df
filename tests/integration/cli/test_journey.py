"""The customer journey end to end, as a channel and order management live it: `ordercapture
serve` and `ordercapture simulate-fulfilment` as separate processes, real HTTP and gRPC on
127.0.0.1. Browse the catalog (TMF620), qualify commercially (TMF679) and technically (TMF645),
order with references to both checks (TMF622), follow the order's events on the internal
watch until fulfilment completes it, and cancel another order. Every response of the four APIs
is held to the official TMF schema of its API."""

from __future__ import annotations

import re
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import grpc
import httpx

from ordercapture.ordering.v1 import events_pb2, handoff_service_pb2_grpc, order_pb2
from ordercapture.ordering.v1 import handoff_service_pb2 as hs
from tests.contract import official, official_tmf622, official_tmf645, official_tmf679
from tests.integration.cli.processes import GRPC_LINE, ServerProcess

CUSTOMER = "cust-001"  # demo profile: residential, credit A, north
ADDRESS = "addr-nw-001"  # demo register: FTTH up to 1000 Mbit/s
OFFERING = "off-fibre-500"
CATEGORY = "cat-broadband-fibre"
API_LINE = re.compile(r"REST API \((?P<name>TMF\d+ v\d)\): (?P<url>\S+)")
ACKNOWLEDGED = order_pb2.ORDER_STATE_ACKNOWLEDGED
IN_PROGRESS = order_pb2.ORDER_STATE_IN_PROGRESS
COMPLETED = order_pb2.ORDER_STATE_COMPLETED
Problems = Callable[[str, str, int, Any], list[str]]


class Channel:
    """A channel's HTTP client: each response is checked against its API's official schema."""

    def __init__(self, bases: dict[str, str]) -> None:
        self.bases = bases
        self.http = httpx.Client(timeout=15)
        v620 = official.OfficialValidator(official.official_document())
        v679 = official_tmf679.official_validator()
        v645 = official_tmf645.Tmf645Validator(official_tmf645.official_tmf645())
        v622 = official_tmf622.official_validator()
        self.validators: dict[str, tuple[Problems, Any]] = {
            "TMF620 v5": (v620.check_response, v620.paths),
            "TMF679 v5": (v679.check_response, v679.paths),
            "TMF645 v4": (v645.check_response, v645.paths),
            "TMF622 v5": (v622.check_response, v622.paths),
        }

    def call(self, api: str, method: str, path: str, **options: Any) -> httpx.Response:
        response = self.http.request(method, self.bases[api] + path, **options)
        body = response.json() if response.content else None
        check, paths = self.validators[api]
        template = official.template_of(path.split("?", 1)[0], paths)
        problems = check(method, template, response.status_code, body)
        assert problems == [], (api, method, path, response.status_code, problems, body)
        return response


def _customer(kind: str = "RelatedPartyRefOrPartyRoleRef") -> dict[str, Any]:
    """The demo customer as a related party (TMF622 and TMF679 name the wrapper differently)."""
    return {
        "@type": kind,
        "role": "customer",
        "partyOrPartyRole": {"@type": "PartyRef", "id": CUSTOMER},
    }


def _installation_place() -> list[dict[str, Any]]:
    return [
        {
            "@type": "RelatedPlaceRefOrValue",
            "role": "installationAddress",
            "place": {"@type": "PlaceRef", "id": ADDRESS},
        }
    ]


def _order(item: dict[str, Any]) -> dict[str, Any]:
    return {
        "@type": "ProductOrder",
        "relatedParty": [_customer()],
        "channel": [{"@type": "RelatedChannel", "channel": {"@type": "ChannelRef", "id": "web"}}],
        "productOrderItem": [item],
    }


def _plain_item() -> dict[str, Any]:
    return {
        "@type": "ProductOrderItem",
        "id": "1",
        "action": "add",
        "productOffering": {"@type": "ProductOfferingRef", "id": OFFERING},
        "product": {"@type": "Product", "place": _installation_place()},
    }


def _until(retrieve: Callable[[], dict[str, Any]], done: Callable[[dict[str, Any]], bool]) -> Any:
    """Retrieves until `done` (bounded by a deadline; fulfilment runs in another process)."""
    deadline = time.monotonic() + 60
    while not done(document := retrieve()):
        assert time.monotonic() < deadline, document
        time.sleep(0.2)
    return document


def _events_of(target: str, order_id: str) -> list[events_pb2.OrderEvent]:
    """The order's events on the internal watch, from the start, until it is completed."""
    found: list[events_pb2.OrderEvent] = []
    with grpc.insecure_channel(target) as channel:
        watch = handoff_service_pb2_grpc.OrderHandoffServiceStub(channel).WatchOrderEvents(
            hs.WatchOrderEventsRequest(after_sequence=0), timeout=60
        )
        for message in watch:
            if message.event.order.id == order_id:
                found.append(message.event)
                if message.event.order.state == COMPLETED:
                    watch.cancel()
                    break
    return found


def _browse(channel: Channel) -> str:
    """The channel lists sellable fibre offerings and reads one: its specification id."""
    listed = channel.call(
        "TMF620 v5",
        "GET",
        f"/productOffering?lifecycleStatus=Active&category.id={CATEGORY}&limit=50",
    )
    assert OFFERING in [offering["id"] for offering in listed.json()]
    offering = channel.call("TMF620 v5", "GET", f"/productOffering/{OFFERING}").json()
    specification: str = offering["productSpecification"]["id"]
    return specification


def _qualify_commercially(channel: Channel) -> str:
    body = {
        "@type": "CheckProductOfferingQualification",
        "relatedParty": [_customer("RelatedPartyOrPartyRole")],
        "channel": {"@type": "ChannelRef", "id": "web"},
        "checkProductOfferingQualificationItem": [
            {
                "@type": "CheckProductOfferingQualificationItem",
                "id": "e1",
                "productOffering": {"@type": "ProductOfferingRef", "id": OFFERING},
                "product": {"@type": "Product", "place": _installation_place()},
            }
        ],
    }
    response = channel.call("TMF679 v5", "POST", "/checkProductOfferingQualification", json=body)
    assert response.status_code == 201, response.text
    check = response.json()
    assert check["qualificationResult"] == "qualified", check
    check_id: str = check["id"]
    return check_id


def _qualify_technically(channel: Channel, specification: str) -> str:
    body = {
        "@type": "CheckServiceQualification",
        "instantSyncQualification": True,
        "relatedParty": [{"id": CUSTOMER, "role": "customer", "@referredType": "Individual"}],
        "serviceQualificationItem": [
            {
                "@type": "CheckServiceQualificationItem",
                "id": "f1",
                "service": {
                    "@type": "Service",
                    "serviceSpecification": {
                        "@type": "ServiceSpecificationRef",
                        "id": specification,
                    },
                    "place": [
                        {
                            "@type": "GeographicAddressRef",
                            "id": ADDRESS,
                            "role": "installationAddress",
                            "@referredType": "GeographicAddress",
                        }
                    ],
                },
            }
        ],
    }
    response = channel.call("TMF645 v4", "POST", "/checkServiceQualification", json=body)
    assert response.status_code == 200, response.text
    check = response.json()
    assert check["qualificationResult"] == "qualified", check
    check_id: str = check["id"]
    return check_id


def _order_with_references(channel: Channel, eligible: str, feasible: str) -> dict[str, Any]:
    item = _plain_item() | {
        "productOfferingQualificationItem": {
            "@type": "ProductOfferingQualificationItemRef",
            "productOfferingQualificationId": eligible,
            "itemId": "e1",
        },
        "qualification": [
            {
                "@type": "ProductOfferingQualificationRef",
                "@referredType": "CheckServiceQualification",
                "id": feasible,
                "name": "f1",
            }
        ],
    }
    headers = {"Idempotency-Key": str(uuid.uuid4()), "X-Correlation-ID": "journey-1"}
    first = channel.call("TMF622 v5", "POST", "/productOrder", json=_order(item), headers=headers)
    assert first.status_code == 201, first.text
    assert first.headers["X-Correlation-ID"] == "journey-1"
    order: dict[str, Any] = first.json()
    assert order["state"] == "acknowledged"
    assert first.headers["Location"] == order["href"]
    # A retry of the same request (lost answer) replays the first one: no second order.
    retry = channel.call("TMF622 v5", "POST", "/productOrder", json=_order(item), headers=headers)
    assert (retry.status_code, retry.json()["id"]) == (201, order["id"])
    return order


def _cancel_another_order(channel: Channel) -> None:
    created = channel.call("TMF622 v5", "POST", "/productOrder", json=_order(_plain_item()))
    assert created.status_code == 201, created.text
    order_id = created.json()["id"]
    task = channel.call(
        "TMF622 v5",
        "POST",
        "/cancelProductOrder",
        json={
            "@type": "CancelProductOrder",
            "productOrder": {"@type": "ProductOrderRef", "id": order_id},
            "cancellationReason": "found a better offer",
        },
    )
    assert task.status_code == 201, task.text
    # Cancelled at once while acknowledged; assessed and accepted by order management (the
    # simulator) when it had already taken the order over. Either way the order ends cancelled.
    _until(
        lambda: channel.call("TMF622 v5", "GET", f"/cancelProductOrder/{task.json()['id']}").json(),
        lambda document: document["state"] == "done",
    )
    cancelled = channel.call("TMF622 v5", "GET", f"/productOrder/{order_id}").json()
    assert cancelled["state"] == "cancelled"


def test_browse_qualify_order_follow_and_cancel(env: dict[str, str], workdir: Path) -> None:
    server = ServerProcess(
        ["serve", "--grpc-listen", "127.0.0.1:0", "--rest-listen", "127.0.0.1:0"], env, workdir
    )
    simulator: ServerProcess | None = None
    try:
        target = server.wait_for_line(GRPC_LINE)["target"]
        bases: dict[str, str] = {}
        while len(bases) < 4:  # TMF620, TMF679, TMF645 and TMF622, as `serve` prints them
            found = server.wait_for_line(API_LINE)
            bases[found["name"]] = found["url"]
        simulator = ServerProcess(
            [
                "simulate-fulfilment",
                # From the beginning: the simulator may connect after the order is made (the
                # database is this test's own, so every event is the journey's).
                *("--grpc-target", target, "--delay", "0.5", "--seed", "7", "--from-beginning"),
                *("--failure-ratio", "0", "--cancellation-reject-ratio", "0"),
            ],
            env,
            workdir,
        )
        channel = Channel(bases)

        specification = _browse(channel)
        eligible = _qualify_commercially(channel)
        feasible = _qualify_technically(channel, specification)
        order = _order_with_references(channel, eligible, feasible)

        events = _events_of(target, order["id"])
        # Acknowledged, taken over, completed: each step once and in order (consecutive
        # events of one state are item changes).
        states = [event.order.state for event in events]
        steps = [state for n, state in enumerate(states) if n == 0 or states[n - 1] != state]
        assert steps == [ACKNOWLEDGED, IN_PROGRESS, COMPLETED], steps
        assert events[0].correlation_id == "journey-1"
        completed = channel.call("TMF622 v5", "GET", f"/productOrder/{order['id']}").json()
        assert completed["state"] == "completed"
        assert [item["state"] for item in completed["productOrderItem"]] == ["completed"]

        _cancel_another_order(channel)
    finally:
        if simulator is not None:
            assert simulator.stop() == 0, simulator.output()
        assert server.stop() == 0, server.output()
