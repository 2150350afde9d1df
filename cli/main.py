"""The `ordercapture` command: composition root of the processes (see `ordercapture --help`)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from cli import catalog_import, reference_import, relay, serve
from cli import event_sink as publish_events
from cli.config import ENVIRONMENT_HELP
from cli.fulfilment import command as simulate_fulfilment
from cli.logging_setup import configure_logging


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ordercapture",
        description="Customer order capture for telecom operators: TMF REST facade over gRPC.",
        epilog=ENVIRONMENT_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    serve.add_parsers(commands)
    catalog = commands.add_parser("catalog", help="catalog administration over gRPC")
    catalog_commands = catalog.add_subparsers(dest="catalog_command", required=True)
    catalog_import.add_parser(catalog_commands)
    reference_import.add_parsers(commands)
    simulate_fulfilment.add_parser(commands)
    publish_events.add_parser(commands)
    relay.add_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    configure_logging()
    try:
        code: int = args.handler(args)
    except KeyboardInterrupt:
        return 130
    return code


if __name__ == "__main__":
    sys.exit(main())
