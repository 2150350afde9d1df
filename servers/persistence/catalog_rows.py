"""Row classes of the catalog tables. They mirror the storage layout, not the domain model;
catalog_mapping.py converts between the two.

Associations are ordered lists keyed by (owner, position): the domain's tuples round-trip as
written. Their owner foreign key cascades on delete; references to other entities are real
foreign keys too, checked at commit (DEFERRABLE INITIALLY DEFERRED) so a transaction may write
related entities in any order. The domain still makes the user-facing checks first.

Lists load eagerly with one extra IN query per batch of owners ("selectin": never one query
per owner) and are deleted with their owner by ON DELETE CASCADE."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from servers.persistence.base import Base, ExtendedRow


def _reference(target: str) -> ForeignKey:
    """A foreign key to another entity, verified when the transaction commits."""
    return ForeignKey(target, deferrable=True, initially="DEFERRED")


def _owner(target: str) -> ForeignKey:
    """The foreign key from an association row to the entity that owns the list."""
    return ForeignKey(target, ondelete="CASCADE")


class CatalogEntityRow(ExtendedRow):
    """Columns every catalog entity has; indexed where filters and sorts look."""

    __abstract__ = True

    name: Mapped[str] = mapped_column(index=True)
    description: Mapped[str] = mapped_column(Text)
    version: Mapped[str]
    lifecycle_status: Mapped[str] = mapped_column(index=True)
    validity_start: Mapped[datetime | None]
    validity_end: Mapped[datetime | None]
    create_time: Mapped[datetime | None]
    update_time: Mapped[datetime | None] = mapped_column(index=True)


class CatalogRow(CatalogEntityRow):
    __tablename__ = "catalogs"

    catalog_type: Mapped[str]
    categories: Mapped[list[CatalogCategoryRow]] = relationship(
        order_by="CatalogCategoryRow.position",
        lazy="selectin",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )


class CatalogCategoryRow(Base):
    __tablename__ = "catalog_category"

    catalog_id: Mapped[str] = mapped_column(_owner("catalogs.id"), primary_key=True)
    position: Mapped[int] = mapped_column(primary_key=True)
    category_id: Mapped[str] = mapped_column(_reference("categories.id"), index=True)


class CategoryRow(CatalogEntityRow):
    __tablename__ = "categories"

    # NULL for a root category (the domain's empty string), so the foreign key can hold.
    parent_id: Mapped[str | None] = mapped_column(_reference("categories.id"), index=True)


class ProductSpecificationRow(CatalogEntityRow):
    __tablename__ = "product_specifications"

    brand: Mapped[str]
    product_number: Mapped[str]
    # JSON text written and read by catalog_characteristics.py; never queried in SQL.
    characteristics: Mapped[str] = mapped_column(Text)


class OfferingPriceRow(CatalogEntityRow):
    __tablename__ = "offering_prices"

    kind: Mapped[str]
    currency_code: Mapped[str | None]
    amount: Mapped[Decimal | None]
    recurring_period: Mapped[str]
    unit_of_measure: Mapped[str]
    discount_percentage: Mapped[Decimal | None]


class OfferingRow(CatalogEntityRow):
    __tablename__ = "offerings"

    is_bundle: Mapped[bool]
    is_sellable: Mapped[bool]
    specification_id: Mapped[str | None] = mapped_column(
        _reference("product_specifications.id"), index=True
    )
    categories: Mapped[list[OfferingCategoryRow]] = relationship(
        order_by="OfferingCategoryRow.position",
        lazy="selectin",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )
    prices: Mapped[list[OfferingPriceLinkRow]] = relationship(
        order_by="OfferingPriceLinkRow.position",
        lazy="selectin",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )
    components: Mapped[list[BundleComponentRow]] = relationship(
        order_by="BundleComponentRow.position",
        foreign_keys="BundleComponentRow.bundle_id",
        lazy="selectin",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )


class OfferingCategoryRow(Base):
    __tablename__ = "offering_category"

    offering_id: Mapped[str] = mapped_column(_owner("offerings.id"), primary_key=True)
    position: Mapped[int] = mapped_column(primary_key=True)
    category_id: Mapped[str] = mapped_column(_reference("categories.id"), index=True)


class OfferingPriceLinkRow(Base):
    __tablename__ = "offering_price"

    offering_id: Mapped[str] = mapped_column(_owner("offerings.id"), primary_key=True)
    position: Mapped[int] = mapped_column(primary_key=True)
    price_id: Mapped[str] = mapped_column(_reference("offering_prices.id"), index=True)


class BundleComponentRow(Base):
    __tablename__ = "bundle_component"

    bundle_id: Mapped[str] = mapped_column(_owner("offerings.id"), primary_key=True)
    position: Mapped[int] = mapped_column(primary_key=True)
    component_id: Mapped[str] = mapped_column(_reference("offerings.id"), index=True)
    min_quantity: Mapped[int]
    max_quantity: Mapped[int]
    default_quantity: Mapped[int]


class ImportJobRow(ExtendedRow):
    __tablename__ = "import_jobs"

    source_url: Mapped[str] = mapped_column(Text)
    content_type: Mapped[str]
    state: Mapped[str] = mapped_column(index=True)
    error_log: Mapped[str] = mapped_column(Text)
    records_imported: Mapped[int]
    create_time: Mapped[datetime | None] = mapped_column(index=True)
    completion_time: Mapped[datetime | None]
