"""Catalog use cases: open a unit of work, load, act, commit. Rules live in rules.py,
integrity.py and configuration.py; importing files lives in importing.py."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any, TypeVar

from domain.catalog import errors, importing
from domain.catalog.configuration import validate_configuration
from domain.catalog.configuration_checks import ConfigurationRequest, load_view
from domain.catalog.integrity import (
    referencers,
    require_acyclic,
    require_references,
    require_valid,
)
from domain.catalog.kinds import CATALOG, CATEGORY, OFFERING, PRICE, SPECIFICATION, Kind
from domain.catalog.model import (
    NO_EXTENSION,
    Catalog,
    CatalogEntity,
    CatalogRecord,
    Category,
    ConfigurationViolation,
    ImportJob,
    ImportJobState,
    Offering,
    OfferingPrice,
    ProductSpecification,
    RequestedConfiguration,
)
from domain.catalog.ports import (
    CatalogFileLoader,
    CatalogUnitOfWork,
    Clock,
    IdGenerator,
    UnitOfWorkFactory,
)
from domain.catalog.queries import (
    DEFAULT_PAGE_SIZE,
    MAX_PAGE_SIZE,
    CatalogFilter,
    CategoryFilter,
    ImportJobFilter,
    OfferingFilter,
    OfferingPriceFilter,
    Page,
    PageRequest,
    ProductSpecificationFilter,
)
from domain.catalog.rules import updatable_fields
from domain.shared.errors import DomainError, FieldViolation

E = TypeVar("E", bound=CatalogEntity)

ImportSummary = importing.ImportSummary
DEFAULT_IMPORT_CONTENT_TYPE = "application/x-ndjson"
UNEXPECTED_IMPORT_FAILURE = "the import failed unexpectedly; nothing was imported"


class CatalogManagement:
    """The catalog's use cases. `fields` on updates names the model attributes to change;
    an empty set changes every updatable attribute."""

    def __init__(
        self,
        uow: UnitOfWorkFactory,
        clock: Clock,
        ids: IdGenerator,
        files: CatalogFileLoader | None = None,
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._ids = ids
        self._files = files

    # --- catalogs, categories, specifications, prices, offerings ---

    async def create_catalog(self, catalog: Catalog) -> Catalog:
        return await self._create(CATALOG, catalog)

    async def get_catalog(self, catalog_id: str) -> Catalog:
        return await self._get(CATALOG, catalog_id)

    async def list_catalogs(self, query: CatalogFilter, page: PageRequest) -> Page[Catalog]:
        async with self._uow() as uow:
            return await uow.catalogs.list(query, _checked(page))

    async def update_catalog(self, catalog: Catalog, fields: frozenset[str]) -> Catalog:
        return await self._update(CATALOG, catalog, fields)

    async def delete_catalog(self, catalog_id: str) -> None:
        await self._delete(CATALOG, catalog_id)

    async def create_category(self, category: Category) -> Category:
        return await self._create(CATEGORY, category)

    async def get_category(self, category_id: str) -> Category:
        return await self._get(CATEGORY, category_id)

    async def list_categories(self, query: CategoryFilter, page: PageRequest) -> Page[Category]:
        async with self._uow() as uow:
            return await uow.categories.list(query, _checked(page))

    async def update_category(self, category: Category, fields: frozenset[str]) -> Category:
        return await self._update(CATEGORY, category, fields)

    async def delete_category(self, category_id: str) -> None:
        await self._delete(CATEGORY, category_id)

    async def create_product_specification(
        self, product_specification: ProductSpecification
    ) -> ProductSpecification:
        return await self._create(SPECIFICATION, product_specification)

    async def get_product_specification(
        self, product_specification_id: str
    ) -> ProductSpecification:
        return await self._get(SPECIFICATION, product_specification_id)

    async def list_product_specifications(
        self, query: ProductSpecificationFilter, page: PageRequest
    ) -> Page[ProductSpecification]:
        async with self._uow() as uow:
            return await uow.specifications.list(query, _checked(page))

    async def update_product_specification(
        self, product_specification: ProductSpecification, fields: frozenset[str]
    ) -> ProductSpecification:
        return await self._update(SPECIFICATION, product_specification, fields)

    async def delete_product_specification(self, product_specification_id: str) -> None:
        await self._delete(SPECIFICATION, product_specification_id)

    async def create_offering_price(self, offering_price: OfferingPrice) -> OfferingPrice:
        return await self._create(PRICE, offering_price)

    async def get_offering_price(self, offering_price_id: str) -> OfferingPrice:
        return await self._get(PRICE, offering_price_id)

    async def list_offering_prices(
        self, query: OfferingPriceFilter, page: PageRequest
    ) -> Page[OfferingPrice]:
        async with self._uow() as uow:
            return await uow.prices.list(query, _checked(page))

    async def update_offering_price(
        self, offering_price: OfferingPrice, fields: frozenset[str]
    ) -> OfferingPrice:
        return await self._update(PRICE, offering_price, fields)

    async def delete_offering_price(self, offering_price_id: str) -> None:
        await self._delete(PRICE, offering_price_id)

    async def create_offering(self, offering: Offering) -> Offering:
        return await self._create(OFFERING, offering)

    async def get_offering(self, offering_id: str) -> Offering:
        return await self._get(OFFERING, offering_id)

    async def list_offerings(self, query: OfferingFilter, page: PageRequest) -> Page[Offering]:
        async with self._uow() as uow:
            return await uow.offerings.list(query, _checked(page))

    async def update_offering(self, offering: Offering, fields: frozenset[str]) -> Offering:
        return await self._update(OFFERING, offering, fields)

    async def delete_offering(self, offering_id: str) -> None:
        await self._delete(OFFERING, offering_id)

    # --- configuration ---

    async def validate_configuration(
        self, offering_id: str, configuration: RequestedConfiguration
    ) -> tuple[ConfigurationViolation, ...]:
        [violations] = await self.validate_configurations(
            (ConfigurationRequest(offering_id, configuration),)
        )
        return violations

    async def validate_configurations(
        self, requests: Sequence[ConfigurationRequest]
    ) -> tuple[tuple[ConfigurationViolation, ...], ...]:
        """The violations of each request, in order, judged in one transaction that reads
        the offerings, their components and specifications once for all of them. Raises
        OfferingNotFound for the first request whose offering does not exist."""
        if not requests:
            return ()
        async with self._uow() as uow:
            offerings = await uow.offerings.get_many({r.offering_id for r in requests})
            for request in requests:
                if request.offering_id not in offerings:
                    raise OFFERING.not_found(request.offering_id)
            view = await load_view(uow, offerings.values())
        return tuple(
            validate_configuration(offerings[r.offering_id], r.configuration, view)
            for r in requests
        )

    # --- imports ---

    async def import_records(self, records: Sequence[CatalogRecord]) -> ImportSummary:
        async with self._uow() as uow:
            summary = await importing.apply_records(uow, records, self._clock.now(), self._ids)
            await uow.commit()
        return summary

    async def create_import_job(
        self, source_url: str, content_type: str, extension: str = NO_EXTENSION
    ) -> ImportJob:
        if not source_url.strip():
            raise errors.InvalidEntity(
                "an import job needs a source URL",
                violations=(FieldViolation("source_url", "required"),),
            )
        job = ImportJob(
            id=self._ids.new_id(),
            source_url=source_url,
            content_type=content_type or DEFAULT_IMPORT_CONTENT_TYPE,
            create_time=self._clock.now(),
            extension=extension,
        )
        async with self._uow() as uow:
            await uow.import_jobs.add(job)
            await uow.commit()
        return job

    async def run_import_job(self, job_id: str) -> ImportJob:
        """Runs the job to a final state; problems with the file end up in its error log.
        Anything else also fails the job, then propagates."""
        job = await self._save_job(
            dataclasses.replace(await self.get_import_job(job_id), state=ImportJobState.RUNNING)
        )
        try:
            if self._files is None:
                raise errors.ImportSourceRefused("this server does not read import files")
            records = await self._files.load(job.source_url, job.content_type)
            summary = await self.import_records(records)
        except DomainError as problem:
            final = dataclasses.replace(
                job, state=ImportJobState.FAILED, error_log=importing.error_log(problem)
            )
        except Exception:
            # A bug or an outage: still end the job, say nothing internal, let the caller log.
            await self._save_job(
                dataclasses.replace(
                    job,
                    state=ImportJobState.FAILED,
                    error_log=UNEXPECTED_IMPORT_FAILURE,
                    completion_time=self._clock.now(),
                )
            )
            raise
        else:
            final = dataclasses.replace(
                job, state=ImportJobState.SUCCEEDED, records_imported=summary.records_imported
            )
        return await self._save_job(dataclasses.replace(final, completion_time=self._clock.now()))

    async def get_import_job(self, job_id: str) -> ImportJob:
        async with self._uow() as uow:
            job = await uow.import_jobs.get(job_id)
        if job is None:
            raise errors.ImportJobNotFound(job_id)
        return job

    async def list_import_jobs(self, query: ImportJobFilter, page: PageRequest) -> Page[ImportJob]:
        async with self._uow() as uow:
            return await uow.import_jobs.list(query, _checked(page))

    async def delete_import_job(self, job_id: str) -> None:
        async with self._uow() as uow:
            if await uow.import_jobs.get(job_id) is None:
                raise errors.ImportJobNotFound(job_id)
            await uow.import_jobs.remove(job_id)
            await uow.commit()

    # --- the shared shape of the entity use cases ---

    async def _create(self, kind: Kind[E], entity: E) -> E:
        now = self._clock.now()
        entity = dataclasses.replace(
            entity, id=entity.id or self._ids.new_id(), create_time=now, update_time=now
        )
        require_valid(entity)
        async with self._uow() as uow:
            repository = kind.repository(uow)
            if await repository.get(entity.id) is not None:
                raise errors.EntityAlreadyExists(
                    f"id {entity.id!r} is already taken", metadata={"id": entity.id}
                )
            await self._require_integrity(uow, entity)
            await repository.add(entity)
            await uow.commit()
        return entity

    async def _get(self, kind: Kind[E], entity_id: str) -> E:
        async with self._uow() as uow:
            return await self._load(uow, kind, entity_id)

    async def _update(self, kind: Kind[E], entity: E, fields: frozenset[str]) -> E:
        allowed = updatable_fields(entity)
        unknown = fields - allowed
        if unknown:
            raise errors.InvalidEntity(
                "these attributes cannot be changed",
                violations=tuple(FieldViolation(f, "not updatable") for f in sorted(unknown)),
            )
        changes: dict[str, Any] = {f: getattr(entity, f) for f in (fields or allowed)}
        async with self._uow() as uow:
            current = await self._load(uow, kind, entity.id)
            updated = dataclasses.replace(current, **changes, update_time=self._clock.now())
            require_valid(updated)
            await self._require_integrity(uow, updated)
            await kind.repository(uow).replace(updated)
            await uow.commit()
        return updated

    async def _delete(self, kind: Kind[E], entity_id: str) -> None:
        async with self._uow() as uow:
            entity = await self._load(uow, kind, entity_id)
            still_used = await referencers(uow, entity)
            if still_used:
                raise errors.EntityStillReferenced(
                    f"{entity_id!r} is still referenced", violations=tuple(still_used)
                )
            await kind.repository(uow).remove(entity_id)
            await uow.commit()

    @staticmethod
    async def _load(uow: CatalogUnitOfWork, kind: Kind[E], entity_id: str) -> E:
        entity = await kind.repository(uow).get(entity_id)
        if entity is None:
            raise kind.not_found(entity_id)
        return entity

    @staticmethod
    async def _require_integrity(uow: CatalogUnitOfWork, entity: CatalogEntity) -> None:
        await require_references(uow, entity)
        if isinstance(entity, Category):
            await require_acyclic(uow, entity)

    async def _save_job(self, job: ImportJob) -> ImportJob:
        async with self._uow() as uow:
            await uow.import_jobs.replace(job)
            await uow.commit()
        return job


def _checked(page: PageRequest) -> PageRequest:
    if page.size < 0 or page.size > MAX_PAGE_SIZE or page.skip < 0:
        raise errors.InvalidEntity(
            "page out of range",
            violations=(
                FieldViolation("page", f"page_size 0..{MAX_PAGE_SIZE} and skip >= 0 required"),
            ),
        )
    return page if page.size else dataclasses.replace(page, size=DEFAULT_PAGE_SIZE)
