"""Catalog records (one entity of a catalog file) to the domain."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from domain.catalog.errors import CatalogFileInvalid
from domain.catalog.model import CatalogEntity, CatalogRecord
from domain.shared.errors import DomainError, FieldViolation
from ordercapture.catalog.v1 import import_pb2
from servers.catalog.mapping.entities import (
    catalog_from,
    category_from,
    offering_from,
    price_from,
    specification_from,
)

_ENTITY_FROM: dict[str, Callable[[Any], CatalogEntity]] = {
    "catalog": catalog_from,
    "category": category_from,
    "specification": specification_from,
    "price": price_from,
    "offering": offering_from,
}


def records_from(messages: Iterable[import_pb2.CatalogRecord]) -> list[CatalogRecord]:
    """Every record mapped, or CatalogFileInvalid naming the line of each bad one."""
    records: list[CatalogRecord] = []
    problems: list[FieldViolation] = []
    for position, message in enumerate(messages, start=1):
        line = message.line or position
        kind = message.WhichOneof("entity")
        if kind is None:
            problems.append(FieldViolation(f"line {line}", "the record holds no entity"))
            continue
        try:
            records.append(CatalogRecord(line, _ENTITY_FROM[kind](getattr(message, kind))))
        except DomainError as error:
            details = error.violations or (FieldViolation("", error.message),)
            problems.extend(
                FieldViolation(f"line {line}", f"{v.field}: {v.description}".lstrip(": "))
                for v in details
            )
    if problems:
        raise CatalogFileInvalid(
            f"{len(problems)} record(s) cannot be read; nothing was imported",
            violations=tuple(problems),
        )
    return records
