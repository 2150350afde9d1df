"""Declarative base shared by every row class, so Alembic sees one metadata."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, Index, MetaData, String, Text
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

from servers.persistence.column_types import DecimalText, UtcDateTime

# Deterministic constraint names: migrations can drop and alter them on every backend.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {  # noqa: RUF012 - SQLAlchemy reads it as a plain class attribute
        str: String(),
        datetime: UtcDateTime(),
        Decimal: DecimalText(),
    }


class IdentifiedRow(Base):
    """A row addressed by a string id, the key every repository works with."""

    __abstract__ = True

    id: Mapped[str] = mapped_column(primary_key=True)


# JSONB on PostgreSQL, so conditions index into it natively; JSON text on SQLite. None is
# SQL NULL (not JSON null): a row without a document is one the start-up fill finds.
SEARCH_DOCUMENT = JSON(none_as_null=True).with_variant(
    postgresql.JSONB(none_as_null=True), "postgresql"
)


class SearchedRow(IdentifiedRow):
    """A listed resource: `search` holds it as its gRPC message in JSON (search_documents.py),
    which the List calls' attribute conditions are evaluated against in SQL. On PostgreSQL a
    GIN index serves equality conditions (containment); SQLite has no such index."""

    __abstract__ = True

    search: Mapped[Any | None] = mapped_column(SEARCH_DOCUMENT)

    @declared_attr.directive
    @classmethod
    def __table_args__(cls) -> tuple[Index, ...]:
        index = Index(
            f"ix_{cls.__tablename__}_search",
            "search",
            postgresql_using="gin",
            postgresql_ops={"search": "jsonb_path_ops"},
        )
        return (index.ddl_if(dialect="postgresql"),)


class ExtendedRow(SearchedRow):
    """A resource that keeps attributes it does not interpret, as a JSON object (text)."""

    __abstract__ = True

    extension: Mapped[str] = mapped_column(Text, server_default="{}")
