"""Row classes of the qualification tables: eligibility rules (indexed by offering, so a check
reads only the rules of the offerings it judges), customer profiles, stored eligibility checks
and stored eligibility queries. A rule's condition and the places, items, verdicts and found
offerings of checks and queries are JSON documents (qualification_mapping.py writes and reads
them); they are never queried in SQL."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Text
from sqlalchemy.orm import Mapped, mapped_column

from servers.persistence.base import Base, ExtendedRow, IdentifiedRow


class EligibilityRuleRow(IdentifiedRow):
    __tablename__ = "eligibility_rules"

    offering_id: Mapped[str] = mapped_column(index=True)
    kind: Mapped[str]
    condition: Mapped[str] = mapped_column(Text)
    alternative_offering_ids: Mapped[str] = mapped_column(Text)


class CustomerProfileRow(Base):
    __tablename__ = "customer_profiles"

    party_id: Mapped[str] = mapped_column(primary_key=True)
    party_type: Mapped[str]
    segment: Mapped[str] = mapped_column(index=True)
    credit_class: Mapped[str]
    region: Mapped[str]
    date_of_birth: Mapped[date | None]
    owned_offering_ids: Mapped[str] = mapped_column(Text)
    update_time: Mapped[datetime | None]


class EligibilityCheckRow(ExtendedRow):
    __tablename__ = "eligibility_checks"

    party_id: Mapped[str] = mapped_column(index=True)
    channel: Mapped[str]
    place: Mapped[str | None] = mapped_column(Text)
    description: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(index=True)
    error: Mapped[str] = mapped_column(Text)
    provide_alternatives: Mapped[bool]
    provide_reasons: Mapped[bool]
    only_available: Mapped[bool]
    customer_is_prospect: Mapped[bool]
    items: Mapped[str] = mapped_column(Text)
    verdicts: Mapped[str] = mapped_column(Text)
    create_time: Mapped[datetime] = mapped_column(index=True)
    judge_time: Mapped[datetime | None]
    expire_time: Mapped[datetime]


class EligibilityQueryRow(ExtendedRow):
    __tablename__ = "eligibility_queries"

    party_id: Mapped[str] = mapped_column(index=True)
    channel: Mapped[str]
    place: Mapped[str | None] = mapped_column(Text)
    category_id: Mapped[str]
    offering_ids: Mapped[str] = mapped_column(Text)
    page_size: Mapped[int]
    description: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(index=True)
    error: Mapped[str] = mapped_column(Text)
    customer_is_prospect: Mapped[bool]
    offerings: Mapped[str] = mapped_column(Text)
    create_time: Mapped[datetime] = mapped_column(index=True)
    judge_time: Mapped[datetime | None]
    expire_time: Mapped[datetime]
