"""`serve`, `serve-grpc`, `serve-rest`: the product in one process, or either tier alone."""

from __future__ import annotations

import argparse
import dataclasses
import os
import textwrap

from cli import lifecycle
from cli.addresses import parse_listen_address
from cli.config import ENVIRONMENT_HELP, grpc_settings
from servers.settings import Settings

# The handlers import the tiers they run when they run: `catalog import` and `--help` load
# neither the gRPC server nor Connexion.


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    formatter = argparse.RawDescriptionHelpFormatter
    serve = commands.add_parser(
        "serve",
        help="gRPC tier and REST facade in one process (the embedded default)",
        description=_wrapped(
            "Runs the gRPC tier and the TMF REST facade in one process; the facade "
            "talks to the gRPC tier over loopback. Loads the demo catalog into an empty catalog "
            "unless --no-seed-demo-data or ORDERCAPTURE_SEED_DEMO_DATA=0."
        ),
        epilog=ENVIRONMENT_HELP,
        formatter_class=formatter,
    )
    _add_grpc_listen(serve, "--grpc-listen")
    _add_rest_listen(serve, "--rest-listen")
    _add_grpc_options(serve)
    serve.add_argument(
        "--simulate-fulfilment",
        action="store_true",
        help="also run the fulfilment simulator against the gRPC tier (as "
        "`ordercapture simulate-fulfilment` with its defaults): new orders go to inProgress, "
        "then completed or failed, cancellations under assessment are decided",
    )
    serve.set_defaults(handler=run_serve)

    serve_grpc = commands.add_parser(
        "serve-grpc",
        help="the gRPC tier alone",
        description=_wrapped(
            "Runs the gRPC tier (CatalogService, EligibilityService, FeasibilityService, "
            "health, reflection) alone. Prints "
            "'gRPC server listening on HOST:PORT' once it accepts calls."
        ),
        epilog=ENVIRONMENT_HELP,
        formatter_class=formatter,
    )
    _add_grpc_listen(serve_grpc, "--listen")
    _add_grpc_options(serve_grpc)
    serve_grpc.set_defaults(handler=run_serve_grpc)

    serve_rest = commands.add_parser(
        "serve-rest",
        help="the REST facade alone, in front of a gRPC tier",
        description=_wrapped(
            "Runs the TMF REST facade alone, in front of the gRPC tier at --grpc-target."
        ),
        formatter_class=formatter,
    )
    serve_rest.add_argument(
        "--grpc-target",
        required=True,
        metavar="HOST:PORT",
        help="address of the gRPC tier (or of a load balancer in front of it)",
    )
    _add_rest_listen(serve_rest, "--listen")
    serve_rest.set_defaults(handler=run_serve_rest)


def _wrapped(text: str) -> str:
    # The raw formatter keeps the epilog's layout; descriptions are wrapped here instead.
    return textwrap.fill(text, 79)


def _add_grpc_listen(parser: argparse.ArgumentParser, flag: str) -> None:
    parser.add_argument(
        flag,
        type=parse_listen_address,
        # The port `catalog import` and internal services dial by default.
        default=parse_listen_address("127.0.0.1:50051"),
        metavar="HOST:PORT",
        help="gRPC listen address or bare port (default 127.0.0.1:50051; port 0 picks one)",
    )


def _add_rest_listen(parser: argparse.ArgumentParser, flag: str) -> None:
    parser.add_argument(
        flag,
        type=parse_listen_address,
        default=parse_listen_address("127.0.0.1:8080"),
        metavar="HOST:PORT",
        help="REST listen address or bare port (default 127.0.0.1:8080; port 0 picks one)",
    )
    parser.add_argument(
        "--access-log", action="store_true", help="log every HTTP request to stderr"
    )


def _add_grpc_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--database-url",
        metavar="URL",
        help="SQLAlchemy async URL (default $ORDERCAPTURE_DATABASE_URL, "
        "else sqlite+aiosqlite:///var/ordercapture.db)",
    )
    parser.add_argument(
        "--seed-demo-data",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="load the demo catalog when the catalog is empty "
        "(default $ORDERCAPTURE_SEED_DEMO_DATA; on for serve, off for serve-grpc)",
    )


def _settings(args: argparse.Namespace, *, seed_by_default: bool) -> Settings:
    return grpc_settings(
        database_url=args.database_url,
        seed_demo_data=args.seed_demo_data,
        seed_by_default=seed_by_default,
    )


def run_serve(args: argparse.Namespace) -> int:
    from cli import event_sink
    from cli.fulfilment.command import Alongside, start_alongside
    from cli.grpc_tier import running_grpc_tier
    from cli.relay import ALLOWED_NETWORKS_VARIABLE, DEMO_NETWORKS, relay_options, running_relay
    from cli.rest_server import create_app, print_rest_urls, start_rest_server

    settings = _settings(args, seed_by_default=True)
    # The demo lets listeners on this machine subscribe; a deployment names its networks.
    networks = os.environ.get(ALLOWED_NETWORKS_VARIABLE, DEMO_NETWORKS)
    relaying = relay_options(os.environ, DEMO_NETWORKS)
    settings = dataclasses.replace(settings, callback_allowed_networks=relaying.allowed_networks)

    async def main() -> int:
        stop = lifecycle.stop_requested()
        async with running_grpc_tier(args.grpc_listen, settings) as grpc_address:
            target = grpc_address.dial_target
            print(f"gRPC server listening on {target}", flush=True)
            app = create_app(target)
            rest = await start_rest_server(app, args.rest_listen, access_log=args.access_log)
            # Events name their resources by href: under the REST address actually bound,
            # unless the deployment says where clients reach it.
            env = {"ORDERCAPTURE_PUBLIC_BASE_URL": rest.base_url, **os.environ}
            relay = dataclasses.replace(
                relaying, public_base_url=env["ORDERCAPTURE_PUBLIC_BASE_URL"]
            )
            simulator: Alongside | None = None
            try:
                async with (
                    running_relay(target, relay),
                    event_sink.alongside(target, env) as nats_url,
                ):
                    if nats_url is not None:
                        print(f"NATS event sink: publishing every event to {nats_url}", flush=True)
                    print(
                        "Event relay: on; hub listener callbacks may reach "
                        f"{networks or 'public addresses only'} (demo default; set "
                        f"{ALLOWED_NETWORKS_VARIABLE} to change)",
                        flush=True,
                    )
                    print_rest_urls(rest)
                    if args.simulate_fulfilment:
                        # A client of the gRPC tier like any other, stopped before the tier.
                        simulator = start_alongside(target)
                        print("Fulfilment simulator: on (new orders are advanced)", flush=True)
                    await lifecycle.until_stop(stop, rest.task)
            finally:
                if simulator is not None:
                    await simulator.stop()
                await rest.stop()
        return 0

    return lifecycle.run(main)


def run_serve_grpc(args: argparse.Namespace) -> int:
    from cli.grpc_tier import running_grpc_tier

    settings = _settings(args, seed_by_default=False)

    async def main() -> int:
        stop = lifecycle.stop_requested()
        async with running_grpc_tier(args.listen, settings) as address:
            print(f"gRPC server listening on {address.dial_target}", flush=True)
            await stop.wait()
        return 0

    return lifecycle.run(main)


def run_serve_rest(args: argparse.Namespace) -> int:
    from cli.rest_server import create_app, print_rest_urls, start_rest_server

    async def main() -> int:
        stop = lifecycle.stop_requested()
        rest = await start_rest_server(
            create_app(args.grpc_target), args.listen, access_log=args.access_log
        )
        try:
            print(f"REST facade in front of the gRPC tier at {args.grpc_target}", flush=True)
            print_rest_urls(rest)
            await lifecycle.until_stop(stop, rest.task)
        finally:
            await rest.stop()
        return 0

    return lifecycle.run(main)
