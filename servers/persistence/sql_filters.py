"""Typed filters and sort keys -> SQL expressions. Everything stays a bound parameter."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Column, ColumnElement, exists, or_, select
from sqlalchemy.orm import InstrumentedAttribute

from domain.catalog.queries import EntityFilter, SortField, SortKey
from servers.persistence.catalog_rows import CatalogEntityRow

Condition = ColumnElement[bool]
SortColumns = Mapping[SortField, InstrumentedAttribute[Any]]


def any_of(column: InstrumentedAttribute[Any], values: Sequence[object]) -> list[Condition]:
    """`column IN (values)`, or no condition at all when the filter field is empty."""
    return [column.in_(values)] if values else []


def reference_any_of(column: InstrumentedAttribute[Any], ids: Sequence[str]) -> list[Condition]:
    """Like any_of for a nullable reference, where the domain's "" means "none" (NULL)."""
    if not ids:
        return []
    named = [i for i in ids if i]
    matches: list[Condition] = [column.in_(named)] if named else []
    if len(named) < len(ids):
        matches.append(column.is_(None))
    return [or_(*matches)]


def linked_to_any(
    owner_id: InstrumentedAttribute[str],
    link_owner: InstrumentedAttribute[str],
    link_target: InstrumentedAttribute[str],
    target_ids: Sequence[str],
) -> list[Condition]:
    """EXISTS a row of an association table linking the owner to any of the targets."""
    if not target_ids:
        return []
    link = select(link_owner).where(link_owner == owner_id, link_target.in_(target_ids))
    return [exists(link)]


def flag_is(column: InstrumentedAttribute[bool], wanted: bool | None) -> list[Condition]:
    return [] if wanted is None else [column == wanted]


def entity_conditions(row: type[CatalogEntityRow], query: EntityFilter) -> list[Condition]:
    """The attributes every catalog entity filters on. Time bounds are inclusive."""
    conditions = [
        *any_of(row.id, query.ids),
        *any_of(row.name, query.names),
        *any_of(row.lifecycle_status, query.lifecycle_statuses),
        *any_of(row.version, query.versions),
    ]
    if query.updated_after is not None:
        conditions.append(row.update_time >= query.updated_after)
    if query.updated_before is not None:
        conditions.append(row.update_time <= query.updated_before)
    return conditions


def entity_sort_columns(row: type[CatalogEntityRow]) -> SortColumns:
    return {
        SortField.ID: row.id,
        SortField.NAME: row.name,
        SortField.LIFECYCLE_STATUS: row.lifecycle_status,
        SortField.VERSION: row.version,
        SortField.UPDATE_TIME: row.update_time,
        SortField.CREATE_TIME: row.create_time,
    }


def order_by(
    keys: Sequence[SortKey], columns: SortColumns, row_id: InstrumentedAttribute[str]
) -> list[ColumnElement[Any]]:
    """The requested keys, then id as the final tie-breaker so pages never overlap. NULLs sort
    as the highest value on both backends (PostgreSQL's default; SQLite needs telling).
    Keys a kind of row has no column for are ignored."""
    clauses: list[ColumnElement[Any]] = []
    for key in keys:
        column = columns.get(key.field)
        if column is None:
            continue
        clause = column.desc() if key.descending else column.asc()
        if _nullable(column):
            clause = clause.nulls_first() if key.descending else clause.nulls_last()
        clauses.append(clause)
    clauses.append(row_id.asc())
    return clauses


def _nullable(column: InstrumentedAttribute[Any]) -> bool:
    expression = column.expression
    return isinstance(expression, Column) and bool(expression.nullable)
