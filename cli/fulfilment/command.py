"""`ordercapture simulate-fulfilment`, and the simulator `ordercapture serve
--simulate-fulfilment` runs as a client task beside the tiers it started."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import sys
from dataclasses import dataclass

from cli import lifecycle
from cli.addresses import DEFAULT_GRPC_TARGET
from cli.fulfilment.policy import (
    DEFAULT_CANCELLATION_REJECT_RATIO,
    DEFAULT_FAILURE_RATIO,
    FulfilmentPolicy,
    ratio,
)
from cli.fulfilment.simulator import SimulatorOptions, WatchRefused, follow

EXIT_REFUSED = 1
DEFAULT_DELAY = 2.0

logger = logging.getLogger("fulfilment")


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "simulate-fulfilment",
        help="stand in for order management: advance new orders, decide cancellations",
        description="Follows the order events of the gRPC tier (OrderHandoffService) and "
        "plays order management: each acknowledged order goes to inProgress after --delay "
        "seconds, then to completed, or to failed for a --failure-ratio share of them; each "
        "cancellation under assessment is accepted (the order is then cancelled) or, for a "
        "--cancellation-reject-ratio share, rejected. One log line per step on stderr. "
        "Reconnects when the tier restarts and resumes after the last event it received; "
        "stops on SIGINT/SIGTERM, logging the cursor to resume from.",
    )
    parser.add_argument(
        "--grpc-target",
        default=DEFAULT_GRPC_TARGET,
        metavar="HOST:PORT",
        help=f"address of the gRPC tier (default {DEFAULT_GRPC_TARGET})",
    )
    parser.add_argument(
        "--delay",
        type=_seconds,
        default=DEFAULT_DELAY,
        metavar="SECONDS",
        help=f"time between an event and the step it asks for (default {DEFAULT_DELAY:g})",
    )
    parser.add_argument(
        "--failure-ratio",
        type=ratio,
        default=DEFAULT_FAILURE_RATIO,
        metavar="R",
        help=f"share of orders that fail, 0 to 1 (default {DEFAULT_FAILURE_RATIO:g})",
    )
    parser.add_argument(
        "--cancellation-reject-ratio",
        type=ratio,
        default=DEFAULT_CANCELLATION_REJECT_RATIO,
        metavar="R",
        help="share of cancellations under assessment that are rejected, 0 to 1 "
        f"(default {DEFAULT_CANCELLATION_REJECT_RATIO:g})",
    )
    parser.add_argument(
        "--seed",
        type=int,
        metavar="N",
        help="seed of the random decisions: the same seed and events give the same outcomes "
        "(default: unseeded)",
    )
    start = parser.add_mutually_exclusive_group()
    start.add_argument(
        "--from-cursor",
        type=_sequence,
        metavar="N",
        help="resume after event N (the cursor a stopped simulator logs)",
    )
    start.add_argument(
        "--from-beginning",
        action="store_true",
        help="handle every event kept, old ones too (default: only events from now on)",
    )
    parser.add_argument(
        "--client-id",
        default="fulfilment-simulator",
        metavar="ID",
        help="x-client-id sent with every call (default fulfilment-simulator)",
    )
    parser.set_defaults(handler=run)


def _seconds(text: str) -> float:
    value = float(text)
    if not value >= 0:
        raise argparse.ArgumentTypeError(f"expected seconds >= 0, got {text!r}")
    return value


def _sequence(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected an event sequence >= 0, got {text!r}")
    return value


def options_from(args: argparse.Namespace) -> tuple[FulfilmentPolicy, SimulatorOptions]:
    policy = FulfilmentPolicy(
        failure_ratio=args.failure_ratio,
        cancellation_reject_ratio=args.cancellation_reject_ratio,
        seed=args.seed,
    )
    after = 0 if args.from_beginning else args.from_cursor
    options = SimulatorOptions(delay=args.delay, after_sequence=after, client_id=args.client_id)
    return policy, options


def run(args: argparse.Namespace) -> int:
    policy, options = options_from(args)

    async def main() -> int:
        stop = lifecycle.stop_requested()
        print(f"Fulfilment simulator following the gRPC tier at {args.grpc_target}", flush=True)
        try:
            await follow(args.grpc_target, policy, options, stop)
        except WatchRefused as error:
            print(f"error: the gRPC tier refuses the event watch: {error}", file=sys.stderr)
            return EXIT_REFUSED
        return 0

    return lifecycle.run(main)


@dataclass
class Alongside:
    """A simulator running as a task of a server command; stop() ends it."""

    task: asyncio.Task[object]
    stopping: asyncio.Event

    async def stop(self) -> None:
        self.stopping.set()
        with contextlib.suppress(asyncio.CancelledError):
            await self.task


def start_alongside(target: str) -> Alongside:
    """A simulator with the default settings against `target`, following new orders; a
    failure of it is logged and never stops the server."""
    stopping = asyncio.Event()

    async def simulate() -> object:
        try:
            return await follow(target, FulfilmentPolicy(), SimulatorOptions(), stopping)
        except Exception:
            logger.exception("the fulfilment simulator stopped")
            return None

    return Alongside(asyncio.create_task(simulate(), name="fulfilment-simulator"), stopping)
