"""Checks that need storage: references that must resolve, trees that must not loop, and
entities that must not be deleted while others still point at them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

from domain.catalog import errors
from domain.catalog.kinds import CATEGORY, kind_for
from domain.catalog.model import (
    Catalog,
    CatalogEntity,
    Category,
    Offering,
    OfferingPrice,
    ProductSpecification,
)
from domain.catalog.ports import CatalogUnitOfWork
from domain.catalog.rules import KIND_NAMES, Reference, invariant_violations, references
from domain.shared.errors import FieldViolation

# Guards against a corrupt stored tree; real catalogs are a handful of levels deep.
_MAX_CATEGORY_DEPTH = 64


def require_valid(entity: CatalogEntity) -> None:
    violations = invariant_violations(entity)
    if violations:
        raise errors.InvalidEntity(_summary(entity, "is invalid"), violations=tuple(violations))


async def missing_references(
    uow: CatalogUnitOfWork,
    refs: Iterable[Reference],
    known: Mapping[type[CatalogEntity], set[str]] | None = None,
) -> list[Reference]:
    """The references that name nothing stored (nor anything in `known`, e.g. the same file)."""
    known = known or {}
    wanted: dict[type[CatalogEntity], list[Reference]] = defaultdict(list)
    for ref in refs:
        if ref.target_id not in known.get(ref.target, set()):
            wanted[ref.target].append(ref)
    missing: list[Reference] = []
    for target, target_refs in wanted.items():
        repository = kind_for(target).repository(uow)
        stored = await repository.existing_ids({r.target_id for r in target_refs})
        missing.extend(r for r in target_refs if r.target_id not in stored)
    return missing


async def require_references(uow: CatalogUnitOfWork, entity: CatalogEntity) -> None:
    missing = await missing_references(uow, references(entity))
    if missing:
        raise errors.ReferencedEntityMissing(
            _summary(entity, "names entities that do not exist"),
            violations=tuple(ref.missing() for ref in missing),
        )


async def require_acyclic(
    uow: CatalogUnitOfWork, category: Category, pending: Mapping[str, Category] | None = None
) -> None:
    """Walk up from the new parent; meeting the category itself again means a loop."""
    pending = pending or {}
    seen = {category.id}
    parent_id = category.parent_id
    for _ in range(_MAX_CATEGORY_DEPTH):
        if not parent_id:
            return
        if parent_id in seen:
            raise errors.CategoryCycle(
                f"category {category.id!r} would become its own ancestor",
                violations=(
                    FieldViolation("parent_id", f"{parent_id!r} descends from {category.id!r}"),
                ),
            )
        seen.add(parent_id)
        parent = pending.get(parent_id) or await CATEGORY.repository(uow).get(parent_id)
        parent_id = parent.parent_id if parent else ""
    raise errors.CategoryCycle(f"the parents of category {category.id!r} do not end")


async def referencers(uow: CatalogUnitOfWork, entity: CatalogEntity) -> list[FieldViolation]:
    """Who still points at `entity`, as violations of deleting it."""
    found: list[tuple[str, list[str]]] = []
    if isinstance(entity, ProductSpecification):
        found.append(("offering", await uow.offerings.ids_referencing_specification(entity.id)))
    elif isinstance(entity, OfferingPrice):
        found.append(("offering", await uow.offerings.ids_referencing_price(entity.id)))
    elif isinstance(entity, Category):
        found.append(("offering", await uow.offerings.ids_in_category(entity.id)))
        found.append(("catalog", await uow.catalogs.ids_publishing_category(entity.id)))
        found.append(("category", await uow.categories.child_ids(entity.id)))
    elif isinstance(entity, Offering):
        found.append(("bundle offering", await uow.offerings.ids_bundling(entity.id)))
    elif isinstance(entity, Catalog):
        pass  # nothing points at a catalog
    return [
        FieldViolation(f"{kind}[{ref_id}]", f"{kind} {ref_id!r} still references it")
        for kind, ids in found
        for ref_id in ids
    ]


def _summary(entity: CatalogEntity, problem: str) -> str:
    return f"{KIND_NAMES[type(entity)]} {entity.id!r} {problem}"
