"""Applying a catalog file: every record checked against the file and the stored catalog,
then all stored in one transaction, or nothing at all. Also loads the entities a
configuration check needs."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from domain.catalog import errors
from domain.catalog.integrity import missing_references, require_acyclic
from domain.catalog.kinds import ALL_KINDS
from domain.catalog.model import CatalogEntity, CatalogRecord, Category
from domain.catalog.ports import CatalogUnitOfWork, IdGenerator
from domain.catalog.rules import KIND_NAMES, invariant_violations, references
from domain.shared.errors import DomainError, FieldViolation


@dataclass(frozen=True, slots=True)
class ImportSummary:
    records_imported: int
    created: int
    replaced: int


async def apply_records(
    uow: CatalogUnitOfWork, records: Sequence[CatalogRecord], now: datetime, ids: IdGenerator
) -> ImportSummary:
    """Adds or replaces every record's entity inside `uow`; the caller commits."""
    records = [
        dataclasses.replace(r, entity=dataclasses.replace(r.entity, id=r.entity.id or ids.new_id()))
        for r in records
    ]
    violations = await _problems(uow, records)
    if violations:
        raise errors.CatalogFileInvalid(
            f"the catalog file has {len(violations)} problem(s); nothing was imported",
            violations=tuple(violations),
        )
    created = 0
    for kind in ALL_KINDS:
        batch = [r.entity for r in records if isinstance(r.entity, kind.entity_type)]
        repository = kind.repository(uow)
        stored = await repository.get_many(e.id for e in batch)
        for entity in batch:
            previous = stored.get(entity.id)
            since = previous.create_time if previous else now
            entity = dataclasses.replace(entity, create_time=since, update_time=now)
            if previous is None:
                created += 1
                await repository.add(entity)
            else:
                await repository.replace(entity)
    return ImportSummary(len(records), created, len(records) - created)


def error_log(problem: DomainError) -> str:
    """One line per problem, for an import job's error log."""
    lines = [problem.message]
    lines.extend(f"{v.field}: {v.description}" for v in problem.violations)
    return "\n".join(lines)


async def _problems(
    uow: CatalogUnitOfWork, records: Sequence[CatalogRecord]
) -> list[FieldViolation]:
    """Every problem of the file, in line order (the order a person fixes them in)."""
    found = _file_problems(records)
    in_file: dict[type[CatalogEntity], set[str]] = defaultdict(set)
    for record in records:
        in_file[type(record.entity)].add(record.entity.id)
    for record in records:
        for ref in await missing_references(uow, references(record.entity), in_file):
            found.append(_at(record.line, ref.missing()))
    found.extend(await _cycle_problems(uow, records))
    found.sort(key=lambda problem: problem[0])  # stable: per line, in the order found
    return [violation for _, violation in found]


def _file_problems(records: Sequence[CatalogRecord]) -> list[tuple[int, FieldViolation]]:
    found: list[tuple[int, FieldViolation]] = []
    first_line: dict[tuple[type[Any], str], int] = {}
    for record in records:
        key = (type(record.entity), record.entity.id)
        if key in first_line:
            kind = KIND_NAMES[type(record.entity)]
            found.append(
                (
                    record.line,
                    FieldViolation(
                        f"line {record.line}",
                        f"{kind} {record.entity.id!r} is already defined on line {first_line[key]}",
                    ),
                )
            )
        first_line.setdefault(key, record.line)
        found.extend(_at(record.line, v) for v in invariant_violations(record.entity))
    return found


async def _cycle_problems(
    uow: CatalogUnitOfWork, records: Sequence[CatalogRecord]
) -> list[tuple[int, FieldViolation]]:
    pending = {r.entity.id: r.entity for r in records if isinstance(r.entity, Category)}
    found: list[tuple[int, FieldViolation]] = []
    for record in records:
        if isinstance(record.entity, Category):
            try:
                await require_acyclic(uow, record.entity, pending)
            except errors.CategoryCycle as cycle:
                found.append((record.line, FieldViolation(f"line {record.line}", cycle.message)))
    return found


def _at(line: int, violation: FieldViolation) -> tuple[int, FieldViolation]:
    return line, FieldViolation(f"line {line}: {violation.field}", violation.description)
