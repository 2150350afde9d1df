"""`catalog import FILE`: checks a catalog file locally, then streams it to the gRPC tier."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import grpc

from cli.import_client import DEFAULT_CHUNK_SIZE, import_catalog
from cli.progress import ProgressBar
from cli.rpc_errors import RpcFailure, describe
from domain.catalog.errors import CatalogFileInvalid
from ordercapture.catalog.v1 import catalog_service_pb2_grpc

EXIT_REJECTED = 1  # the file is invalid, or the server refused it: nothing was stored
EXIT_UNREACHABLE = 2
DEFAULT_TIMEOUT = 600.0


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "import",
        help="load a catalog file (NDJSON) over gRPC, all or nothing",
        description="Checks FILE locally (every bad line is reported with its number and "
        "nothing is sent), then streams it to CatalogService.ImportCatalog. The server applies "
        "it all or nothing. Exit codes: 0 imported, 1 invalid or refused (nothing stored), "
        "2 server unreachable.",
    )
    parser.add_argument("file", type=Path, metavar="FILE", help="catalog file, one record a line")
    parser.add_argument(
        "--grpc-target",
        default="127.0.0.1:50051",
        metavar="HOST:PORT",
        help="address of the gRPC tier (default 127.0.0.1:50051)",
    )
    parser.add_argument(
        "--chunk-size",
        type=_positive_int,
        default=DEFAULT_CHUNK_SIZE,
        metavar="N",
        help=f"records per streamed message (default {DEFAULT_CHUNK_SIZE})",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_TIMEOUT,
        metavar="SECONDS",
        help=f"deadline of the whole import (default {DEFAULT_TIMEOUT:g})",
    )
    parser.set_defaults(handler=run)


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def run(args: argparse.Namespace) -> int:
    from cli.catalog_file import read_catalog_file  # the servers' parser: loaded when used

    path: Path = args.file
    try:
        records = read_catalog_file(path)
    except OSError as error:
        print(f"error: cannot read {path}: {error.strerror or error}", file=sys.stderr)
        return EXIT_REJECTED
    except CatalogFileInvalid as error:
        print(f"error: {path} is not a valid catalog file, nothing was sent:", file=sys.stderr)
        for violation in error.violations:
            print(f"  {path}: {violation.field}: {violation.description}", file=sys.stderr)
        if not error.violations:
            print(f"  {error.message}", file=sys.stderr)
        return EXIT_REJECTED

    progress = ProgressBar(len(records), f"Importing {path.name}")
    with grpc.insecure_channel(args.grpc_target) as channel:
        stub = catalog_service_pb2_grpc.CatalogServiceStub(channel)
        try:
            summary = import_catalog(
                stub,
                records,
                chunk_size=args.chunk_size,
                timeout=args.timeout,
                on_sent=progress.update,
            )
        except grpc.RpcError as error:
            return _report_failure(describe(error), args.grpc_target)
    progress.finish()
    print(
        f"Imported {summary.records_imported} records from {path}: "
        f"{summary.created} created, {summary.replaced} replaced."
    )
    return 0


def _report_failure(failure: RpcFailure, target: str) -> int:
    sys.stderr.write("\n")  # end the progress line
    if failure.code == grpc.StatusCode.UNAVAILABLE:
        print(
            f"error: cannot reach the gRPC tier at {target} ({failure.message}); "
            "is `ordercapture serve-grpc` running there? Nothing was imported.",
            file=sys.stderr,
        )
        return EXIT_UNREACHABLE
    reason = f" {failure.reason}" if failure.reason else ""
    print(
        f"error: the server refused the import ({failure.code.name}{reason}): {failure.message}",
        file=sys.stderr,
    )
    for violation in failure.violations:
        print(f"  {violation.field}: {violation.description}", file=sys.stderr)
    print("Nothing was imported.", file=sys.stderr)
    return EXIT_REJECTED
