"""Reading a catalog file on the client, with the servers' own parser, so a bad file is
reported line by line before anything is sent."""

from __future__ import annotations

from pathlib import Path

from ordercapture.catalog.v1 import import_pb2
from servers.catalog.records import load_catalog_text, parse_catalog_file


def read_catalog_file(path: Path) -> list[import_pb2.CatalogRecord]:
    """The records to stream, each with its line number. Raises OSError, or
    CatalogFileInvalid naming every bad line: syntax and values (decimals, enums...) at once."""
    text = path.read_text(encoding="utf-8")
    load_catalog_text(text)  # the full check; it returns domain records, the wire needs protos
    return parse_catalog_file(text)
