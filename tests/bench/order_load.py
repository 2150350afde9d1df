"""Order load generator process: submits N orders with a fixed number in flight, over gRPC
(CreateOrder, a distinct request id each) or over REST (POST productOrder, a distinct
Idempotency-Key each), and prints one JSON result on stdout. Started by tests.bench.ordering,
which passes the job as JSON on stdin:

    {"transport": "grpc", "target": "127.0.0.1:50051",          (gRPC)
     "transport": "rest", "host": "127.0.0.1", "port": 8080,
                          "path": "/tmf-api/productOrderingManagement/v5/productOrder",  (REST)
     "orders": 2000, "in_flight": 64, "prefix": "bench-1a2b-grpc", "client_id": "bench",
     "customer": "cust-001", "address": "addr-nw-001", "offering": "off-fibre-500",
     "numbers": [17, 42]}                 (optional: only these orders, e.g. to retry them)

Order n carries the request id (Idempotency-Key) "<prefix>-<n>". Nothing is retried within a
run: a request that fails is counted once, by its status (gRPC code or HTTP status), and its
number listed in `failed_numbers`, so that a second run can send exactly those again.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass, field
from typing import Any

import grpc

from ordercapture.ordering.v1 import order_pb2, ordering_service_pb2, ordering_service_pb2_grpc
from ordercapture.type.v1 import reference_pb2
from tests.bench.http_client import Connection
from tests.bench.load import percentile

CALL_TIMEOUT = 60.0
CHANNEL = "web"

# One order: its number -> (ok, failure label, failure detail).
Submit = Callable[[int], Awaitable[tuple[bool, str, str]]]


@dataclass
class Measurement:
    latencies: list[float] = field(default_factory=list)  # seconds, every request
    ok: int = 0
    failures: Counter[str] = field(default_factory=Counter)
    first_failure: str = ""
    failed_numbers: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class Result:
    submitted: int
    ok: int
    failures: dict[str, int]
    first_failure: str
    failed_numbers: list[int]
    duration: float
    p50_ms: float
    p99_ms: float
    cpu_seconds: float


# -- gRPC ---------------------------------------------------------------------------------


def grpc_order(job: dict[str, Any]) -> order_pb2.ProductOrder:
    return order_pb2.ProductOrder(
        parties=[reference_pb2.PartyReference(id=job["customer"], role="customer")],
        channel=CHANNEL,
        items=[
            order_pb2.OrderItem(
                id="1",
                action=order_pb2.ITEM_ACTION_ADD,
                quantity=1,
                offering_id=job["offering"],
                places=[order_pb2.ItemPlace(address_id=job["address"], role="installationAddress")],
            )
        ],
    )


def grpc_submitter(
    job: dict[str, Any], channel: grpc.aio.Channel
) -> Callable[[int], Awaitable[tuple[bool, str, str]]]:
    stub = ordering_service_pb2_grpc.ProductOrderingServiceStub(channel)
    wanted = grpc_order(job)
    metadata = (("x-client-id", job["client_id"]),)

    async def submit(number: int) -> tuple[bool, str, str]:
        request = ordering_service_pb2.CreateOrderRequest(
            order=wanted, request_id=f"{job['prefix']}-{number}"
        )
        try:
            await stub.CreateOrder(request, timeout=CALL_TIMEOUT, metadata=metadata)
        except grpc.aio.AioRpcError as error:
            return False, error.code().name, error.details() or ""
        return True, "", ""

    return submit


# -- REST ---------------------------------------------------------------------------------


def tmf_order(job: dict[str, Any]) -> dict[str, Any]:
    """A TMF622 v5 ProductOrder: one item adding the offering at the installation address."""
    return {
        "@type": "ProductOrder",
        "channel": [{"@type": "RelatedChannel", "channel": {"@type": "ChannelRef", "id": CHANNEL}}],
        "relatedParty": [
            {
                "@type": "RelatedPartyRefOrPartyRoleRef",
                "role": "customer",
                "partyOrPartyRole": {
                    "@type": "PartyRef",
                    "id": job["customer"],
                    "@referredType": "Individual",
                },
            }
        ],
        "productOrderItem": [
            {
                "@type": "ProductOrderItem",
                "id": "1",
                "action": "add",
                "quantity": 1,
                "productOffering": {"@type": "ProductOfferingRef", "id": job["offering"]},
                "product": {
                    "@type": "Product",
                    "place": [
                        {
                            "@type": "RelatedPlaceRefOrValue",
                            "role": "installationAddress",
                            "place": {"@type": "PlaceRef", "id": job["address"]},
                        }
                    ],
                },
            }
        ],
    }


def rest_submitter(
    job: dict[str, Any], connections: asyncio.Queue[Connection]
) -> Callable[[int], Awaitable[tuple[bool, str, str]]]:
    body = json.dumps(tmf_order(job)).encode()

    async def submit(number: int) -> tuple[bool, str, str]:
        headers = (
            ("Idempotency-Key", f"{job['prefix']}-{number}"),
            ("X-Client-ID", job["client_id"]),
        )
        connection = await connections.get()
        try:
            status, answer = await connection.post_json(job["path"], body, headers)
        except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError) as e:
            await connection.close()  # reconnects on its next request
            return False, type(e).__name__, str(e)
        finally:
            connections.put_nowait(connection)
        if 200 <= status < 300:
            return True, "", ""
        return False, f"HTTP {status}", answer[:500].decode("utf-8", "replace")

    return submit


# -- running ------------------------------------------------------------------------------


async def _worker(
    submit: Submit, numbers: list[int], measurement: Measurement, clock: Callable[[], float]
) -> None:
    while numbers:
        number = numbers.pop()
        started = clock()
        ok, label, detail = await submit(number)
        measurement.latencies.append(clock() - started)
        if ok:
            measurement.ok += 1
        else:
            measurement.failures[label] += 1
            measurement.failed_numbers.append(number)
            if not measurement.first_failure:
                measurement.first_failure = f"{label}: {detail}"


async def drive(submit: Submit, numbers: list[int], in_flight: int) -> tuple[Measurement, float]:
    """Submits each of `numbers` once, in their order, `in_flight` at a time."""
    numbers = numbers[::-1]  # popped from the end
    measurement = Measurement()
    clock = time.perf_counter
    started = clock()
    await asyncio.gather(*(_worker(submit, numbers, measurement, clock) for _ in range(in_flight)))
    return measurement, clock() - started


async def generate(job: dict[str, Any]) -> Result:
    cpu_start = time.process_time()
    numbers = job.get("numbers") or list(range(1, job["orders"] + 1))
    if job["transport"] == "grpc":
        async with grpc.aio.insecure_channel(job["target"]) as channel:
            await channel.channel_ready()
            measurement, duration = await drive(
                grpc_submitter(job, channel), numbers, job["in_flight"]
            )
    else:
        connections: asyncio.Queue[Connection] = asyncio.Queue()
        for _ in range(job["in_flight"]):
            connections.put_nowait(Connection(job["host"], job["port"]))
        try:
            measurement, duration = await drive(
                rest_submitter(job, connections), numbers, job["in_flight"]
            )
        finally:
            while not connections.empty():
                await connections.get_nowait().close()
    latencies = sorted(measurement.latencies)
    return Result(
        submitted=len(latencies),
        ok=measurement.ok,
        failures=dict(measurement.failures),
        first_failure=measurement.first_failure,
        failed_numbers=sorted(measurement.failed_numbers),
        duration=duration,
        p50_ms=percentile(latencies, 0.50) * 1000,
        p99_ms=percentile(latencies, 0.99) * 1000,
        cpu_seconds=time.process_time() - cpu_start,
    )


def main() -> int:
    job = json.load(sys.stdin)
    # Plain asyncio: grpc.aio runs on the default event loop.
    result = asyncio.run(generate(job))
    json.dump(asdict(result), sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
