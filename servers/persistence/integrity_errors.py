"""Constraint violations -> domain errors. The domain checks first; these cover the races it
cannot see (two requests creating the same id, a reference deleted meanwhile). Messages name
the id when the database reports it (PostgreSQL) and never echo table or constraint names."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import IntegrityError

from domain.catalog.errors import (
    EntityAlreadyExists,
    EntityStillReferenced,
    ReferencedEntityMissing,
)
from domain.shared.errors import DomainError

# SQLSTATEs (PostgreSQL) and extended result code names (SQLite, Python >= 3.11).
_PG_UNIQUE = "23505"
_PG_FOREIGN_KEY = "23503"
_SQLITE_UNIQUE = frozenset({"SQLITE_CONSTRAINT_PRIMARYKEY", "SQLITE_CONSTRAINT_UNIQUE"})
_SQLITE_FOREIGN_KEY = "SQLITE_CONSTRAINT_FOREIGNKEY"
# "Key (id)=(o1) already exists." / "Key (category_id)=(c9) is not present in table ..."
_PG_KEY_VALUE = re.compile(r"^Key \([^)]*\)=\((?P<value>.*)\) (?:already|is) ")


@contextmanager
def translated_integrity_errors() -> Iterator[None]:
    """Re-raise an IntegrityError from the block as the matching domain error."""
    try:
        yield
    except IntegrityError as exc:
        error = domain_error_for(exc)
        if error is None:
            raise
        raise error from exc


def domain_error_for(exc: IntegrityError) -> DomainError | None:
    original = exc.orig
    sqlstate = getattr(original, "sqlstate", None)
    sqlite_name = getattr(original, "sqlite_errorname", None)
    primary, detail = _pg_diagnostics(original)
    match = _PG_KEY_VALUE.match(detail)
    entity_id = match["value"] if match else None
    metadata = {"id": entity_id} if entity_id is not None else {}
    named = f" {entity_id!r}" if entity_id is not None else ""
    if sqlstate == _PG_UNIQUE or sqlite_name in _SQLITE_UNIQUE:
        return EntityAlreadyExists(f"entity{named} already exists", metadata=metadata)
    if sqlstate == _PG_FOREIGN_KEY and "still referenced" in detail + primary:
        return EntityStillReferenced(f"entity{named} is still referenced", metadata=metadata)
    if sqlstate == _PG_FOREIGN_KEY or sqlite_name == _SQLITE_FOREIGN_KEY:
        # SQLite does not say which side broke the reference, so this one covers both.
        return ReferencedEntityMissing(
            f"referenced entity{named} does not exist", metadata=metadata
        )
    return None


def _pg_diagnostics(original: BaseException | None) -> tuple[str, str]:
    diag = getattr(original, "diag", None)
    primary = getattr(diag, "message_primary", None) or ""
    detail = getattr(diag, "message_detail", None) or ""
    return str(primary), str(detail)
