"""TMF622 with the gRPC tier down: a TMF Error (503, Retry-After) that validates against the
official definition, names no internal address and still carries the correlation id."""

from __future__ import annotations

from tests.integration.rest.harness import facade
from tests.integration.rest.test_tier_failures import closed_port
from tests.integration.rest.tmf622 import CORRELATION, Tmf622, cancel_body, order_body


def test_tier_down_is_503_for_orders_and_cancellations() -> None:
    sent = {CORRELATION: "down-1"}
    with facade(f"127.0.0.1:{closed_port()}") as client:
        api = Tmf622(client)
        responses = [
            api.create(order_body(), sent),
            api.list(),
            api.retrieve("any"),
            api.patch("any", {"description": "x"}),
            api.delete("any"),
            api.cancel(cancel_body("any"), sent),
            api.list_cancellations(),
            api.retrieve_cancellation("any"),
        ]
    for response in responses:
        assert response.status_code == 503
        assert response.headers["retry-after"] == "1"
        assert response.json()["code"] == "UNAVAILABLE"
        assert "127.0.0.1" not in response.text
    assert responses[0].headers[CORRELATION] == "down-1"
