"""The ordering benchmark's own logic, without servers: every order is submitted once with its
own number, no more than the in-flight limit at a time, failures are counted by label, and a
difference between accepted and stored orders is reported as a MISMATCH."""

from __future__ import annotations

import asyncio

from ordercapture.ordering.v1 import order_pb2
from tests.bench.order_load import drive, grpc_order, tmf_order
from tests.bench.ordering import Outcome, row_of, verdicts

JOB = {"customer": "cust-001", "address": "addr-nw-001", "offering": "off-fibre-500"}


async def test_every_order_is_submitted_once_within_the_in_flight_limit() -> None:
    seen: list[int] = []
    busy = peak = 0

    async def submit(number: int) -> tuple[bool, str, str]:
        nonlocal busy, peak
        busy += 1
        peak = max(peak, busy)
        await asyncio.sleep(0)
        busy -= 1
        seen.append(number)
        if number % 10 == 0:
            return False, "ABORTED", f"order {number}"
        return True, "", ""

    measurement, duration = await drive(submit, list(range(1, 101)), in_flight=8)
    assert sorted(seen) == list(range(1, 101))
    assert peak == 8
    assert (measurement.ok, dict(measurement.failures)) == (90, {"ABORTED": 10})
    assert measurement.first_failure == "ABORTED: order 10"
    assert sorted(measurement.failed_numbers) == list(range(10, 101, 10))
    assert len(measurement.latencies) == 100
    assert duration > 0


def result(ok: int, failures: dict[str, int] | None = None) -> dict[str, object]:
    failed = failures or {}
    return {
        "submitted": ok + sum(failed.values()),
        "ok": ok,
        "failures": failed,
        "first_failure": "HTTP 503: busy" if failed else "",
        "failed_numbers": list(range(sum(failed.values()))),
        "duration": 2.0,
        "p50_ms": 10.0,
        "p99_ms": 30.0,
        "cpu_seconds": 1.0,
    }


def test_stored_orders_must_equal_the_successes() -> None:
    same = Outcome("grpc", result(100), stored=100)
    assert same.matches
    assert verdicts(same) == []
    assert row_of(same).split() == ["grpc", "100", "100", "0", "50.0", "10.0", "30.0", "100"]

    lost = Outcome("rest", result(98, {"HTTP 503": 2}), stored=97)
    assert not lost.matches
    assert verdicts(lost) == [
        "rest: failures {'HTTP 503': 2}; first: HTTP 503: busy",
        "MISMATCH rest: 98 orders answered 2xx/OK but 97 stored",
    ]


def test_both_transports_send_the_same_order() -> None:
    message = grpc_order(JOB)
    (item,) = message.items
    assert [p.id for p in message.parties] == ["cust-001"]
    assert (item.action, item.offering_id) == (order_pb2.ITEM_ACTION_ADD, "off-fibre-500")
    assert [(p.address_id, p.role) for p in item.places] == [("addr-nw-001", "installationAddress")]
    document = tmf_order(JOB)
    (tmf_item,) = document["productOrderItem"]
    assert document["relatedParty"][0]["partyOrPartyRole"]["id"] == "cust-001"
    assert document["channel"][0]["channel"]["id"] == message.channel
    assert (tmf_item["action"], tmf_item["productOffering"]["id"]) == ("add", "off-fibre-500")
    assert tmf_item["product"]["place"][0]["place"]["id"] == "addr-nw-001"


def test_orders_stored_after_a_failure_are_reconciled_by_retrying_with_the_same_keys() -> None:
    # 8 requests answered 504, of which 3 had been committed nonetheless; sent again, all 8
    # answer 2xx (3 replays): stored equals the orders answered 2xx at least once.
    late = Outcome(
        "rest",
        result(92, {"HTTP 504": 8}),
        stored=95,
        retry=result(8),
        stored_after_retry=100,
    )
    assert not late.matches
    assert late.answered == 100
    lines = verdicts(late)
    assert "MISMATCH rest: 92 orders answered 2xx/OK but 95 stored" in lines
    assert "rest: 3 orders were stored although their request failed" in lines[3]
    assert lines[-1].endswith("stored 100, answered 2xx/OK at least once 100: consistent")
    lost = Outcome("grpc", result(92, {"INTERNAL": 8}), 92, result(7, {"INTERNAL": 1}), 100)
    assert verdicts(lost)[-1].endswith("at least once 99: MISMATCH after retry")
