"""Row classes of the feasibility tables: the address register (with normalised keys indexed
for candidate lookups), coverage entries, access nodes and stored feasibility checks.

Coverage rows have a surrogate key: an entry is replaced as part of its address's or postcode's
set, never addressed alone. A stored check keeps its items and results as JSON documents
(feasibility_repositories.py writes and reads them); they are never queried in SQL."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Text
from sqlalchemy.orm import Mapped, mapped_column

from servers.persistence.base import Base, ExtendedRow, IdentifiedRow


class FeasibilityAddressRow(IdentifiedRow):
    __tablename__ = "feasibility_addresses"

    street: Mapped[str]
    number: Mapped[str]
    postcode: Mapped[str]
    city: Mapped[str]
    country: Mapped[str]
    region: Mapped[str] = mapped_column(index=True)
    # Normalised forms (domain.feasibility.addresses): what candidate lookups filter on.
    postcode_key: Mapped[str] = mapped_column(index=True)
    city_key: Mapped[str] = mapped_column(index=True)


class FeasibilityCoverageRow(Base):
    __tablename__ = "feasibility_coverage"

    entry_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    # Exactly one of the two scopes is set; the other is NULL.
    address_id: Mapped[str | None] = mapped_column(index=True)
    postcode_key: Mapped[str | None] = mapped_column(index=True)
    technology: Mapped[str]
    max_download_mbps: Mapped[int]
    max_upload_mbps: Mapped[int]
    access_node_id: Mapped[str] = mapped_column(index=True)
    available_from: Mapped[date | None]


class FeasibilityAccessNodeRow(IdentifiedRow):
    __tablename__ = "feasibility_access_nodes"

    total_ports: Mapped[int]
    free_ports: Mapped[int]


class FeasibilityCheckRow(ExtendedRow):
    __tablename__ = "feasibility_checks"

    party_id: Mapped[str]
    description: Mapped[str] = mapped_column(Text)
    external_id: Mapped[str]
    state: Mapped[str] = mapped_column(index=True)
    outcome: Mapped[str]  # "" until judged
    error: Mapped[str] = mapped_column(Text)
    provide_alternatives: Mapped[bool]
    provide_reasons: Mapped[bool]
    items: Mapped[str] = mapped_column(Text)  # JSON
    results: Mapped[str] = mapped_column(Text)  # JSON
    create_time: Mapped[datetime] = mapped_column(index=True)
    judge_time: Mapped[datetime | None]
    expire_time: Mapped[datetime | None]


class FeasibilityAvailabilityQueryRow(ExtendedRow):
    __tablename__ = "feasibility_availability_queries"

    party_id: Mapped[str]
    description: Mapped[str] = mapped_column(Text)
    external_id: Mapped[str]
    state: Mapped[str] = mapped_column(index=True)
    error: Mapped[str] = mapped_column(Text)
    place: Mapped[str] = mapped_column(Text)  # JSON
    answer: Mapped[str] = mapped_column(Text)  # JSON
    create_time: Mapped[datetime] = mapped_column(index=True)
    judge_time: Mapped[datetime | None]
    expire_time: Mapped[datetime | None]
