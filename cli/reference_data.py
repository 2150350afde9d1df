"""Reference data files (eligibility rules, customer profiles, addresses, coverage, access
nodes): NDJSON, one proto3-JSON message a line, as google.protobuf.json_format writes it.
Blank lines and '#' comments are skipped.

The client checks what the contract itself states (syntax, field names and types, the fields a
record cannot do without, "exactly one must be set", duplicates) and reports every bad line at
once, before anything is sent. The business rules (unknown offering, bad credit class...) stay
the server's: they are not copied here."""

from __future__ import annotations

import json
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from google.protobuf import json_format
from google.protobuf.message import Message

from ordercapture.feasibility.v1 import network_pb2
from ordercapture.qualification.v1 import profile_pb2, rule_pb2

M = TypeVar("M", bound=Message)

_MAX_MESSAGE = 300  # characters of a parser message kept per line


@dataclass(frozen=True, slots=True)
class LineProblem:
    line: int
    problem: str


class ReferenceFileInvalid(Exception):
    """The file has bad lines; `problems` names each, in line order."""

    def __init__(self, problems: list[LineProblem]) -> None:
        super().__init__(f"{len({p.line for p in problems})} bad line(s)")
        self.problems = problems


@dataclass(frozen=True, slots=True)
class Record(Generic[M]):
    """One message of the file and the line it came from."""

    line: int
    message: M


@dataclass(frozen=True)
class RecordKind(Generic[M]):
    """What one kind of file holds and what a record of it cannot do without."""

    noun: str  # plural, for messages: "eligibility rules"
    message_type: type[M]
    # Problems of one record on its own (empty when fine).
    check: Callable[[M], list[str]] = lambda _: []
    # Identity of a record; two records of one file with the same identity are a mistake.
    # None: no identity (empty ids are chosen by the server, coverage has none).
    identity: Callable[[M], Hashable | None] = lambda _: None
    identity_label: str = "id"
    # Records with the same group travel in the same request (see reference_batches).
    group: Callable[[M], Hashable | None] = lambda _: None


def read_reference_file(path: Path, kind: RecordKind[M]) -> list[Record[M]]:
    """The records of the file in line order. Raises OSError, UnicodeDecodeError, or
    ReferenceFileInvalid naming every bad line."""
    return parse_reference_text(path.read_text(encoding="utf-8"), kind)


def parse_reference_text(text: str, kind: RecordKind[M]) -> list[Record[M]]:
    records: list[Record[M]] = []
    problems: list[LineProblem] = []
    first_line_of: dict[Hashable, int] = {}
    # Only "\n" ends a record: splitlines() would also split at U+2028 or a form feed, which
    # JSON strings may contain raw, and every line number after it would be off.
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        try:
            message = _parse_line(stripped, kind.message_type)
        except (ValueError, json_format.ParseError, RecursionError) as error:
            # ParseError (unknown field, wrong type) is not a ValueError; RecursionError is
            # json's answer to absurdly deep nesting.
            problems.append(LineProblem(number, _short(error)))
            continue
        found = kind.check(message)
        identity = kind.identity(message)
        if identity is not None and identity != "":
            if identity in first_line_of:
                found.append(
                    f"duplicate {kind.identity_label} {identity!r} "
                    f"(first on line {first_line_of[identity]})"
                )
            else:
                first_line_of[identity] = number
        problems.extend(LineProblem(number, p) for p in found)
        if not found:
            records.append(Record(number, message))
    if problems:
        raise ReferenceFileInvalid(problems)
    return records


def _parse_line(text: str, message_type: type[M]) -> M:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        # json's own message says "line 1", which misleads inside a line-numbered report.
        raise ValueError(f"invalid JSON: {error.msg} (column {error.colno})") from error
    if not isinstance(document, dict):
        raise ValueError("expected a JSON object")
    return json_format.ParseDict(document, message_type())


def _short(error: Exception) -> str:
    text = str(error).strip()
    return text.splitlines()[0][:_MAX_MESSAGE] if text else type(error).__name__


def _required(message: Message, *names: str) -> list[str]:
    return [f"{name} is required" for name in names if not getattr(message, name)]


def _one_of(message: Message, oneof: str, what: str) -> list[str]:
    if message.WhichOneof(oneof) is None:
        choices = ", ".join(f.name for f in message.DESCRIPTOR.oneofs_by_name[oneof].fields)
        return [f"no {what}: exactly one of {choices} must be set"]
    return []


def _output_only(message: Message, *names: str) -> list[str]:
    return [f"{name} is output only" for name in names if message.HasField(name)]


def _check_rule(rule: rule_pb2.EligibilityRule) -> list[str]:
    return _required(rule, "offering_id") + _one_of(rule, "condition", "condition")


def _check_profile(profile: profile_pb2.CustomerProfile) -> list[str]:
    return _required(profile, "party_id") + _output_only(profile, "update_time")


def _check_coverage(entry: network_pb2.CoverageEntry) -> list[str]:
    return _one_of(entry, "scope", "scope") + _required(entry, "technology")


def _coverage_scope(entry: network_pb2.CoverageEntry) -> Hashable | None:
    """UpsertCoverage replaces everything known of each address and postcode it names, so
    all entries of one scope must be in one request, or a later request would erase an
    earlier one. Postcodes compare without spaces and case (a coarser key is harmless)."""
    scope = entry.WhichOneof("scope")
    if scope == "postcode":
        return ("postcode", "".join(entry.postcode.split()).upper())
    if scope == "address_id":
        return ("address", entry.address_id)
    return None


ELIGIBILITY_RULES = RecordKind(
    noun="eligibility rules",
    message_type=rule_pb2.EligibilityRule,
    check=_check_rule,
    identity=lambda rule: rule.id,
)
CUSTOMER_PROFILES = RecordKind(
    noun="customer profiles",
    message_type=profile_pb2.CustomerProfile,
    check=_check_profile,
    identity=lambda profile: profile.party_id,
    identity_label="party_id",
)
ADDRESSES = RecordKind(
    noun="addresses",
    message_type=network_pb2.Address,
    identity=lambda address: address.id,
)
COVERAGE = RecordKind(
    noun="coverage entries",
    message_type=network_pb2.CoverageEntry,
    check=_check_coverage,
    group=_coverage_scope,
)
ACCESS_NODES = RecordKind(
    noun="access nodes",
    message_type=network_pb2.AccessNode,
    check=lambda node: _required(node, "id"),
    identity=lambda node: node.id,
)
