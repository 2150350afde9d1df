"""ORDER BY the sort keys then id; OFFSET/LIMIT; totals of the filtered set, not of the page."""

from __future__ import annotations

from typing import Any

import pytest

from domain.catalog.model import ImportJobState, Offering
from domain.catalog.ports import UnitOfWorkFactory
from domain.catalog.queries import (
    ImportJobFilter,
    OfferingFilter,
    PageRequest,
    SortField,
    SortKey,
)
from tests.integration.persistence import entities as e

# Ties on purpose in every column, and one missing update time.
OFFERINGS = (
    e.offering("o1", name="b", lifecycle_status="Active", version="2", update_time=e.at(3)),
    e.offering("o2", name="a", lifecycle_status="Retired", version="1", update_time=e.at(1)),
    e.offering("o3", name="b", lifecycle_status="Active", version="1", update_time=None),
    e.offering("o4", name="a", lifecycle_status="In design", version="2", update_time=e.at(3)),
    e.offering("o5", name="c", lifecycle_status="Active", version="10", update_time=e.at(2)),
    e.offering(
        "o0",
        name="c",
        lifecycle_status="Retired",
        version="1",
        update_time=e.at(2),
        create_time=e.at(-5),
    ),
)
ATTRIBUTE = {
    SortField.ID: "id",
    SortField.NAME: "name",
    SortField.LIFECYCLE_STATUS: "lifecycle_status",
    SortField.VERSION: "version",
    SortField.UPDATE_TIME: "update_time",
    SortField.CREATE_TIME: "create_time",
}


@pytest.fixture
async def new_uow(catalog_uow: UnitOfWorkFactory) -> UnitOfWorkFactory:
    await e.store(catalog_uow, *OFFERINGS)
    return catalog_uow


async def listed(
    new_uow: UnitOfWorkFactory, page: PageRequest, query: OfferingFilter | None = None
) -> tuple[list[str], int]:
    async with new_uow() as uow:
        result = await uow.offerings.list(query or OfferingFilter(), page)
    return [o.id for o in result.items], result.total


def expected_order(keys: tuple[SortKey, ...]) -> list[str]:
    """Python's reading of the contract: keys in sequence, NULL highest, then id ascending."""
    ordered = sorted(OFFERINGS, key=lambda o: o.id)
    for key in reversed(keys):  # stable sorts, least significant key first
        field = key.field
        ordered.sort(key=lambda o: _sortable(o, field), reverse=key.descending)
    return [o.id for o in ordered]


def _sortable(offering: Offering, field: SortField) -> tuple[bool, Any]:
    value = getattr(offering, ATTRIBUTE[field])
    return (value is None, value)


async def test_default_order_is_by_id(new_uow: UnitOfWorkFactory) -> None:
    assert await listed(new_uow, PageRequest()) == (["o0", "o1", "o2", "o3", "o4", "o5"], 6)


@pytest.mark.parametrize("field", list(SortField), ids=lambda f: f.value)
@pytest.mark.parametrize("descending", [False, True], ids=["asc", "desc"])
async def test_each_sort_field_with_id_tie_breaker(
    new_uow: UnitOfWorkFactory, field: SortField, descending: bool
) -> None:
    keys = (SortKey(field, descending),)
    assert (await listed(new_uow, PageRequest(order_by=keys)))[0] == expected_order(keys)


async def test_ties_break_by_id_ascending_even_when_descending(
    new_uow: UnitOfWorkFactory,
) -> None:
    keys = (SortKey(SortField.NAME, descending=True),)
    ids, _ = await listed(new_uow, PageRequest(order_by=keys))
    assert ids == ["o0", "o5", "o1", "o3", "o2", "o4"]


async def test_missing_update_times_sort_last_ascending_and_first_descending(
    new_uow: UnitOfWorkFactory,
) -> None:
    ascending = (SortKey(SortField.UPDATE_TIME),)
    descending = (SortKey(SortField.UPDATE_TIME, descending=True),)
    assert (await listed(new_uow, PageRequest(order_by=ascending)))[0][-1] == "o3"
    assert (await listed(new_uow, PageRequest(order_by=descending)))[0][0] == "o3"


@pytest.mark.parametrize(
    "keys",
    [
        (SortKey(SortField.LIFECYCLE_STATUS), SortKey(SortField.NAME, descending=True)),
        (SortKey(SortField.VERSION, descending=True), SortKey(SortField.UPDATE_TIME)),
        (SortKey(SortField.NAME), SortKey(SortField.UPDATE_TIME, descending=True)),
    ],
    ids=["status-asc-name-desc", "version-desc-updated-asc", "name-asc-updated-desc"],
)
async def test_several_sort_keys_apply_in_sequence(
    new_uow: UnitOfWorkFactory, keys: tuple[SortKey, ...]
) -> None:
    assert (await listed(new_uow, PageRequest(order_by=keys)))[0] == expected_order(keys)


async def test_versions_sort_as_text(new_uow: UnitOfWorkFactory) -> None:
    # Versions are free text, so "10" sorts before "2"; both backends agree.
    keys = (SortKey(SortField.VERSION), SortKey(SortField.ID, descending=True))
    ids, _ = await listed(new_uow, PageRequest(order_by=keys))
    assert ids == ["o3", "o2", "o0", "o5", "o4", "o1"]


@pytest.mark.parametrize(
    ("size", "skip", "expected"),
    [
        (2, 0, ["o0", "o1"]),
        (2, 2, ["o2", "o3"]),
        (2, 4, ["o4", "o5"]),
        (4, 4, ["o4", "o5"]),
        (2, 6, []),
        (2, 60, []),
        (0, 0, []),
        (100, 0, ["o0", "o1", "o2", "o3", "o4", "o5"]),
        (100, 5, ["o5"]),
    ],
)
async def test_paging_returns_the_slice_and_the_total_of_everything(
    new_uow: UnitOfWorkFactory, size: int, skip: int, expected: list[str]
) -> None:
    assert await listed(new_uow, PageRequest(size=size, skip=skip)) == (expected, 6)


@pytest.mark.parametrize(("size", "skip"), [(2, 0), (2, 2), (1, 3), (5, 0), (3, 10)])
async def test_total_is_the_size_of_the_filtered_set(
    new_uow: UnitOfWorkFactory, size: int, skip: int
) -> None:
    active = OfferingFilter(lifecycle_statuses=("Active",))
    keys = (SortKey(SortField.NAME, descending=True),)
    everything = ["o5", "o1", "o3"]
    ids, total = await listed(new_uow, PageRequest(size=size, skip=skip, order_by=keys), active)
    assert ids == everything[skip : skip + size]
    assert total == 3


async def test_pages_walk_the_whole_ordered_set_without_overlap(
    new_uow: UnitOfWorkFactory,
) -> None:
    keys = (SortKey(SortField.NAME), SortKey(SortField.LIFECYCLE_STATUS, descending=True))
    walked: list[str] = []
    for skip in range(0, 6, 4):
        ids, total = await listed(new_uow, PageRequest(size=4, skip=skip, order_by=keys))
        assert total == 6
        walked.extend(ids)
    assert walked == expected_order(keys)


async def test_import_jobs_sort_by_creation_and_completion(
    catalog_uow: UnitOfWorkFactory,
) -> None:
    await e.store(
        catalog_uow,
        e.import_job("j1", create_time=e.at(2), completion_time=None),
        e.import_job("j2", create_time=e.at(1), completion_time=e.at(9)),
        e.import_job("j3", create_time=e.at(3), completion_time=e.at(8)),
    )

    async def ids(*keys: SortKey) -> list[str]:
        async with catalog_uow() as uow:
            page = await uow.import_jobs.list(ImportJobFilter(), PageRequest(order_by=keys))
        return [job.id for job in page.items]

    assert await ids(SortKey(SortField.CREATE_TIME, descending=True)) == ["j3", "j1", "j2"]
    assert await ids(SortKey(SortField.UPDATE_TIME)) == ["j3", "j2", "j1"]
    # Import jobs have no name: the key is ignored and the order is by id.
    assert await ids(SortKey(SortField.NAME, descending=True)) == ["j1", "j2", "j3"]
    states = ImportJobFilter(states=(ImportJobState.FAILED,))
    async with catalog_uow() as uow:
        page = await uow.import_jobs.list(states, PageRequest(size=1, skip=1))
    assert ([job.id for job in page.items], page.total) == (["j2"], 3)
