"""`eligibility import-rules|import-profiles FILE` and
`feasibility import-addresses|import-coverage|import-access-nodes FILE`: check a reference
data file locally, then upsert it over gRPC in batches, with progress."""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import grpc

from cli import reference_client as client
from cli import reference_data as data
from cli.progress import ProgressBar
from cli.reference_batches import DEFAULT_BATCH_SIZE, Batch, batches, line_ranges
from cli.rpc_errors import Violation, describe

EXIT_REJECTED = 1  # the file is invalid, or the server refused a batch
EXIT_UNREACHABLE = 2
DEFAULT_TIMEOUT = 60.0

_EXIT_CODES = (
    "Exit codes: 0 imported, 1 invalid file (nothing sent) or a batch refused, "
    "2 server unreachable."
)
_BATCHES = (
    "Records are sent in batches; the server applies each batch all or nothing, and the "
    "import stops at the first refused batch (the batches before it stay stored). "
    "Running the file again is safe for records with ids: upserts replace by id."
)


@dataclass(frozen=True)
class ImportCommand:
    name: str
    kind: data.RecordKind[Any]
    upsert: client.Upsert
    summary: str
    order_note: str = ""


ELIGIBILITY_COMMANDS = (
    ImportCommand(
        "import-rules",
        data.ELIGIBILITY_RULES,
        client.UPSERT_RULES,
        "create or replace eligibility rules (NDJSON of EligibilityRule)",
    ),
    ImportCommand(
        "import-profiles",
        data.CUSTOMER_PROFILES,
        client.UPSERT_PROFILES,
        "create or replace customer profiles (NDJSON of CustomerProfile)",
    ),
)
FEASIBILITY_COMMANDS = (
    ImportCommand(
        "import-addresses",
        data.ADDRESSES,
        client.UPSERT_ADDRESSES,
        "create or replace registered addresses (NDJSON of Address)",
    ),
    ImportCommand(
        "import-access-nodes",
        data.ACCESS_NODES,
        client.UPSERT_ACCESS_NODES,
        "create or replace access nodes and their ports (NDJSON of AccessNode)",
    ),
    ImportCommand(
        "import-coverage",
        data.COVERAGE,
        client.UPSERT_COVERAGE,
        "replace the coverage of the addresses and postcodes named (NDJSON of CoverageEntry)",
        order_note="Every address and postcode named in FILE loses its previous coverage; "
        "all entries of one address or postcode are sent in the same batch. Import the "
        "addresses and access nodes the entries refer to first.",
    ),
)


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    for group, help_text, members in (
        ("eligibility", "eligibility rules and customer profiles over gRPC", ELIGIBILITY_COMMANDS),
        ("feasibility", "address register, coverage and capacity over gRPC", FEASIBILITY_COMMANDS),
    ):
        parser = commands.add_parser(group, help=help_text)
        subcommands = parser.add_subparsers(dest=f"{group}_command", required=True)
        for command in members:
            _add_command(subcommands, command)


def _add_command(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], command: ImportCommand
) -> None:
    message = command.kind.message_type.DESCRIPTOR.full_name
    parser = commands.add_parser(
        command.name,
        help=command.summary,
        description=" ".join(
            part
            for part in (
                f"Checks FILE locally (one {message} a line in protobuf JSON; every bad line is "
                f"reported with its number and nothing is sent), then sends it to "
                f"{command.upsert.method}.",
                command.order_note,
                _BATCHES,
                _EXIT_CODES,
            )
            if part
        ),
    )
    parser.add_argument("file", type=Path, metavar="FILE", help="NDJSON file, one record a line")
    parser.add_argument(
        "--grpc-target",
        default="127.0.0.1:50051",
        metavar="HOST:PORT",
        help="address of the gRPC tier (default 127.0.0.1:50051)",
    )
    parser.add_argument(
        "--batch-size",
        type=_positive_int,
        default=DEFAULT_BATCH_SIZE,
        metavar="N",
        help=f"records per request (default {DEFAULT_BATCH_SIZE})",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_TIMEOUT,
        metavar="SECONDS",
        help=f"deadline of each request (default {DEFAULT_TIMEOUT:g})",
    )
    parser.set_defaults(handler=lambda args: run(args, command))


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def run(args: argparse.Namespace, command: ImportCommand) -> int:
    path: Path = args.file
    kind = command.kind
    try:
        records = data.read_reference_file(path, kind)
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        print(f"error: cannot read {path}: {reason}", file=sys.stderr)
        return EXIT_REJECTED
    except data.ReferenceFileInvalid as error:
        print(
            f"error: {path} is not a valid file of {kind.noun}, nothing was sent:", file=sys.stderr
        )
        for problem in error.problems:
            print(f"  {path}:{problem.line}: {problem.problem}", file=sys.stderr)
        return EXIT_REJECTED

    planned = batches(records, args.batch_size, kind.group)
    progress = ProgressBar(len(records), f"Importing {path.name}")
    with grpc.insecure_channel(args.grpc_target) as channel:
        try:
            stored = client.send_batches(
                command.upsert.bind(channel),
                planned,
                timeout=args.timeout,
                on_sent=progress.update,
            )
        except client.BatchRefused as refused:
            return _report_refusal(refused, args, command, planned, [r.line for r in records])
    progress.finish()
    print(f"Imported {stored} {kind.noun} from {path} in {len(planned)} batch(es).")
    return 0


def _report_refusal(
    refused: client.BatchRefused[Any],
    args: argparse.Namespace,
    command: ImportCommand,
    planned: list[Batch[Any]],
    all_lines: list[int],
) -> int:
    sys.stderr.write("\n")  # end the progress line
    path: Path = args.file
    failure = describe(refused.error)
    where = (
        f"batch {refused.number} of {len(planned)} "
        f"({_lines(refused.batch.lines, all_lines)} of {path})"
    )
    code = EXIT_REJECTED
    if failure.code == grpc.StatusCode.UNAVAILABLE:
        print(
            f"error: cannot reach the gRPC tier at {args.grpc_target} ({failure.message}) "
            f"while sending {where}; is `ordercapture serve-grpc` running there?",
            file=sys.stderr,
        )
        code = EXIT_UNREACHABLE
    elif failure.code == grpc.StatusCode.UNIMPLEMENTED:
        print(
            f"error: the gRPC tier at {args.grpc_target} does not offer "
            f"{command.upsert.method} ({failure.message}).",
            file=sys.stderr,
        )
    elif failure.code == grpc.StatusCode.DEADLINE_EXCEEDED:
        # The server may still have applied it: only this client stopped waiting.
        print(
            f"error: {where} took longer than {args.timeout:g} s and may or may not have been "
            "stored; try a smaller --batch-size or a longer --timeout.",
            file=sys.stderr,
        )
    else:
        reason = f" {failure.reason}" if failure.reason else ""
        print(
            f"error: the server refused {where} ({failure.code.name}{reason}): {failure.message}",
            file=sys.stderr,
        )
        for violation in failure.violations:
            print(f"  {_locate(violation, command.upsert, refused.batch, path)}", file=sys.stderr)
    uncertain = failure.code == grpc.StatusCode.DEADLINE_EXCEEDED
    print(_what_was_stored(refused, planned, all_lines, uncertain), file=sys.stderr)
    return code


def _what_was_stored(
    refused: client.BatchRefused[Any],
    planned: list[Batch[Any]],
    all_lines: list[int],
    uncertain: bool,
) -> str:
    stored = sorted(line for batch in planned[: refused.number - 1] for line in batch.lines)
    maybe = f" (batch {refused.number} perhaps)" if uncertain else ""
    if not stored:
        return f"Nothing was imported{maybe}."
    kept = set(stored)
    not_stored = [line for line in all_lines if line not in kept]
    return (
        f"Stored by the earlier batches: {len(stored)} record(s), {_lines(stored, all_lines)}. "
        f"Not stored{maybe}: {len(not_stored)} record(s), {_lines(not_stored, all_lines)}."
    )


def _lines(lines: list[int], all_lines: list[int]) -> str:
    ranges = line_ranges(lines, all_lines)
    plural = "," in ranges or "-" in ranges
    return f"line{'s' if plural else ''} {ranges}"


_INDEXED = re.compile(r"^(?P<field>\w+)\[(?P<index>\d+)\]")


def _locate(violation: Violation, upsert: client.Upsert, batch: Batch[Any], path: Path) -> str:
    """A violation of the request ("rules[3].offering_id") told as a place in the file."""
    match = _INDEXED.match(violation.field)
    if match and match["field"] == upsert.request_field:
        line = batch.line_of(int(match["index"]))
        if line is not None:
            return f"{path}:{line}: {violation.field}: {violation.description}"
    if violation.field:
        return f"{violation.field}: {violation.description}"
    return violation.description
