"""`ordercapture simulate-fulfilment` and `ordercapture serve --simulate-fulfilment` as a user
runs them: real processes on 127.0.0.1, orders created over gRPC, stopped by signal (by PID)."""

from __future__ import annotations

import re
import signal
import time
from collections.abc import Collection
from pathlib import Path

import grpc

from ordercapture.ordering.v1 import order_pb2, ordering_service_pb2_grpc
from ordercapture.ordering.v1 import ordering_service_pb2 as pb
from tests.integration.cli.processes import GRPC_LINE, ServerProcess
from tests.integration.grpc.ordering_fixtures import order

OS = order_pb2
FOLLOWING = re.compile(r"Fulfilment simulator following the gRPC tier at (\S+)")
SIMULATOR_ON = re.compile(r"Fulfilment simulator: on")
# time, level, logger, [the correlation id the simulator sent], what it did
STEP_LINE = re.compile(
    r"^\S+ \S+ INFO fulfilment \[fulfilment-[0-9a-f]{16}\] "
    r"event \d+ order (?P<order>\S+): acknowledged -> inProgress$",
    re.MULTILINE,
)


def _create_and_wait(target: str, states: Collection[int]) -> str:
    with grpc.insecure_channel(target) as channel:
        orders = ordering_service_pb2_grpc.ProductOrderingServiceStub(channel)
        created = orders.CreateOrder(pb.CreateOrderRequest(order=order()), timeout=10).order
        deadline = time.monotonic() + 30
        while (state := orders.GetOrder(pb.GetOrderRequest(id=created.id)).order.state) not in (
            states
        ):
            assert time.monotonic() < deadline, OS.OrderState.Name(state)
            time.sleep(0.1)
    return created.id


def test_the_command_advances_new_orders_and_stops_on_sigterm(
    env: dict[str, str], workdir: Path
) -> None:
    tier = ServerProcess(
        ["serve-grpc", "--listen", "127.0.0.1:0", "--seed-demo-data"], env, workdir
    )
    simulator: ServerProcess | None = None
    try:
        target = tier.wait_for_line(GRPC_LINE)["target"]
        simulator = ServerProcess(
            [
                "simulate-fulfilment",
                "--grpc-target",
                target,
                "--delay",
                "0",
                "--failure-ratio",
                "0",
            ],
            env,
            workdir,
        )
        assert simulator.wait_for_line(FOLLOWING)[1] == target
        order_id = _create_and_wait(target, {OS.ORDER_STATE_COMPLETED})
    finally:
        codes = [simulator.stop(signal.SIGTERM) if simulator else 0, tier.stop()]
    assert codes == [0, 0], simulator.output() if simulator else tier.output()
    logged = simulator.stderr_path.read_text(encoding="utf-8")
    assert [m["order"] for m in STEP_LINE.finditer(logged)] == [order_id]
    assert "inProgress -> completed" in logged
    assert re.search(r"stopped: events handled up to \d+ \(resume with --from-cursor \d+\)", logged)


def test_serve_runs_the_simulator_beside_the_tiers(env: dict[str, str], workdir: Path) -> None:
    server = ServerProcess(
        [
            "serve",
            "--grpc-listen",
            "127.0.0.1:0",
            "--rest-listen",
            "127.0.0.1:0",
            "--simulate-fulfilment",
        ],
        env,
        workdir,
    )
    try:
        target = server.wait_for_line(GRPC_LINE)["target"]
        server.wait_for_line(SIMULATOR_ON)
        _create_and_wait(target, {OS.ORDER_STATE_COMPLETED, OS.ORDER_STATE_FAILED})
    finally:
        code = server.stop(signal.SIGINT)  # the simulator stops first, then the tiers
    logged = server.stderr_path.read_text(encoding="utf-8")
    assert code == 0, logged
    assert "acknowledged -> inProgress" in logged
    assert "stopped: events handled up to" in logged
