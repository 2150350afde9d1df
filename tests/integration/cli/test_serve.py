"""`ordercapture serve` (and the two tiers apart) as a user runs them: real processes, real
HTTP on 127.0.0.1, stopped by signal."""

from __future__ import annotations

import re
import signal
from pathlib import Path

import httpx
import pytest

from tests.integration.cli.processes import GRPC_LINE, REST_LINE, ServerProcess

OFFERINGS = "/productOffering"
SWAGGER_LINE = re.compile(r"Swagger UI: (\S+)")
QUALIFICATION_LINE = re.compile(r"REST API \(TMF679 v5\): (\S+)")
FEASIBILITY_LINE = re.compile(r"REST API \(TMF645 v4\): (\S+)")
ORDERING_LINE = re.compile(r"REST API \(TMF622 v5\): (\S+)")


def _first_offerings(api: str) -> httpx.Response:
    response = httpx.get(f"{api}{OFFERINGS}", params={"limit": 5}, timeout=10)
    assert response.status_code == 200, response.text
    return response


@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT])
def test_serve_runs_both_tiers_with_the_demo_catalog(
    env: dict[str, str], workdir: Path, stop_signal: signal.Signals
) -> None:
    server = ServerProcess(
        ["serve", "--grpc-listen", "127.0.0.1:0", "--rest-listen", "127.0.0.1:0"], env, workdir
    )
    try:
        server.wait_for_line(GRPC_LINE)
        api = server.wait_for_line(REST_LINE)["url"]
        swagger = server.wait_for_line(SWAGGER_LINE)[1]
        assert swagger == f"{api}/ui/"

        response = _first_offerings(api)
        offerings = response.json()
        assert len(offerings) == 5
        assert all(o["id"].startswith("off-") for o in offerings)
        assert int(response.headers["X-Total-Count"]) >= 25
        assert httpx.get(swagger, timeout=10).status_code == 200
        # The qualification and ordering APIs are announced and serve their documents.
        for line in (QUALIFICATION_LINE, FEASIBILITY_LINE, ORDERING_LINE):
            base = server.wait_for_line(line)[1]
            assert httpx.get(f"{base}/openapi.json", timeout=10).status_code == 200
    finally:
        code = server.stop(stop_signal)
    assert code == 0, server.output()


def test_the_tiers_run_apart(env: dict[str, str], workdir: Path) -> None:
    grpc_tier = ServerProcess(
        ["serve-grpc", "--listen", "127.0.0.1:0", "--seed-demo-data"], env, workdir
    )
    rest_tier: ServerProcess | None = None
    try:
        target = grpc_tier.wait_for_line(GRPC_LINE)["target"]
        rest_tier = ServerProcess(
            ["serve-rest", "--grpc-target", target, "--listen", "127.0.0.1:0"], env, workdir
        )
        api = rest_tier.wait_for_line(REST_LINE)["url"]
        assert int(_first_offerings(api).headers["X-Total-Count"]) >= 25
    finally:
        codes = [rest_tier.stop() if rest_tier else 0, grpc_tier.stop()]
    assert codes == [0, 0], grpc_tier.output()
