"""TMF645 with the gRPC tier down: a TMF Error (503, Retry-After) that validates against the
official definition and names no internal address."""

from __future__ import annotations

from tests.contract.official_tmf645 import Tmf645Validator, official_tmf645
from tests.integration.rest.harness import facade
from tests.integration.rest.test_tier_failures import closed_port
from tests.integration.rest.tmf645 import FIBRE, QUERIES, Tmf645, at, check_body, service_item


def test_tier_down_is_503_for_checks_and_queries() -> None:
    with facade(f"127.0.0.1:{closed_port()}") as client:
        sq = Tmf645(client, Tmf645Validator(official_tmf645()))
        body = check_body(
            service_item(at(FIBRE), characteristics=[{"name": "downloadSpeed", "value": 100}])
        )
        responses = [
            sq.check(body),
            sq.list(),
            sq.retrieve("any"),
            sq.query({"searchCriteria": {"service": {"place": at(FIBRE)}}}),
            sq.list(of=QUERIES),
            sq.retrieve("any", of=QUERIES),
        ]
    for response in responses:
        assert response.status_code == 503
        assert response.headers["retry-after"] == "1"
        assert response.json()["code"] == "UNAVAILABLE"
        assert "127.0.0.1" not in response.text
