"""Catalog files: NDJSON, one proto3-JSON `CatalogRecord` (without `line`) per line. Blank
lines and '#' comments are skipped. Every bad line is reported, with its number, at once.
Shared by import jobs, the demo seed and the CLI (which checks a file before sending it)."""

from __future__ import annotations

import json

from google.protobuf import json_format

from domain.catalog.errors import CatalogFileInvalid
from domain.shared.errors import FieldViolation
from ordercapture.catalog.v1 import import_pb2


def parse_catalog_file(text: str) -> list[import_pb2.CatalogRecord]:
    records: list[import_pb2.CatalogRecord] = []
    problems: list[FieldViolation] = []
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        try:
            document = json.loads(stripped)
            if not isinstance(document, dict) or "line" in document:
                raise ValueError("expected one object naming a single entity, without 'line'")
            record = json_format.ParseDict(document, import_pb2.CatalogRecord())
        except (ValueError, json_format.ParseError) as error:
            problems.append(FieldViolation(f"line {number}", _short(error)))
            continue
        if record.WhichOneof("entity") is None:
            problems.append(FieldViolation(f"line {number}", "the record holds no entity"))
            continue
        record.line = number
        records.append(record)
    if problems:
        raise CatalogFileInvalid(
            f"the catalog file has {len(problems)} bad line(s); nothing was imported",
            violations=tuple(problems),
        )
    return records


def _short(error: Exception) -> str:
    return str(error).splitlines()[0][:300] if str(error) else type(error).__name__
