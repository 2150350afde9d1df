"""Order capture benchmark of the product as a user runs it.

Run it from the repository root (also `make bench-ordering`):

    .venv/bin/python -m tests.bench.ordering [--orders 2000] [--in-flight 64]
        [--transport grpc|rest|both]

It starts `ordercapture serve` in its own process (fresh SQLite database in a temporary folder,
demo data, default settings: eligibility and feasibility checked inline for every order), then,
per transport, starts a separate load-generator process (tests/bench/order_load.py) that
submits --orders orders of the demo customer cust-001 (off-fibre-500 at addr-nw-001), keeping
--in-flight requests in flight on 127.0.0.1:

    grpc   ProductOrderingService.CreateOrder, a distinct request id per order
    rest   POST /tmf-api/productOrderingManagement/v5/productOrder (TMF622), a distinct
           Idempotency-Key per order, over --in-flight keep-alive HTTP/1.1 connections

and prints orders submitted, successes (2xx / OK), failures, orders/s (successes over the
wall-clock time of the run), p50 and p99 latency, and the orders stored afterwards (ListOrders
total_size before and after the run). Stored must equal the successes: otherwise it prints a
MISMATCH line and exits 1. Nothing is retried during the measured run. Afterwards (unless
--no-retry) the failed requests are sent once more with their own request id / key, 8 in
flight, and the orders stored are compared with the orders answered 2xx at least once: with
idempotent creation they are equal even when a failed request had been committed. The server
is stopped by PID at the end, on errors and on Ctrl-C. Figures are for comparing changes on one
machine, never assertions.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import grpc
import httpx

from ordercapture.ordering.v1 import ordering_service_pb2, ordering_service_pb2_grpc
from tests.integration.cli.processes import (
    GRPC_LINE,
    REPO_ROOT,
    REST_LINE,
    ServerProcess,
    environment,
)

ORDERS_PATH = "/tmf-api/productOrderingManagement/v5/productOrder"
CUSTOMER = "cust-001"  # demo profile: residential, credit A, north
ADDRESS = "addr-nw-001"  # demo register: FTTH up to 1000 Mbit/s
OFFERING = "off-fibre-500"
CLIENT_ID = "bench"
STARTUP_TIMEOUT = 120.0
CALL_TIMEOUT = 30.0
TRANSPORTS = ("grpc", "rest")
RETRY_IN_FLIGHT = 8
COLUMNS = ["transport", "submitted", "2xx/OK", "failed", "orders/s", "p50 ms", "p99 ms", "stored"]


@dataclass(frozen=True)
class Outcome:
    transport: str
    result: dict[str, Any]
    stored: int
    # The failed requests sent again with their keys, and the orders stored after that.
    retry: dict[str, Any] | None = None
    stored_after_retry: int = 0

    @property
    def matches(self) -> bool:
        return int(self.result["ok"]) == self.stored

    @property
    def answered(self) -> int:
        """Orders answered 2xx/OK at least once (a retry of a failure may be a replay)."""
        return int(self.result["ok"]) + (int(self.retry["ok"]) if self.retry else 0)


@dataclass(frozen=True)
class Tier:
    """The running product: where its gRPC tier and its REST facade listen."""

    grpc_target: str
    rest_host: str
    rest_port: int


def stored_orders(channel: grpc.Channel) -> int:
    stub = ordering_service_pb2_grpc.ProductOrderingServiceStub(channel)
    response = stub.ListOrders(
        ordering_service_pb2.ListOrdersRequest(page_size=1), timeout=CALL_TIMEOUT
    )
    return int(response.total_size)


def rest_ordering_served(tier: Tier) -> str:
    """Empty when the REST facade serves TMF622; otherwise why not."""
    url = f"http://{tier.rest_host}:{tier.rest_port}{ORDERS_PATH}"
    try:
        response = httpx.get(url, params={"limit": 1}, timeout=CALL_TIMEOUT)
    except httpx.HTTPError as error:
        return f"GET {ORDERS_PATH} failed: {error}"
    if response.status_code == 200:
        return ""
    return f"GET {ORDERS_PATH} answered {response.status_code}: TMF622 is not served"


def job_for(transport: str, tier: Tier, args: argparse.Namespace, run: str) -> dict[str, Any]:
    job: dict[str, Any] = {
        "transport": transport,
        "orders": args.orders,
        "in_flight": args.in_flight,
        "prefix": f"bench-{run}-{transport}",
        "client_id": CLIENT_ID,
        "customer": CUSTOMER,
        "address": ADDRESS,
        "offering": OFFERING,
    }
    if transport == "grpc":
        job["target"] = tier.grpc_target
    else:
        job.update(host=tier.rest_host, port=tier.rest_port, path=ORDERS_PATH)
    return job


def run_load(job: dict[str, Any]) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-m", "tests.bench.order_load"],
        input=json.dumps(job),
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        # Generous: a minute plus a quarter second per order.
        timeout=60 + job["orders"] / 4,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"the load generator failed ({done.returncode}):\n{done.stderr}")
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def _row(cells: list[str]) -> str:
    return f"{cells[0]:<10}" + "".join(f"{c:>10}" for c in cells[1:])


def row_of(outcome: Outcome) -> str:
    r = outcome.result
    failed = sum(r["failures"].values())
    rate = r["ok"] / r["duration"] if r["duration"] > 0 else 0.0
    return _row(
        [
            outcome.transport,
            str(r["submitted"]),
            str(r["ok"]),
            str(failed),
            f"{rate:.1f}",
            f"{r['p50_ms']:.1f}",
            f"{r['p99_ms']:.1f}",
            str(outcome.stored),
        ]
    )


def verdicts(outcome: Outcome) -> list[str]:
    """Lines to print after the table about this transport; a MISMATCH line among them."""
    r = outcome.result
    lines: list[str] = []
    if r["failures"]:
        lines.append(f"{outcome.transport}: failures {r['failures']}; first: {r['first_failure']}")
    if "HTTP 504" in r["failures"]:
        lines.append(
            f"{outcome.transport}: 504 is the facade's deadline on its gRPC call expiring: "
            "with this many in flight, orders wait longer than it in the tier's queue"
        )
    if not outcome.matches:
        lines.append(
            f"MISMATCH {outcome.transport}: {r['ok']} orders answered 2xx/OK "
            f"but {outcome.stored} stored"
        )
    if outcome.stored > r["ok"]:
        lines.append(
            f"{outcome.transport}: {outcome.stored - r['ok']} orders were stored although "
            "their request failed (committed after the caller had given up)"
        )
    if outcome.retry is not None:
        again = outcome.retry
        consistent = outcome.answered == outcome.stored_after_retry
        lines.append(
            f"{outcome.transport}: the {again['submitted']} failed requests sent again with "
            f"their keys: {again['ok']} 2xx/OK, failures {again['failures'] or 'none'}; "
            f"stored {outcome.stored_after_retry}, answered 2xx/OK at least once "
            f"{outcome.answered}: " + ("consistent" if consistent else "MISMATCH after retry")
        )
    return lines


def start(workdir: Path) -> tuple[ServerProcess, Tier]:
    env = environment(
        f"sqlite+aiosqlite:///{workdir / 'bench.db'}", ORDERCAPTURE_SEED_DEMO_DATA="1"
    )
    command = ["serve", "--grpc-listen", "127.0.0.1:0", "--rest-listen", "127.0.0.1:0"]
    server = ServerProcess(command, env, workdir)
    try:
        target = server.wait_for_line(GRPC_LINE, timeout=STARTUP_TIMEOUT)["target"]
        api = urlsplit(server.wait_for_line(REST_LINE, timeout=STARTUP_TIMEOUT)["url"])
    except BaseException:
        server.stop()
        raise
    if api.hostname != "127.0.0.1" or api.port is None or not target.startswith("127.0.0.1:"):
        server.stop()
        raise RuntimeError(f"refusing to load anything but 127.0.0.1: {target}, {api.netloc}")
    return server, Tier(target, api.hostname, api.port)


def measure(tier: Tier, args: argparse.Namespace) -> tuple[list[Outcome], list[str]]:
    """Runs each asked transport; returns the outcomes and the transports skipped (why)."""
    wanted = TRANSPORTS if args.transport == "both" else (args.transport,)
    run = uuid.uuid4().hex[:8]
    outcomes: list[Outcome] = []
    skipped: list[str] = []
    with grpc.insecure_channel(tier.grpc_target) as channel:
        for transport in wanted:
            if transport == "rest" and (why := rest_ordering_served(tier)):
                skipped.append(f"rest: SKIPPED ({why})")
                continue
            before = stored_orders(channel)
            job = job_for(transport, tier, args, run)
            result = run_load(job)
            stored = stored_orders(channel) - before
            if args.no_retry or not result["failed_numbers"]:
                outcomes.append(Outcome(transport, result, stored))
                continue
            in_flight = min(args.in_flight, RETRY_IN_FLIGHT)
            retry = run_load({**job, "numbers": result["failed_numbers"], "in_flight": in_flight})
            outcomes.append(
                Outcome(transport, result, stored, retry, stored_orders(channel) - before)
            )
    return outcomes, skipped


def benchmark(args: argparse.Namespace) -> int:
    with tempfile.TemporaryDirectory(prefix="ordercapture-bench-") as folder:
        server, tier = start(Path(folder))
        try:
            print(
                f"ordercapture serve (pid {server.pid}): gRPC {tier.grpc_target}, "
                f"REST http://{tier.rest_host}:{tier.rest_port}\n"
                f"{args.orders} orders per transport, {args.in_flight} in flight, no retries; "
                f"{CUSTOMER} orders {OFFERING} at {ADDRESS}, checked inline; "
                f"{os.cpu_count()} CPUs, Python {platform.python_version()}; "
                "load generator in its own process\n",
                flush=True,
            )
            outcomes, skipped = measure(tier, args)
            print(_row(COLUMNS))
            for outcome in outcomes:
                print(row_of(outcome))
            lines = [line for outcome in outcomes for line in verdicts(outcome)] + skipped
            if lines:
                print()
                print("\n".join(lines))
            if any(o.result["failures"] for o in outcomes):
                # The server's side of the failures (tracebacks of INTERNAL / 500 answers).
                print(f"\n--- server output ---\n{server.output()}", file=sys.stderr)
        except Exception:
            print(server.output(), file=sys.stderr)
            raise
        finally:
            code = server.stop()
    if code != 0:
        print(f"the server exited with {code}", file=sys.stderr)
        return 1
    if any(not o.matches for o in outcomes):
        return 1
    if any(o.retry is not None and o.answered != o.stored_after_retry for o in outcomes):
        return 1
    if any(o.result["ok"] == 0 for o in outcomes):
        print("no order was accepted: see the first failure above", file=sys.stderr)
        return 1
    if args.transport == "rest" and skipped:
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.bench.ordering",
        description=__doc__.split("\n\n")[0] if __doc__ else "",
    )
    parser.add_argument("--orders", type=int, default=2000, help="orders per transport")
    parser.add_argument("--in-flight", type=int, default=64, help="requests in flight")
    parser.add_argument(
        "--transport", choices=[*TRANSPORTS, "both"], default="both", help="default both"
    )
    parser.add_argument(
        "--no-retry",
        action="store_true",
        help="do not send the failed requests again after the run",
    )
    args = parser.parse_args(argv)
    if args.orders < 1 or args.in_flight < 1:
        parser.error("--orders and --in-flight must be positive")
    try:
        return benchmark(args)
    except KeyboardInterrupt:
        print("interrupted; the server was stopped", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
