"""Load generator process: N keep-alive connections issue GETs back to back for a warm-up, then
for a fixed duration; prints one JSON result on stdout. Started by tests.bench.catalog, which
passes the job as JSON on stdin:

    {"host": "127.0.0.1", "port": 8080, "paths": ["/..."], "connections": 32,
     "warmup": 2.0, "duration": 10.0}
"""

from __future__ import annotations

import asyncio
import itertools
import json
import math
import sys
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

from tests.bench.http_client import Connection

# Workers still busy this long after the end are cancelled: the run stays bounded.
DRAIN_SECONDS = 10.0


@dataclass
class Measurement:
    latencies: list[float] = field(default_factory=list)  # seconds, successful or not
    errors: int = 0


@dataclass(frozen=True)
class Result:
    requests: int
    errors: int
    duration: float
    p50_ms: float
    p99_ms: float
    cpu_seconds: float


def percentile(sorted_values: list[float], fraction: float) -> float:
    """Nearest-rank percentile of an ascending list."""
    if not sorted_values:
        return float("nan")
    rank = max(1, math.ceil(fraction * len(sorted_values)))
    return sorted_values[rank - 1]


async def _worker(
    connection: Connection,
    paths: Iterator[str],
    measure_from: float,
    end: float,
    measurement: Measurement,
) -> None:
    clock = time.perf_counter
    while (started := clock()) < end:
        try:
            ok = await connection.get(next(paths)) == 200
        except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError):
            ok = False
            await connection.close()  # reconnect on the next request
        if started >= measure_from:
            measurement.latencies.append(clock() - started)
            measurement.errors += not ok


async def generate(job: dict[str, Any]) -> Result:
    paths = itertools.cycle(job["paths"])
    connections = [Connection(job["host"], job["port"]) for _ in range(job["connections"])]
    measurement = Measurement()
    cpu_start = time.process_time()
    measure_from = time.perf_counter() + job["warmup"]
    end = measure_from + job["duration"]
    workers = [
        asyncio.create_task(_worker(c, paths, measure_from, end, measurement)) for c in connections
    ]
    _, late = await asyncio.wait(workers, timeout=end - time.perf_counter() + DRAIN_SECONDS)
    for task in late:
        task.cancel()
    for connection in connections:
        await connection.close()
    latencies = sorted(measurement.latencies)
    return Result(
        requests=len(latencies),
        errors=measurement.errors + len(late),
        duration=job["duration"],
        p50_ms=percentile(latencies, 0.50) * 1000,
        p99_ms=percentile(latencies, 0.99) * 1000,
        cpu_seconds=time.process_time() - cpu_start,
    )


def main() -> int:
    job = json.load(sys.stdin)
    # uvloop (installed with uvicorn) keeps the client's own overhead low.
    try:
        import uvloop
    except ImportError:
        result = asyncio.run(generate(job))
    else:
        result = uvloop.run(generate(job))
    json.dump(asdict(result), sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
