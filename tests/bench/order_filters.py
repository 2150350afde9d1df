"""Filtered order listing over a large store: the filters and the paging run in the database.

Run it from the repository root (also `make bench-order-filters`):

    .venv/bin/python -m tests.bench.order_filters [--orders 100000] [--duration 5]
        [--clients 1,4] [--database-url postgresql+psycopg://...]

It migrates a fresh database (SQLite in a temporary folder unless --database-url names an empty
PostgreSQL database), writes --orders orders straight into the order tables as the product
stores them (document and search document; 60 % of them for offering off-fibre-500), starts
`ordercapture serve` on it in its own process, then, per scenario and number of clients,
starts a separate load-generator process (tests/bench/load.py) against 127.0.0.1 on TMF622:

    filter, first page     ?productOrderItem.productOffering.id=off-fibre-500&limit=20
    filter, offset 50000   the same from offset 50000
    filter + date, 50000   the same with creationDate.gte, a second condition
    no filter, 50000       ?offset=50000&limit=20

and prints req/s, p50 and p99 latency, errors, and the server's resident memory after each
scenario and its peak (VmHWM): a server loading the matching rows into Python would grow by
hundreds of megabytes. Before the load it checks X-Total-Count against the number of matching
orders it wrote (MISMATCH and exit 1 otherwise). The server is stopped by PID at the end.
Figures are for comparing side by side on one machine, never assertions.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from itertools import product
from pathlib import Path
from urllib.parse import urlsplit

import httpx
from sqlalchemy import insert
from sqlalchemy.ext.asyncio import create_async_engine

from domain.ordering.model import (
    ItemState,
    OrderContent,
    OrderItem,
    OrderState,
    PartyRef,
    PlaceRef,
    ProductOrder,
)
from servers.ordering.search import ORDERING_SEARCH
from servers.persistence.database import migrate
from servers.persistence.ordering_repositories import order_columns
from servers.persistence.ordering_rows import OrderRow
from tests.bench.catalog import LOAD_GRACE_SECONDS, Scenario, run_load
from tests.integration.cli.processes import REST_LINE, ServerProcess, environment

ORDERS = "/tmf-api/productOrderingManagement/v5/productOrder"
FILTERED_OFFERING = "off-fibre-500"
OTHER_OFFERING = "off-mobile-basic"
START = datetime(2026, 1, 1, tzinfo=UTC)
BATCH = 5000
STARTUP_TIMEOUT = 300.0


def an_order(number: int) -> ProductOrder:
    offering = FILTERED_OFFERING if number % 5 < 3 else OTHER_OFFERING
    created = START + timedelta(seconds=number)
    item = OrderItem(
        id="1",
        offering_id=offering,
        places=(PlaceRef(address_id=f"addr-{number % 997}", role="installationAddress"),),
        state=ItemState.ACKNOWLEDGED,
    )
    return ProductOrder(
        id=f"bench-{number:07d}",
        content=OrderContent(
            parties=(PartyRef(id=f"cust-{number % 5000}", role="customer"),),
            channel="web" if number % 2 else "shop",
            description=f"bench order {number}",
            items=(item,),
        ),
        state=OrderState.ACKNOWLEDGED,
        create_time=created,
        update_time=created,
    )


def row_of(order: ProductOrder) -> dict[str, object]:
    return {"id": order.id, **order_columns(order, ORDERING_SEARCH)}


async def store_orders(url: str, count: int) -> int:
    """Writes `count` orders; returns how many name the filtered offering."""
    await migrate(url)
    engine = create_async_engine(url)
    matching = 0
    try:
        for first in range(0, count, BATCH):
            orders = [an_order(n) for n in range(first, min(first + BATCH, count))]
            matching += sum(o.content.items[0].offering_id == FILTERED_OFFERING for o in orders)
            async with engine.begin() as connection:
                await connection.execute(insert(OrderRow), [row_of(o) for o in orders])
    finally:
        await engine.dispose()
    return matching


def memory_kib(pid: int) -> dict[str, int]:
    figures: dict[str, int] = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in {"VmRSS", "VmHWM"}:
            figures[name] = int(value.split()[0])
    return figures


def scenarios(base: str, offset: int) -> list[Scenario]:
    by_offering = f"productOrderItem.productOffering.id={FILTERED_OFFERING}"
    since = "creationDate.gte=2026-01-01T00:00:00Z"
    return [
        Scenario("filter, page 1", [f"{base}?{by_offering}&limit=20"]),
        Scenario(f"filter, {offset}", [f"{base}?{by_offering}&offset={offset}&limit=20"]),
        Scenario(f"+date, {offset}", [f"{base}?{by_offering}&{since}&offset={offset}&limit=20"]),
        Scenario(f"all, {offset}", [f"{base}?offset={offset}&limit=20"]),
    ]


def checked_total(api: str, expected: int, offset: int) -> bool:
    query = f"productOrderItem.productOffering.id={FILTERED_OFFERING}&offset={offset}&limit=20"
    response = httpx.get(f"{api}{ORDERS}?{query}", timeout=120)
    total = response.headers.get("X-Total-Count")
    returned = len(response.json()) if response.status_code == 200 else -1
    print(f"check: {response.status_code}, X-Total-Count {total}, {returned} orders on the page")
    if response.status_code != 200 or total != str(expected) or returned != 20:
        print(f"MISMATCH: expected 200, X-Total-Count {expected} and 20 orders")
        return False
    return True


def _row(cells: list[str]) -> str:
    return f"{cells[0]:<16}" + "".join(f"{c:>9}" for c in cells[1:])


def benchmark(args: argparse.Namespace) -> int:
    with tempfile.TemporaryDirectory(prefix="ordercapture-bench-") as folder:
        workdir = Path(folder)
        url = args.database_url or f"sqlite+aiosqlite:///{workdir / 'bench.db'}"
        began = time.monotonic()
        matching = asyncio.run(store_orders(url, args.orders))
        print(
            f"{args.orders} orders written ({matching} for {FILTERED_OFFERING}) in "
            f"{time.monotonic() - began:.0f} s; backend {urlsplit(url).scheme}",
            flush=True,
        )
        env = environment(url, ORDERCAPTURE_SEED_DEMO_DATA="1")
        command = ["serve", "--grpc-listen", "127.0.0.1:0", "--rest-listen", "127.0.0.1:0"]
        server = ServerProcess(command, env, workdir)
        failed = False
        try:
            api = server.wait_for_line(REST_LINE, timeout=STARTUP_TIMEOUT)["url"]
            address = urlsplit(api)
            if address.hostname != "127.0.0.1" or address.port is None:
                raise RuntimeError(f"refusing to load anything but 127.0.0.1: {api}")
            print(
                f"ordercapture serve (pid {server.pid}); clients {args.clients}, "
                f"{args.warmup:g} s warm-up, {args.duration:g} s per scenario; "
                f"{os.cpu_count()} CPUs, Python {platform.python_version()}; "
                "load generator in its own process",
                flush=True,
            )
            origin = f"http://127.0.0.1:{address.port}"
            failed = not checked_total(origin, matching, args.offset)
            print(f"server memory before the load: {memory_kib(server.pid)} KiB\n")
            header = ["scenario", "clients", "requests", "req/s", "p50 ms", "p99 ms", "errors"]
            print(_row([*header, "RSS MiB"]))
            for clients, scenario in product(args.clients, scenarios(ORDERS, args.offset)):
                load = argparse.Namespace(**{**vars(args), "connections": clients})
                r = run_load(address.hostname, address.port, scenario, load)
                rss = memory_kib(server.pid)["VmRSS"] / 1024
                print(
                    _row(
                        [
                            scenario.name,
                            str(clients),
                            f"{r['requests']:.0f}",
                            f"{r['requests'] / r['duration']:.1f}",
                            f"{r['p50_ms']:.1f}",
                            f"{r['p99_ms']:.1f}",
                            f"{r['errors']:.0f}",
                            f"{rss:.0f}",
                        ]
                    ),
                    flush=True,
                )
            peak = memory_kib(server.pid)["VmHWM"] / 1024
            print(f"\nserver peak resident memory (VmHWM): {peak:.0f} MiB")
        except Exception:
            print(server.output(), file=sys.stderr)
            raise
        finally:
            code = server.stop()
    if code != 0:
        print(f"the server exited with {code}", file=sys.stderr)
        return 1
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=100_000)
    parser.add_argument("--offset", type=int, default=50_000)
    parser.add_argument("--duration", type=float, default=5.0)
    parser.add_argument("--warmup", type=float, default=1.0)
    parser.add_argument(
        "--clients",
        type=lambda text: [int(n) for n in text.split(",")],
        default=[1, 4],
        help="connections kept busy, one run per figure: 1,4",
    )
    parser.add_argument("--database-url", default="", help="an empty PostgreSQL database")
    args = parser.parse_args(argv)
    if args.duration + args.warmup + LOAD_GRACE_SECONDS <= 0:
        parser.error("the run needs a positive duration")
    return benchmark(args)


if __name__ == "__main__":
    sys.exit(main())
