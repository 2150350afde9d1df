"""In-memory fakes of every catalog port (domain/catalog/ports.py).

Committed state lives in a FakeCatalogStore shared by every unit of work a
FakeCatalogUnitOfWorkFactory hands out. A unit of work stages its writes; reads inside it see
them (like a session that flushes before each query); commit applies them to the store, and
leaving without commit discards them. Lists filter, sort and page in Python with the semantics
of the SQL repositories (servers/persistence): filters AND-ed across fields and OR-ed within,
inclusive time bounds, NULLs sorting highest, id as the final tie-breaker.
"""

from __future__ import annotations

import builtins
import dataclasses
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from types import TracebackType
from typing import Any, Generic, Protocol, Self, TypeVar

from domain.catalog import errors
from domain.catalog.model import (
    Catalog,
    CatalogEntity,
    CatalogRecord,
    Category,
    Entity,
    ImportJob,
    Offering,
    OfferingPrice,
    ProductSpecification,
)
from domain.catalog.ports import (
    CatalogRepository,
    CategoryRepository,
    ImportJobRepository,
    OfferingPriceRepository,
    OfferingRepository,
    ProductSpecificationRepository,
)
from domain.catalog.queries import (
    MAX_PAGE_SIZE,
    CatalogFilter,
    CategoryFilter,
    EntityFilter,
    ImportJobFilter,
    OfferingFilter,
    OfferingPriceFilter,
    Page,
    PageRequest,
    ProductSpecificationFilter,
    SortField,
)
from domain.shared.errors import DomainError


class _Identified(Protocol):
    @property
    def id(self) -> str: ...


E = TypeVar("E", bound=_Identified)
F = TypeVar("F")
SortColumns = Mapping[SortField, Callable[[Any], Any]]


# --- storage ---


@dataclasses.dataclass
class FakeCatalogStore:
    """The committed state, shared by every unit of work of one factory."""

    catalogs: dict[str, Catalog] = dataclasses.field(default_factory=dict)
    categories: dict[str, Category] = dataclasses.field(default_factory=dict)
    specifications: dict[str, ProductSpecification] = dataclasses.field(default_factory=dict)
    prices: dict[str, OfferingPrice] = dataclasses.field(default_factory=dict)
    offerings: dict[str, Offering] = dataclasses.field(default_factory=dict)
    import_jobs: dict[str, ImportJob] = dataclasses.field(default_factory=dict)
    # Every PageRequest a repository's list() received, by repository name.
    page_requests: dict[str, list[PageRequest]] = dataclasses.field(
        default_factory=lambda: defaultdict(list)
    )

    def seed(self, *entities: CatalogEntity | ImportJob) -> None:
        """Stores entities directly, as if committed earlier (no checks at all)."""
        for entity in entities:
            self._table(entity)[entity.id] = entity

    def snapshot(self) -> dict[str, dict[str, Any]]:
        """A copy of every table, to compare before and after an operation."""
        return {
            "catalogs": dict(self.catalogs),
            "categories": dict(self.categories),
            "specifications": dict(self.specifications),
            "prices": dict(self.prices),
            "offerings": dict(self.offerings),
            "import_jobs": dict(self.import_jobs),
        }

    def _table(self, entity: CatalogEntity | ImportJob) -> dict[str, Any]:
        tables: dict[type[Any], dict[str, Any]] = {
            Catalog: self.catalogs,
            Category: self.categories,
            ProductSpecification: self.specifications,
            OfferingPrice: self.prices,
            Offering: self.offerings,
            ImportJob: self.import_jobs,
        }
        return tables[type(entity)]


# --- repositories ---


class _FakeRepository(Generic[E, F]):
    """add/replace/remove are staged until the unit of work commits."""

    def __init__(
        self,
        committed: dict[str, E],
        not_found: Callable[[str], DomainError],
        pages: builtins.list[PageRequest],
    ) -> None:
        self._committed = committed
        self._not_found = not_found
        self._pages = pages
        self._staged: dict[str, E | None] = {}  # None: removed

    # The port

    async def get(self, entity_id: str) -> E | None:
        return self._current().get(entity_id)

    async def get_many(self, entity_ids: Iterable[str]) -> dict[str, E]:
        current = self._current()
        return {i: current[i] for i in entity_ids if i in current}

    async def existing_ids(self, entity_ids: Iterable[str]) -> set[str]:
        current = self._current()
        return {i for i in entity_ids if i in current}

    async def add(self, entity: E) -> None:
        if entity.id in self._current():
            raise errors.EntityAlreadyExists(
                f"entity {entity.id!r} already exists", metadata={"id": entity.id}
            )
        self._staged[entity.id] = entity

    async def replace(self, entity: E) -> None:
        if entity.id not in self._current():
            raise self._not_found(entity.id)
        self._staged[entity.id] = entity

    async def remove(self, entity_id: str) -> None:
        """Removing an id that does not exist does nothing (as in SQL)."""
        if entity_id in self._current():
            self._staged[entity_id] = None

    async def list(self, query: F, page: PageRequest) -> Page[E]:
        self._pages.append(page)
        found = [e for e in self._current().values() if self._matches(e, query)]
        found.sort(key=lambda e: e.id)
        columns = self._sort_columns()
        for key in reversed(page.order_by):
            column = columns.get(key.field)
            if column is None:
                continue  # a kind without that column ignores the key
            found.sort(key=_nulls_highest(column), reverse=key.descending)
        size = max(0, min(page.size, MAX_PAGE_SIZE))
        skip = max(0, page.skip)
        return Page(items=tuple(found[skip : skip + size]), total=len(found))

    # For the unit of work and the subclasses

    @property
    def has_staged_changes(self) -> bool:
        return bool(self._staged)

    def apply(self) -> None:
        for entity_id, entity in self._staged.items():
            if entity is None:
                self._committed.pop(entity_id, None)
            else:
                self._committed[entity_id] = entity
        self._staged.clear()

    def discard(self) -> None:
        self._staged.clear()

    def _current(self) -> dict[str, E]:
        merged = dict(self._committed)
        for entity_id, entity in self._staged.items():
            if entity is None:
                merged.pop(entity_id, None)
            else:
                merged[entity_id] = entity
        return merged

    def _ids_where(self, predicate: Callable[[E], bool]) -> builtins.list[str]:
        return sorted(e.id for e in self._current().values() if predicate(e))

    def _matches(self, entity: E, query: F) -> bool:
        raise NotImplementedError

    def _sort_columns(self) -> SortColumns:
        return _ENTITY_SORT_COLUMNS


def _nulls_highest(column: Callable[[Any], Any]) -> Callable[[Any], tuple[bool, Any]]:
    def key(entity: Any) -> tuple[bool, Any]:
        value = column(entity)
        return (value is None, "" if value is None else value)

    return key


_ENTITY_SORT_COLUMNS: SortColumns = {
    SortField.ID: lambda e: e.id,
    SortField.NAME: lambda e: e.name,
    SortField.LIFECYCLE_STATUS: lambda e: e.lifecycle_status,
    SortField.VERSION: lambda e: e.version,
    SortField.UPDATE_TIME: lambda e: e.update_time,
    SortField.CREATE_TIME: lambda e: e.create_time,
}


def _any_of(value: object, wanted: Sequence[object]) -> bool:
    """An empty filter field matches everything."""
    return not wanted or value in wanted


def _overlaps(values: Sequence[str], wanted: Sequence[str]) -> bool:
    return not wanted or any(v in wanted for v in values)


def _flag_is(value: bool, wanted: bool | None) -> bool:
    return wanted is None or value == wanted


def _entity_matches(entity: Entity, query: EntityFilter) -> bool:
    """Time bounds are inclusive; an entity without update_time never matches one (NULL)."""
    updated = entity.update_time
    if query.updated_after is not None and (updated is None or updated < query.updated_after):
        return False
    if query.updated_before is not None and (updated is None or updated > query.updated_before):
        return False
    return (
        _any_of(entity.id, query.ids)
        and _any_of(entity.name, query.names)
        and _any_of(entity.lifecycle_status, query.lifecycle_statuses)
        and _any_of(entity.version, query.versions)
    )


class FakeCatalogRepository(_FakeRepository[Catalog, CatalogFilter]):
    def _matches(self, entity: Catalog, query: CatalogFilter) -> bool:
        return (
            _entity_matches(entity, query)
            and _any_of(entity.catalog_type, query.catalog_types)
            and _overlaps(entity.category_ids, query.category_ids)
        )

    async def ids_publishing_category(self, category_id: str) -> builtins.list[str]:
        return self._ids_where(lambda c: category_id in c.category_ids)


class FakeCategoryRepository(_FakeRepository[Category, CategoryFilter]):
    def _matches(self, entity: Category, query: CategoryFilter) -> bool:
        # "" in parent_ids means "a root" (a NULL parent in SQL), which `in` gives for free.
        return (
            _entity_matches(entity, query)
            and _any_of(entity.parent_id, query.parent_ids)
            and (query.is_root is None or entity.is_root == query.is_root)
        )

    async def child_ids(self, category_id: str) -> builtins.list[str]:
        return self._ids_where(lambda c: c.parent_id == category_id)


class FakeProductSpecificationRepository(
    _FakeRepository[ProductSpecification, ProductSpecificationFilter]
):
    def _matches(self, entity: ProductSpecification, query: ProductSpecificationFilter) -> bool:
        return _entity_matches(entity, query) and _any_of(entity.brand, query.brands)


class FakeOfferingPriceRepository(_FakeRepository[OfferingPrice, OfferingPriceFilter]):
    def _matches(self, entity: OfferingPrice, query: OfferingPriceFilter) -> bool:
        # A price without an amount has no currency (NULL): it matches no currency filter.
        currency = entity.amount.currency_code if entity.amount is not None else None
        return (
            _entity_matches(entity, query)
            and _any_of(entity.kind, query.kinds)
            and (not query.currency_codes or currency in query.currency_codes)
        )


class FakeOfferingRepository(_FakeRepository[Offering, OfferingFilter]):
    def _matches(self, entity: Offering, query: OfferingFilter) -> bool:
        return (
            _entity_matches(entity, query)
            and _any_of(entity.specification_id, query.specification_ids)
            and _overlaps(entity.category_ids, query.category_ids)
            and _overlaps(entity.price_ids, query.price_ids)
            and _flag_is(entity.is_bundle, query.is_bundle)
            and _flag_is(entity.is_sellable, query.is_sellable)
        )

    async def ids_referencing_specification(self, specification_id: str) -> builtins.list[str]:
        return self._ids_where(lambda o: o.specification_id == specification_id)

    async def ids_referencing_price(self, price_id: str) -> builtins.list[str]:
        return self._ids_where(lambda o: price_id in o.price_ids)

    async def ids_in_category(self, category_id: str) -> builtins.list[str]:
        return self._ids_where(lambda o: category_id in o.category_ids)

    async def ids_bundling(self, offering_id: str) -> builtins.list[str]:
        return self._ids_where(lambda o: o.component(offering_id) is not None)


class FakeImportJobRepository(_FakeRepository[ImportJob, ImportJobFilter]):
    def _matches(self, entity: ImportJob, query: ImportJobFilter) -> bool:
        return _any_of(entity.state, query.states)

    def _sort_columns(self) -> SortColumns:
        # As in SQL: a job has no name, version or status; it changes last when it completes.
        return {
            SortField.ID: lambda j: j.id,
            SortField.CREATE_TIME: lambda j: j.create_time,
            SortField.UPDATE_TIME: lambda j: j.completion_time,
        }


# --- unit of work ---


class FakeCatalogUnitOfWork:
    """Stages every write; commit applies them to the store, leaving without commit discards
    them. `committed` tells whether commit was called (`commits` how often)."""

    catalogs: CatalogRepository
    categories: CategoryRepository
    specifications: ProductSpecificationRepository
    prices: OfferingPriceRepository
    offerings: OfferingRepository
    import_jobs: ImportJobRepository

    def __init__(self, store: FakeCatalogStore) -> None:
        pages = store.page_requests
        catalogs = FakeCatalogRepository(store.catalogs, errors.CatalogNotFound, pages["catalogs"])
        categories = FakeCategoryRepository(
            store.categories, errors.CategoryNotFound, pages["categories"]
        )
        specifications = FakeProductSpecificationRepository(
            store.specifications,
            errors.ProductSpecificationNotFound,
            pages["specifications"],
        )
        prices = FakeOfferingPriceRepository(
            store.prices, errors.OfferingPriceNotFound, pages["prices"]
        )
        offerings = FakeOfferingRepository(
            store.offerings, errors.OfferingNotFound, pages["offerings"]
        )
        import_jobs = FakeImportJobRepository(
            store.import_jobs, errors.ImportJobNotFound, pages["import_jobs"]
        )
        self.catalogs = catalogs
        self.categories = categories
        self.specifications = specifications
        self.prices = prices
        self.offerings = offerings
        self.import_jobs = import_jobs
        self._repositories: tuple[_FakeRepository[Any, Any], ...] = (
            catalogs,
            categories,
            specifications,
            prices,
            offerings,
            import_jobs,
        )
        self.committed = False
        self.commits = 0
        self.discarded_changes = False
        self.entered = False
        self.exited = False

    async def __aenter__(self) -> Self:
        self.entered = True
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.exited = True
        self.discarded_changes = any(r.has_staged_changes for r in self._repositories)
        for repository in self._repositories:
            repository.discard()

    async def commit(self) -> None:
        for repository in self._repositories:
            repository.apply()
        self.committed = True
        self.commits += 1


class FakeCatalogUnitOfWorkFactory:
    """Hands out a fresh unit of work over one shared store per call; keeps them in `units`."""

    def __init__(self, store: FakeCatalogStore | None = None) -> None:
        self.store = store if store is not None else FakeCatalogStore()
        self.units: list[FakeCatalogUnitOfWork] = []

    def __call__(self) -> FakeCatalogUnitOfWork:
        unit = FakeCatalogUnitOfWork(self.store)
        self.units.append(unit)
        return unit


# --- clock, ids, file loader ---


class FixedClock:
    """Always the same instant until set or advanced."""

    def __init__(self, instant: datetime) -> None:
        self.instant = instant

    def now(self) -> datetime:
        return self.instant

    def set(self, instant: datetime) -> None:
        self.instant = instant

    def advance(self, delta: timedelta) -> datetime:
        self.instant += delta
        return self.instant


class SequentialIds:
    """id-1, id-2, ... (with the given prefix)."""

    def __init__(self, prefix: str = "id-") -> None:
        self.prefix = prefix
        self.issued: list[str] = []

    def new_id(self) -> str:
        new = f"{self.prefix}{len(self.issued) + 1}"
        self.issued.append(new)
        return new


class FakeCatalogFileLoader:
    """Returns the given records, or raises the given error; remembers each call."""

    def __init__(
        self, records: Sequence[CatalogRecord] = (), error: DomainError | None = None
    ) -> None:
        self.records = tuple(records)
        self.error = error
        self.calls: list[tuple[str, str]] = []

    async def load(self, source_url: str, content_type: str) -> Sequence[CatalogRecord]:
        self.calls.append((source_url, content_type))
        if self.error is not None:
            raise self.error
        return self.records
