"""The catalog unit of work, given the catalog's event descriptions, writes one outbox event
per change (source catalog) in the transaction of the change: created on add, state changed
when the lifecycle status (a job's state) changed, attributes changed when anything else did,
deleted (with the entity as it was) on remove. Nothing is written for what is not committed,
nor without the descriptions."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import pytest
from google.protobuf.message import Message
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.catalog.errors import EntityAlreadyExists
from domain.catalog.importing import apply_records
from domain.catalog.model import CatalogRecord, ImportJobState
from domain.catalog.ports import CatalogUnitOfWork, Repository, UnitOfWorkFactory
from ordercapture.catalog.v1 import (
    catalog_pb2,
    import_pb2,
    offering_pb2,
    price_pb2,
    specification_pb2,
)
from servers.catalog.events import CATALOG_PUBLICATIONS
from servers.catalog.mapping.catalogs import catalog_to, category_to
from servers.catalog.mapping.import_jobs import import_job_to
from servers.catalog.mapping.offerings import offering_to
from servers.catalog.mapping.prices import price_to
from servers.catalog.mapping.specifications import specification_to
from servers.correlation import bind_correlation_id, unbind_correlation_id
from servers.persistence.database import create_session_factory
from servers.persistence.unit_of_work import catalog_uow_factory
from tests.integration.outbox_reading import (
    ATTRIBUTES_CHANGED,
    CATALOG,
    CREATED,
    DELETED,
    STATE_CHANGED,
    Recorded,
    recorded_events,
)
from tests.integration.persistence import entities as e

M = TypeVar("M", bound=Message)


@dataclass(frozen=True)
class Kind:
    repository: str
    build: Callable[..., Any]
    message: type[Message]
    to_message: Callable[[Any], Message]


KINDS = [
    pytest.param(Kind("catalogs", e.catalog, catalog_pb2.Catalog, catalog_to), id="catalog"),
    pytest.param(Kind("categories", e.category, catalog_pb2.Category, category_to), id="category"),
    pytest.param(
        Kind(
            "specifications",
            e.specification,
            specification_pb2.ProductSpecification,
            specification_to,
        ),
        id="specification",
    ),
    pytest.param(Kind("prices", e.price, price_pb2.OfferingPrice, price_to), id="price"),
    pytest.param(Kind("offerings", e.offering, offering_pb2.Offering, offering_to), id="offering"),
]


@pytest.fixture
def events_uow(db_engine: AsyncEngine) -> UnitOfWorkFactory:
    """A catalog unit-of-work factory wired as the server wires it: recording events."""
    return catalog_uow_factory(create_session_factory(db_engine), CATALOG_PUBLICATIONS)


async def stored_events(engine: AsyncEngine) -> list[Recorded]:
    return await recorded_events(engine)


def repository(uow: CatalogUnitOfWork, kind: Kind) -> Repository[Any, Any]:
    found: Repository[Any, Any] = getattr(uow, kind.repository)
    return found


@pytest.mark.parametrize("kind", KINDS)
async def test_each_change_of_an_entity_is_one_event_of_the_right_kind(
    kind: Kind, events_uow: UnitOfWorkFactory, db_engine: AsyncEngine
) -> None:
    original = kind.build("x1")
    renamed = dataclasses.replace(original, name="Renamed", update_time=e.at(10))
    retired = dataclasses.replace(renamed, lifecycle_status="Retired", update_time=e.at(11))
    both = dataclasses.replace(
        retired, lifecycle_status="Active", description="Both", update_time=e.at(12)
    )
    touched = dataclasses.replace(both, update_time=e.at(13))  # nothing else changed
    steps: list[tuple[str, Any]] = [
        ("add", original),
        ("replace", renamed),
        ("replace", retired),
        ("replace", both),
        ("replace", touched),
        ("remove", "x1"),
    ]
    for method, argument in steps:
        async with events_uow() as uow:
            await getattr(repository(uow, kind), method)(argument)
            await uow.commit()

    events = await stored_events(db_engine)
    assert [event.kind for event in events] == [
        CREATED,
        ATTRIBUTES_CHANGED,
        STATE_CHANGED,
        STATE_CHANGED,
        ATTRIBUTES_CHANGED,
        DELETED,
    ]
    assert {(event.source, event.resource_id) for event in events} == {(CATALOG, "x1")}
    # Each carries the resource after the change (before it, for the deletion), exactly as
    # CatalogService returns it.
    carried = [event.unpacked(kind.message) for event in events]
    expected = [original, renamed, retired, both, both, touched]
    assert carried == [kind.to_message(entity) for entity in expected]


async def test_an_import_job_finishing_is_one_state_change(
    events_uow: UnitOfWorkFactory, db_engine: AsyncEngine
) -> None:
    pending = e.import_job(
        "j1",
        state=ImportJobState.NOT_STARTED,
        error_log="",
        records_imported=0,
        completion_time=None,
    )
    running = dataclasses.replace(pending, state=ImportJobState.RUNNING)
    done = dataclasses.replace(
        running, state=ImportJobState.SUCCEEDED, records_imported=12, completion_time=e.at(9)
    )
    moved = dataclasses.replace(done, source_url="file:other.ndjson")
    async with events_uow() as uow:
        await uow.import_jobs.add(pending)
        await uow.commit()
    for job in (running, done, moved):
        async with events_uow() as uow:
            await uow.import_jobs.replace(job)
            await uow.commit()
    async with events_uow() as uow:
        await uow.import_jobs.remove("j1")
        await uow.commit()

    events = await stored_events(db_engine)
    assert [event.kind for event in events] == [
        CREATED,
        STATE_CHANGED,
        STATE_CHANGED,
        ATTRIBUTES_CHANGED,
        DELETED,
    ]
    carried = [event.unpacked(import_pb2.ImportJob) for event in events]
    assert carried == [import_job_to(job) for job in (pending, running, done, moved, moved)]
    assert carried[2].state == import_pb2.IMPORT_JOB_STATE_SUCCEEDED
    assert carried[2].records_imported == 12


async def test_events_are_written_in_the_order_of_the_changes(
    events_uow: UnitOfWorkFactory, db_engine: AsyncEngine
) -> None:
    async with events_uow() as uow:
        await uow.categories.add(e.category("c1"))
        await uow.offerings.add(e.offering("o1", category_ids=("c1",)))
        await uow.categories.replace(e.category("c1", name="Renamed"))
        await uow.offerings.remove("o1")
        await uow.commit()
    events = await stored_events(db_engine)
    assert [(event.kind, event.resource_id) for event in events] == [
        (CREATED, "c1"),
        (CREATED, "o1"),
        (ATTRIBUTES_CHANGED, "c1"),
        (DELETED, "o1"),
    ]


async def test_what_is_not_committed_leaves_no_event(
    events_uow: UnitOfWorkFactory, db_engine: AsyncEngine
) -> None:
    await e.store(events_uow, e.category("c1"))
    async with events_uow() as uow:
        await uow.categories.add(e.category("c2"))
        await uow.categories.replace(e.category("c1", lifecycle_status="Retired"))
        await uow.categories.remove("c1")
        # left without commit: rolled back with the changes
    assert [event.resource_id for event in await stored_events(db_engine)] == ["c1"]


async def test_a_refused_duplicate_leaves_no_event(
    events_uow: UnitOfWorkFactory, db_engine: AsyncEngine
) -> None:
    await e.store(events_uow, e.offering("o1"))
    async with events_uow() as uow:
        await uow.offerings.add(e.offering("o1", name="again"))
        with pytest.raises(EntityAlreadyExists):
            await uow.commit()
    assert [event.kind for event in await stored_events(db_engine)] == [CREATED]


async def test_events_pending_together_keep_the_order_of_the_changes(
    events_uow: UnitOfWorkFactory, db_engine: AsyncEngine
) -> None:
    # Nothing is read in between, so every row is inserted by the one flush of the commit.
    ids = [f"c{(n * 37) % 101:03d}" for n in range(1, 60)]
    async with events_uow() as uow:
        for category_id in ids:
            await uow.categories.add(e.category(category_id))
        await uow.commit()
    assert [event.resource_id for event in await stored_events(db_engine)] == ids


async def test_removing_what_does_not_exist_records_nothing(
    events_uow: UnitOfWorkFactory, db_engine: AsyncEngine
) -> None:
    async with events_uow() as uow:
        await uow.offerings.remove("ghost")
        await uow.commit()
    assert await stored_events(db_engine) == []


async def test_without_the_descriptions_no_event_is_written(
    catalog_uow: UnitOfWorkFactory, db_engine: AsyncEngine
) -> None:
    await e.store(catalog_uow, e.category("c1"))
    async with catalog_uow() as uow:
        await uow.categories.replace(e.category("c1", lifecycle_status="Retired"))
        await uow.categories.remove("c1")
        await uow.commit()
    assert await stored_events(db_engine) == []


async def test_events_carry_the_bound_correlation_id(
    events_uow: UnitOfWorkFactory, db_engine: AsyncEngine
) -> None:
    token = bind_correlation_id("call-42")
    try:
        await e.store(events_uow, e.category("c1"), e.category("c2"))
    finally:
        unbind_correlation_id(token)
    await e.store(events_uow, e.category("c3"), e.category("c4"))  # outside any call
    await e.store(events_uow, e.category("c5"))

    ids = [event.correlation_id for event in await stored_events(db_engine)]
    assert ids[:2] == ["call-42", "call-42"]
    # Outside a call, the events of one transaction share one new id; the next gets another.
    assert ids[2] == ids[3]
    assert len({ids[2], ids[4], "call-42"}) == 3


async def test_a_bulk_import_records_an_event_per_entity(
    events_uow: UnitOfWorkFactory, db_engine: AsyncEngine
) -> None:
    await e.store(events_uow, e.category("c1"), e.offering("o1"))
    records = [
        CatalogRecord(line=1, entity=e.category("c1", name="Renamed")),
        CatalogRecord(line=2, entity=e.category("c2")),
        CatalogRecord(line=3, entity=e.offering("o1", lifecycle_status="Retired")),
        CatalogRecord(line=4, entity=e.offering("o2", category_ids=("c2",))),
    ]

    class Ids:
        def new_id(self) -> str:
            raise AssertionError("every record has an id")

    async with events_uow() as uow:
        await apply_records(uow, records, e.at(30), Ids())
        await uow.commit()

    events = (await stored_events(db_engine))[2:]
    assert sorted((event.resource_id, event.kind) for event in events) == [
        ("c1", ATTRIBUTES_CHANGED),
        ("c2", CREATED),
        ("o1", STATE_CHANGED),
        ("o2", CREATED),
    ]
