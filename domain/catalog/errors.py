"""Catalog errors, one class per meaning; `reason` strings are part of the API contract."""

from __future__ import annotations

from domain.shared.errors import DomainError, ErrorCategory


class _NotFound(DomainError):
    category = ErrorCategory.NOT_FOUND

    def __init__(self, entity_id: str) -> None:
        super().__init__(f"{self.kind} {entity_id!r} does not exist", metadata={"id": entity_id})

    kind = "entity"


class CatalogNotFound(_NotFound):
    reason = "CATALOG_NOT_FOUND"
    kind = "catalog"


class CategoryNotFound(_NotFound):
    reason = "CATEGORY_NOT_FOUND"
    kind = "category"


class ProductSpecificationNotFound(_NotFound):
    reason = "PRODUCT_SPECIFICATION_NOT_FOUND"
    kind = "product specification"


class OfferingPriceNotFound(_NotFound):
    reason = "OFFERING_PRICE_NOT_FOUND"
    kind = "offering price"


class OfferingNotFound(_NotFound):
    reason = "OFFERING_NOT_FOUND"
    kind = "offering"


class ImportJobNotFound(_NotFound):
    reason = "IMPORT_JOB_NOT_FOUND"
    kind = "import job"


class EntityAlreadyExists(DomainError):
    reason = "ENTITY_ALREADY_EXISTS"
    category = ErrorCategory.ALREADY_EXISTS


class InvalidEntity(DomainError):
    """Field values the domain refuses (bad cardinalities, a bundle without components...)."""

    reason = "INVALID_ENTITY"
    category = ErrorCategory.INVALID


class ReferencedEntityMissing(DomainError):
    """The entity names another entity (specification, price, category...) that does not exist."""

    reason = "REFERENCED_ENTITY_NOT_FOUND"
    category = ErrorCategory.RULE_VIOLATED


class EntityStillReferenced(DomainError):
    """Deleting it would leave other entities pointing at nothing."""

    reason = "ENTITY_STILL_REFERENCED"
    category = ErrorCategory.RULE_VIOLATED


class CategoryCycle(DomainError):
    reason = "CATEGORY_CYCLE"
    category = ErrorCategory.RULE_VIOLATED


class CatalogFileInvalid(DomainError):
    """A catalog file with problems; violations name the line. Nothing was stored."""

    reason = "CATALOG_FILE_INVALID"
    category = ErrorCategory.INVALID


class ImportSourceRefused(DomainError):
    """An import URL outside the import folder or of an unsupported scheme."""

    reason = "IMPORT_SOURCE_REFUSED"
    category = ErrorCategory.RULE_VIOLATED
