"""Row classes of the ordering tables. An order and a cancellation are kept whole as JSON
documents (ordering_documents.py writes and reads them); the columns beside them exist only
to filter and sort in SQL. The event table is the outbox: its sequence numbers events in
commit order, and watchers resume from it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Integer, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from servers.persistence.base import Base, SearchedRow

# SQLite autoincrements only an INTEGER primary key; PostgreSQL gets a 64-bit identity.
SEQUENCE_TYPE = BigInteger().with_variant(Integer(), "sqlite")


class OrderRow(SearchedRow):
    __tablename__ = "ordering_orders"

    state: Mapped[str] = mapped_column(index=True)
    customer_id: Mapped[str] = mapped_column(index=True)
    channel: Mapped[str] = mapped_column(index=True)
    create_time: Mapped[datetime] = mapped_column(index=True)
    update_time: Mapped[datetime] = mapped_column(index=True)
    correlation_id: Mapped[str]
    document: Mapped[str] = mapped_column(Text)
    # Checked and incremented by every UPDATE: of two concurrent changes to one order, the
    # later fails (StaleDataError) instead of undoing the first.
    version: Mapped[int] = mapped_column(server_default=text("1"))

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - read once by SQLAlchemy


class OrderExternalIdRow(Base):
    """One row per external id of an order, so orders are found by any of them."""

    __tablename__ = "ordering_order_external_ids"

    order_id: Mapped[str] = mapped_column(primary_key=True)
    external_id: Mapped[str] = mapped_column(primary_key=True, index=True)


class CancellationRow(SearchedRow):
    __tablename__ = "ordering_cancellations"

    order_id: Mapped[str] = mapped_column(index=True)
    state: Mapped[str] = mapped_column(index=True)
    create_time: Mapped[datetime] = mapped_column(index=True)
    document: Mapped[str] = mapped_column(Text)


class IdempotencyRow(Base):
    """A claimed (client id, request id): the primary key is what makes a concurrent
    duplicate fail to claim. `result_kind`/`result` are empty while in flight."""

    __tablename__ = "ordering_idempotency"

    client_id: Mapped[str] = mapped_column(primary_key=True)
    request_id: Mapped[str] = mapped_column(primary_key=True)
    fingerprint: Mapped[str]
    state: Mapped[str]
    result_kind: Mapped[str]
    result: Mapped[str | None] = mapped_column(Text)
    expire_time: Mapped[datetime] = mapped_column(index=True)


class OrderEventRow(Base):
    __tablename__ = "ordering_events"

    sequence: Mapped[int] = mapped_column(SEQUENCE_TYPE, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(unique=True)
    type: Mapped[str] = mapped_column(index=True)
    time: Mapped[datetime]
    correlation_id: Mapped[str]
    order_id: Mapped[str] = mapped_column(index=True)
    payload: Mapped[str] = mapped_column(Text)
