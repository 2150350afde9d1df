"""Catalog files: NDJSON, one proto3-JSON `CatalogRecord` (without `line`) per line. Blank
lines and '#' comments are skipped. Every bad line is reported at once, with its number,
so a file is fixed in one round. Shared by import jobs, the demo seed and the CLI (which
checks a file before sending it)."""

from __future__ import annotations

import json
from collections.abc import Iterable

from google.protobuf import json_format

from domain.catalog.errors import CatalogFileInvalid
from domain.catalog.model import CatalogRecord
from domain.shared.errors import DomainError, FieldViolation
from ordercapture.catalog.v1 import import_pb2
from servers.catalog.mapping.records import record_from

_MAX_MESSAGE = 300  # characters of a parser message kept per line


def parse_catalog_file(text: str) -> list[import_pb2.CatalogRecord]:
    """The records of `text`, each with `line` set; CatalogFileInvalid naming every bad line."""
    records, problems = _parsed(text)
    _raise_if_any(problems)
    return records


def to_domain_records(messages: Iterable[import_pb2.CatalogRecord]) -> list[CatalogRecord]:
    """Every record mapped to the domain, or CatalogFileInvalid naming each bad record's
    line (its position in the stream when `line` is unset)."""
    records, problems = _mapped(messages)
    _raise_if_any(problems)
    return records


def load_catalog_text(text: str) -> list[CatalogRecord]:
    """Parsed and mapped, what an import applies; the error names the bad lines of both
    steps at once."""
    messages, syntax = _parsed(text)
    records, values = _mapped(messages)
    _raise_if_any(sorted(syntax + values, key=_line_number))
    return records


def _parsed(text: str) -> tuple[list[import_pb2.CatalogRecord], list[FieldViolation]]:
    records: list[import_pb2.CatalogRecord] = []
    problems: list[FieldViolation] = []
    # Only "\n" ends a record: splitlines() would also split at U+2028 or a form feed, which
    # JSON strings may contain raw, and every line number after it would be off.
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        try:
            record = _parse_line(stripped)
        except (ValueError, json_format.ParseError, RecursionError) as error:
            # ParseError (unknown field, wrong type) is not a ValueError; RecursionError is
            # json's answer to absurdly deep nesting.
            problems.append(FieldViolation(f"line {number}", _short(error)))
            continue
        record.line = number
        records.append(record)
    return records, problems


def _mapped(
    messages: Iterable[import_pb2.CatalogRecord],
) -> tuple[list[CatalogRecord], list[FieldViolation]]:
    records: list[CatalogRecord] = []
    problems: list[FieldViolation] = []
    for position, message in enumerate(messages, start=1):
        line = message.line or position
        try:
            record = record_from(message)
        except DomainError as error:
            details = error.violations or (FieldViolation("", error.message),)
            problems.extend(
                FieldViolation(f"line {line}", f"{v.field}: {v.description}".removeprefix(": "))
                for v in details
            )
            continue
        records.append(CatalogRecord(line, record.entity))
    return records, problems


def _line_number(violation: FieldViolation) -> int:
    return int(violation.field.removeprefix("line "))


def _parse_line(text: str) -> import_pb2.CatalogRecord:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        # json's own message says "line 1", which misleads inside a line-numbered report.
        raise ValueError(f"invalid JSON: {error.msg} (column {error.colno})") from error
    if not isinstance(document, dict):
        raise ValueError("expected a JSON object")
    if "line" in document:
        raise ValueError("'line' is set by the reader, not by the file")
    record = json_format.ParseDict(document, import_pb2.CatalogRecord())
    if record.WhichOneof("entity") is None:
        raise ValueError("the record holds no entity (catalog, category, specification, ...)")
    return record


def _raise_if_any(problems: list[FieldViolation]) -> None:
    if problems:
        lines = len({p.field for p in problems})
        raise CatalogFileInvalid(
            f"the catalog file has {lines} bad line(s); nothing was imported",
            violations=tuple(problems),
        )


def _short(error: Exception) -> str:
    text = str(error).strip()
    return text.splitlines()[0][:_MAX_MESSAGE] if text else type(error).__name__
