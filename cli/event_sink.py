"""`ordercapture publish-events`: publishes every event of the gRPC tier to NATS JetStream, one
subject per TMF event type; and `alongside`, the same sink as a task of `ordercapture serve`
when ORDERCAPTURE_NATS_URL is set."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import os
import sys
import textwrap
from collections.abc import AsyncIterator, Mapping
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from cli import lifecycle
from cli.addresses import DEFAULT_GRPC_TARGET
from rest_facade.notification.nats_jetstream import JetStreamNames

if TYPE_CHECKING:
    from rest_facade.notification.nats_sink import NatsSinkOptions

# The sink itself (and the facade's TMF mappings it renders with) is imported when it runs:
# `--help` and the other commands do not load it.

logger = logging.getLogger("nats_sink")
NATS_URL_VARIABLE = "ORDERCAPTURE_NATS_URL"
PUBLIC_BASE_URL_VARIABLE = "ORDERCAPTURE_PUBLIC_BASE_URL"
DEFAULT_PUBLIC_BASE_URL = "http://127.0.0.1:8080"
EXIT_USAGE = 2
_NAMES = JetStreamNames()

EVENT_SINK_ENVIRONMENT_HELP = f"""\
environment variables of the event sink (flags win over them):
  {NATS_URL_VARIABLE}
      NATS server, e.g. nats://127.0.0.1:4222; `serve` runs the sink when it is set
  {PUBLIC_BASE_URL_VARIABLE}
      base URL of the TMF APIs, for hrefs in events; default {DEFAULT_PUBLIC_BASE_URL}
"""


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "publish-events",
        help="publish every event to NATS JetStream (`serve` runs it when "
        f"{NATS_URL_VARIABLE} is set)",
        description=textwrap.fill(
            "Follows the event stream of the gRPC tier for the catalog, qualification, "
            "feasibility and ordering, and publishes each event, as the TMF event its API sends "
            "hub listeners, to the JetStream subject PREFIX.<EventType> (header Nats-Msg-Id: "
            "the event id). Creates the stream and the cursor bucket when missing; resumes "
            "after the last event published per source, as kept in that bucket. Waits for NATS "
            "and the tier when they are down; stops on SIGINT/SIGTERM.",
            79,
        ),
        epilog=EVENT_SINK_ENVIRONMENT_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--grpc-target",
        default=DEFAULT_GRPC_TARGET,
        metavar="HOST:PORT",
        help=f"address of the gRPC tier (default {DEFAULT_GRPC_TARGET})",
    )
    parser.add_argument(
        "--nats-url",
        default=os.environ.get(NATS_URL_VARIABLE) or None,
        metavar="URL",
        help=f"NATS server, e.g. nats://127.0.0.1:4222 (default ${NATS_URL_VARIABLE})",
    )
    parser.add_argument(
        "--stream",
        default=_NAMES.stream,
        metavar="NAME",
        help=f"JetStream stream, created when missing (default {_NAMES.stream})",
    )
    parser.add_argument(
        "--subject-prefix",
        default=_NAMES.subject_prefix,
        metavar="PREFIX",
        help=f"events go to PREFIX.<EventType> (default {_NAMES.subject_prefix})",
    )
    parser.add_argument(
        "--cursor-bucket",
        default=_NAMES.cursor_bucket,
        metavar="NAME",
        help="JetStream key-value bucket of the last event published per source, created "
        f"when missing (default {_NAMES.cursor_bucket})",
    )
    parser.set_defaults(handler=run)


def sink_options(env: Mapping[str, str], names: JetStreamNames | None = None) -> NatsSinkOptions:
    from rest_facade.notification.nats_sink import NatsSinkOptions

    return NatsSinkOptions(
        names=names or JetStreamNames(),
        public_base_url=env.get(PUBLIC_BASE_URL_VARIABLE) or DEFAULT_PUBLIC_BASE_URL,
    )


def shown(url: str) -> str:
    """The URL without its user and password, for logs and messages."""
    parts = urlsplit(url)
    if parts.hostname is None or "@" not in parts.netloc:
        return url
    return parts._replace(netloc=parts.netloc.rpartition("@")[2]).geturl()


def run(args: argparse.Namespace) -> int:
    from rest_facade.notification.nats_sink import running_nats_sink

    if not args.nats_url:
        print(f"error: give --nats-url or set {NATS_URL_VARIABLE}", file=sys.stderr)
        return EXIT_USAGE
    names = JetStreamNames(
        stream=args.stream, subject_prefix=args.subject_prefix, cursor_bucket=args.cursor_bucket
    )
    options = sink_options(os.environ, names)

    async def main() -> int:
        stop = lifecycle.stop_requested()
        async with running_nats_sink(args.grpc_target, args.nats_url, options) as task:
            print(
                f"Publishing the events of the gRPC tier at {args.grpc_target} to NATS at "
                f"{shown(args.nats_url)}: stream {names.stream}, subjects "
                f"{names.subject_prefix}.<EventType>",
                flush=True,
            )
            await lifecycle.until_stop(stop, task)
        return 0

    return lifecycle.run(main)


@contextlib.asynccontextmanager
async def alongside(
    grpc_target: str, env: Mapping[str, str] | None = None
) -> AsyncIterator[str | None]:
    """For `serve`: the sink beside the tiers for the duration of the block when
    ORDERCAPTURE_NATS_URL is set, yielding that URL (without credentials); otherwise nothing
    runs and it yields None. A failure of the sink is logged and never stops the server."""
    from rest_facade.notification.nats_sink import publish_events

    env = os.environ if env is None else env
    url = env.get(NATS_URL_VARIABLE, "").strip()
    if not url:
        yield None
        return

    async def publish() -> None:
        try:
            await publish_events(grpc_target, url, sink_options(env))
        except Exception:
            logger.exception("the NATS event sink stopped")

    task = asyncio.create_task(publish(), name="nats-sink")
    try:
        yield shown(url)
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
