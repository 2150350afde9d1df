"""A channel follows its orders by notification, not polling: `ordercapture serve` (with its
relay and the fulfilment simulator) as a separate process, a listener of the channel on
127.0.0.1, a hub registered over TMF622 REST. The listener receives the order's state
changes, signed, until order management has finished with it; unregistering stops them."""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest
from standardwebhooks.webhooks import Webhook

from tests.integration.cli.processes import ServerProcess

ORDERING_LINE = re.compile(r"REST API \(TMF622 v5\): (?P<url>\S+)")
CUSTOMER = "cust-001"
ADDRESS = "addr-nw-001"
OFFERING = "off-fibre-500"


class ChannelListener(ThreadingHTTPServer):
    """Records what it receives; answers 204 as TMF v5 listeners do."""

    def __init__(self) -> None:
        self.received: list[tuple[str, dict[str, str], bytes]] = []
        super().__init__(("127.0.0.1", 0), _Handler)

    @property
    def callback(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/channel"


class _Handler(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("content-length", "0")))
        listener = self.server
        assert isinstance(listener, ChannelListener)
        listener.received.append((self.path, {k.lower(): v for k, v in self.headers.items()}, body))
        self.send_response(204)
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def channel_listener() -> Iterator[ChannelListener]:
    listener = ChannelListener()
    thread = threading.Thread(target=listener.serve_forever, daemon=True)
    thread.start()
    try:
        yield listener
    finally:
        listener.shutdown()
        listener.server_close()


def _order() -> dict[str, Any]:
    return {
        "@type": "ProductOrder",
        "relatedParty": [
            {
                "@type": "RelatedPartyRefOrPartyRoleRef",
                "role": "customer",
                "partyOrPartyRole": {"@type": "PartyRef", "id": CUSTOMER},
            }
        ],
        "productOrderItem": [
            {
                "@type": "ProductOrderItem",
                "id": "1",
                "action": "add",
                "productOffering": {"@type": "ProductOfferingRef", "id": OFFERING},
                "product": {
                    "@type": "Product",
                    "place": [
                        {
                            "@type": "RelatedPlaceRefOrValue",
                            "role": "installationAddress",
                            "place": {"@type": "PlaceRef", "id": ADDRESS},
                        }
                    ],
                },
            }
        ],
    }


def _states(listener: ChannelListener, order_id: str) -> list[str]:
    found = []
    for _, _, body in list(listener.received):
        event = json.loads(body)["event"]["productOrder"]
        if event["id"] == order_id:
            found.append(event["state"])
    return found


def test_a_channel_follows_its_order_by_notification(
    env: dict[str, str], workdir: Path, channel_listener: ChannelListener
) -> None:
    server = ServerProcess(
        [
            *("serve", "--grpc-listen", "127.0.0.1:0", "--rest-listen", "127.0.0.1:0"),
            "--simulate-fulfilment",
        ],
        env,
        workdir,
    )
    try:
        base = server.wait_for_line(ORDERING_LINE)["url"]
        with httpx.Client(base_url=base, timeout=15) as http:
            hub = http.post(
                "/hub",
                json={
                    "callback": channel_listener.callback,
                    "query": "eventType=ProductOrderStateChangeEvent",
                },
            )
            assert hub.status_code == 201, hub.text
            secret = hub.json()["secret"]
            order = http.post("/productOrder", json=_order())
            assert order.status_code == 201, order.text
            order_id = order.json()["id"]

            deadline = time.monotonic() + 40
            while time.monotonic() < deadline:
                if {"completed", "failed"} & set(_states(channel_listener, order_id)):
                    break
                time.sleep(0.1)
            states = _states(channel_listener, order_id)
            assert "inProgress" in states, (states, server.output())
            assert states[-1] in ("completed", "failed"), states

            for path, headers, body in channel_listener.received:
                assert path == "/channel/listener/productOrderStateChangeEvent"
                Webhook(secret).verify(body, headers)  # raises when the signature is wrong
                # The order is named under the address the REST tier really listens on.
                href = json.loads(body)["event"]["productOrder"]["href"]
                assert href == f"{base}/productOrder/{order_id}", href

            assert http.delete(f"/hub/{hub.json()['id']}").status_code == 204
            before = len(channel_listener.received)
            another = http.post("/productOrder", json=_order())
            assert another.status_code == 201
            time.sleep(3)  # the simulator moves it on after 2 s
            assert len(channel_listener.received) == before
    finally:
        assert server.stop() == 0, server.output()
