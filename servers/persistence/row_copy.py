"""Copy a freshly mapped row graph onto the persistent one, so a replace becomes UPDATEs of the
changed columns plus INSERT/DELETE of the list entries that appeared or went away."""

from __future__ import annotations

from sqlalchemy import inspect

from servers.persistence.base import Base


def copy_row(target: Base, source: Base) -> None:
    """Columns are copied; list relationships are matched by position, which is what their
    rows are keyed by (owner id, position) and ordered by when loaded."""
    mapper = inspect(type(target))
    for column in mapper.column_attrs:
        setattr(target, column.key, getattr(source, column.key))
    for relationship in mapper.relationships:
        current: list[Base] = getattr(target, relationship.key)
        wanted: list[Base] = getattr(source, relationship.key)
        for position, entry in enumerate(wanted):
            if position < len(current):
                copy_row(current[position], entry)
            else:
                current.append(entry)
        del current[len(wanted) :]
