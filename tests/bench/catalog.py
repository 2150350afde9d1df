"""Catalog read benchmark of the product as a user runs it.

Run it from the repository root (also `make bench`):

    .venv/bin/python -m tests.bench.catalog [--duration 10] [--connections 32] [--warmup 2]

It starts `ordercapture serve` in its own process (fresh SQLite database in a temporary folder,
demo catalog), waits until the REST facade answers, then, for each scenario, starts a separate
load-generator process (tests/bench/load.py) that keeps N HTTP/1.1 connections busy against
127.0.0.1 for a warm-up and then a fixed duration:

    list           GET /productOffering?limit=20
    filtered list  GET /productOffering?lifecycleStatus=Active&limit=20
    retrieve       GET /productOffering/{id}, cycling over the demo offerings

and prints requests, req/s, p50 and p99 latency and errors per scenario. The server is stopped
by PID at the end, on errors and on Ctrl-C. Results are numbers to compare side by side on one
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
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from tests.integration.cli.processes import REPO_ROOT, REST_LINE, ServerProcess, environment

OFFERINGS = "/productOffering"
STARTUP_TIMEOUT = 120.0
# Beyond warm-up + duration, how long a load generator may take before it is killed.
LOAD_GRACE_SECONDS = 30.0
COLUMNS = ["scenario", "requests", "req/s", "p50 ms", "p99 ms", "errors", "client CPU"]


@dataclass(frozen=True)
class Scenario:
    name: str
    paths: list[str]


def scenarios(api_path: str, offering_ids: list[str]) -> list[Scenario]:
    offerings = f"{api_path}{OFFERINGS}"
    return [
        Scenario("list", [f"{offerings}?limit=20"]),
        Scenario("filtered list", [f"{offerings}?lifecycleStatus=Active&limit=20"]),
        Scenario("retrieve", [f"{offerings}/{i}" for i in offering_ids]),
    ]


def demo_offering_ids(api: str) -> list[str]:
    """The served offerings; also proves the facade and the demo data are ready."""
    response = httpx.get(f"{api}{OFFERINGS}", params={"limit": 1000}, timeout=30)
    response.raise_for_status()
    ids = [o["id"] for o in response.json()]
    if not ids:
        raise RuntimeError("the server answers but serves no offerings (demo data missing?)")
    return ids


def run_load(
    host: str, port: int, scenario: Scenario, args: argparse.Namespace
) -> dict[str, float]:
    job = {
        "host": host,
        "port": port,
        "paths": scenario.paths,
        "connections": args.connections,
        "warmup": args.warmup,
        "duration": args.duration,
    }
    done = subprocess.run(
        [sys.executable, "-m", "tests.bench.load"],
        input=json.dumps(job),
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        timeout=args.warmup + args.duration + LOAD_GRACE_SECONDS,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"the load generator failed ({done.returncode}):\n{done.stderr}")
    result: dict[str, float] = json.loads(done.stdout)
    return result


def _row(cells: list[str]) -> str:
    return f"{cells[0]:<14}" + "".join(f"{c:>11}" for c in cells[1:])


def benchmark(args: argparse.Namespace) -> int:
    with tempfile.TemporaryDirectory(prefix="ordercapture-bench-") as folder:
        workdir = Path(folder)
        env = environment(
            f"sqlite+aiosqlite:///{workdir / 'bench.db'}", ORDERCAPTURE_SEED_DEMO_DATA="1"
        )
        command = ["serve", "--grpc-listen", "127.0.0.1:0", "--rest-listen", "127.0.0.1:0"]
        server = ServerProcess(command, env, workdir)
        try:
            api = server.wait_for_line(REST_LINE, timeout=STARTUP_TIMEOUT)["url"]
            ids = demo_offering_ids(api)
            url = urlsplit(api)
            if url.hostname != "127.0.0.1" or url.port is None:
                raise RuntimeError(f"refusing to load anything but 127.0.0.1: {api}")
            print(
                f"ordercapture serve (pid {server.pid}) at {api}\n"
                f"{args.connections} connections, {args.warmup:g} s warm-up, "
                f"{args.duration:g} s per scenario; {os.cpu_count()} CPUs, "
                f"Python {platform.python_version()}; load generator in its own process\n",
                flush=True,
            )
            print(
                _row(["scenario", "requests", "req/s", "p50 ms", "p99 ms", "errors", "client CPU"])
            )
            for scenario in scenarios(url.path, ids):
                r = run_load(url.hostname, url.port, scenario, args)
                print(
                    _row(
                        [
                            scenario.name,
                            f"{r['requests']:.0f}",
                            f"{r['requests'] / r['duration']:.0f}",
                            f"{r['p50_ms']:.2f}",
                            f"{r['p99_ms']:.2f}",
                            f"{r['errors']:.0f}",
                            f"{100 * r['cpu_seconds'] / (r['duration'] + args.warmup):.0f}%",
                        ]
                    ),
                    flush=True,
                )
        except Exception:
            print(server.output(), file=sys.stderr)
            raise
        finally:
            code = server.stop()
    if code != 0:
        print(f"the server exited with {code}", file=sys.stderr)
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.bench.catalog",
        description=__doc__.split("\n\n")[0] if __doc__ else "",
    )
    parser.add_argument(
        "--duration", type=float, default=10.0, help="seconds measured per scenario"
    )
    parser.add_argument("--warmup", type=float, default=2.0, help="seconds of warm-up per scenario")
    parser.add_argument("--connections", type=int, default=32, help="concurrent connections")
    args = parser.parse_args(argv)
    if args.duration <= 0 or args.warmup < 0 or args.connections < 1:
        parser.error("--duration and --connections must be positive, --warmup not negative")
    try:
        return benchmark(args)
    except KeyboardInterrupt:
        print("interrupted; the server was stopped", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
