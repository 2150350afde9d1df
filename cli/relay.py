"""`ordercapture relay`: delivers events to the listeners registered on the TMF hubs. One
runs inside `ordercapture serve`; more run as this command to scale delivery out (they
share the gRPC tier's work queue, so no delivery is attempted by two at once)."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import os
from collections.abc import AsyncIterator, Mapping

import grpc

from cli import lifecycle
from cli.addresses import DEFAULT_GRPC_TARGET
from rest_facade.notification.egress import Network, parse_networks
from rest_facade.notification.relay import Relay, RelayOptions, http_client

logger = logging.getLogger("relay")
ALLOWED_NETWORKS_VARIABLE = "ORDERCAPTURE_CALLBACK_ALLOWED_NETWORKS"
# What `serve` (the demo) allows when the variable is unset: listeners on this machine.
DEMO_NETWORKS = "127.0.0.0/8,::1"

RELAY_ENVIRONMENT_HELP = f"""\
environment variables of the relay:
  {ALLOWED_NETWORKS_VARIABLE}
      networks listener callbacks may resolve into besides public addresses,
      e.g. 10.0.0.0/8,::1; default none ({DEMO_NETWORKS} under `serve`)
  ORDERCAPTURE_PUBLIC_BASE_URL
      base URL of the TMF APIs, for hrefs in events; default http://127.0.0.1:8080
  ORDERCAPTURE_RELAY_TIMEOUT_SECONDS   a listener's time to answer; default 10
  ORDERCAPTURE_RELAY_IDLE_SECONDS      pause when nothing is due; default 0.5
  ORDERCAPTURE_RELAY_LEASE_SECONDS     how long a claimed delivery is held; default 60
"""


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "relay",
        help="deliver events to hub listeners (scale-out; `serve` runs one already)",
        description="Claims due deliveries from the gRPC tier's work queue, POSTs each "
        "event to its listener (signed, Standard Webhooks headers) and reports the outcome; "
        "the tier schedules retries. Stops on SIGINT/SIGTERM; claims it held are taken by "
        "another relay when their lease ends.",
        epilog=RELAY_ENVIRONMENT_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--grpc-target",
        default=DEFAULT_GRPC_TARGET,
        metavar="HOST:PORT",
        help=f"address of the gRPC tier (default {DEFAULT_GRPC_TARGET})",
    )
    parser.set_defaults(handler=run)


def relay_options(env: Mapping[str, str], default_networks: str = "") -> RelayOptions:
    try:
        options = RelayOptions(
            allowed_networks=_networks(env.get(ALLOWED_NETWORKS_VARIABLE, default_networks)),
            public_base_url=env.get("ORDERCAPTURE_PUBLIC_BASE_URL", "http://127.0.0.1:8080"),
            timeout_seconds=_positive(env, "ORDERCAPTURE_RELAY_TIMEOUT_SECONDS", 10.0),
            idle_seconds=_positive(env, "ORDERCAPTURE_RELAY_IDLE_SECONDS", 0.5),
            lease_seconds=int(_positive(env, "ORDERCAPTURE_RELAY_LEASE_SECONDS", 60)),
        )
    except ValueError as error:
        raise SystemExit(f"ordercapture: {error}") from None
    # A claim must outlive the attempt it covers, or a second relay could take the delivery
    # while the first is still sending it.
    if options.lease_seconds <= options.timeout_seconds:
        raise SystemExit(
            "ordercapture: ORDERCAPTURE_RELAY_LEASE_SECONDS must exceed "
            "ORDERCAPTURE_RELAY_TIMEOUT_SECONDS"
        )
    return options


@contextlib.asynccontextmanager
async def running_relay(target: str, options: RelayOptions) -> AsyncIterator[asyncio.Task[None]]:
    """A relay task against `target` for the duration of the block."""
    async with grpc.aio.insecure_channel(target) as channel, http_client() as client:
        task = asyncio.create_task(Relay(channel, options, client).run(), name="relay")
        try:
            yield task
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task


def run(args: argparse.Namespace) -> int:
    options = relay_options(os.environ)

    async def main() -> int:
        stop = lifecycle.stop_requested()
        async with running_relay(args.grpc_target, options) as task:
            print(
                f"Relay {options.relay_id} delivering events of the gRPC tier at "
                f"{args.grpc_target}",
                flush=True,
            )
            await lifecycle.until_stop(stop, task)
        return 0

    return lifecycle.run(main)


def _networks(spelt: str) -> tuple[Network, ...]:
    try:
        return parse_networks(spelt)
    except ValueError as error:
        raise ValueError(f"{ALLOWED_NETWORKS_VARIABLE}: {error}") from None


def _positive(env: Mapping[str, str], name: str, default: float) -> float:
    raw = env.get(name, "").strip()
    try:
        value = float(raw) if raw else default
    except ValueError:
        raise ValueError(f"{name} must be a number, not {raw!r}") from None
    if not 0 < value <= 86_400:
        raise ValueError(f"{name} must be positive (at most a day), not {raw!r}")
    return value
