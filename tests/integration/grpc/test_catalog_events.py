"""Every change the CatalogService makes writes its events (source catalog) to the outbox in
the transaction of the change, carrying the resource exactly as the service returns it and the
caller's correlation id; a refused change writes none. Streamed imports and import jobs go
through the same repositories, so they record their events too."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

import grpc
import pytest
from google.protobuf import json_format
from google.protobuf.field_mask_pb2 import FieldMask
from google.protobuf.message import Message
from sqlalchemy.ext.asyncio import AsyncEngine

from ordercapture.catalog.v1 import (
    catalog_pb2,
    import_pb2,
    offering_pb2,
    price_pb2,
    specification_pb2,
)
from ordercapture.catalog.v1 import catalog_service_pb2 as cs
from servers.catalog.records import parse_catalog_file
from servers.persistence.database import create_engine
from servers.settings import Settings
from tests.integration.grpc import builders
from tests.integration.grpc.status import failure
from tests.integration.outbox_reading import (
    ATTRIBUTES_CHANGED,
    CATALOG,
    CREATED,
    DELETED,
    STATE_CHANGED,
    Recorded,
    recorded_events,
)

if TYPE_CHECKING:
    from ordercapture.catalog.v1.catalog_service_pb2_grpc import CatalogServiceAsyncStub
    from tests.integration.grpc.conftest import Tier

M = TypeVar("M", bound=Message)

FINAL = (import_pb2.IMPORT_JOB_STATE_SUCCEEDED, import_pb2.IMPORT_JOB_STATE_FAILED)


def correlated(correlation_id: str) -> tuple[tuple[str, str], ...]:
    return (("x-correlation-id", correlation_id),)


@pytest.fixture
async def engine(settings: Settings) -> AsyncIterator[AsyncEngine]:
    """An engine on the tier's own database (the `tier` fixture uses the same settings)."""
    found = create_engine(settings.database_url)
    yield found
    await found.dispose()


async def stored_events(engine: AsyncEngine) -> list[Recorded]:
    return await recorded_events(engine)


def fields(message: Message) -> dict[str, Any]:
    return {field.name: value for field, value in message.ListFields()}


@dataclass(frozen=True)
class Resource:
    """A catalog resource as the service names it: `Create<rpc>`, `<field>` in the requests
    and responses."""

    rpc: str
    field: str
    message: type[Message]
    build: Any

    async def create(self, stub: Any, sent: Message, correlation_id: str) -> Message:
        request = getattr(cs, f"Create{self.rpc}Request")(**{self.field: sent})
        response = await getattr(stub, f"Create{self.rpc}")(
            request, metadata=correlated(correlation_id)
        )
        created: Message = getattr(response, self.field)
        return created

    async def update(
        self, stub: Any, change: Message, paths: list[str], correlation_id: str
    ) -> Message:
        request = getattr(cs, f"Update{self.rpc}Request")(
            **{self.field: change, "update_mask": FieldMask(paths=paths)}
        )
        response = await getattr(stub, f"Update{self.rpc}")(
            request, metadata=correlated(correlation_id)
        )
        updated: Message = getattr(response, self.field)
        return updated

    async def delete(self, stub: Any, resource_id: str, correlation_id: str) -> None:
        request = getattr(cs, f"Delete{self.rpc}Request")(id=resource_id)
        await getattr(stub, f"Delete{self.rpc}")(request, metadata=correlated(correlation_id))


RESOURCES = [
    pytest.param(
        Resource(
            "Catalog",
            "catalog",
            catalog_pb2.Catalog,
            lambda i: catalog_pb2.Catalog(id=i, name="Retail", catalog_type="retail"),
        ),
        id="catalog",
    ),
    pytest.param(
        Resource("Category", "category", catalog_pb2.Category, builders.category), id="category"
    ),
    pytest.param(
        Resource(
            "ProductSpecification",
            "product_specification",
            specification_pb2.ProductSpecification,
            builders.specification,
        ),
        id="specification",
    ),
    pytest.param(
        Resource("OfferingPrice", "offering_price", price_pb2.OfferingPrice, builders.price),
        id="price",
    ),
    pytest.param(
        Resource("Offering", "offering", offering_pb2.Offering, builders.offering),
        id="offering",
    ),
]


@pytest.mark.parametrize("resource", RESOURCES)
async def test_create_update_and_delete_each_record_their_event(
    resource: Resource, stub: CatalogServiceAsyncStub, engine: AsyncEngine
) -> None:
    created = await resource.create(stub, resource.build("r1"), "corr-create")
    renamed = await resource.update(
        stub, resource.message(id="r1", name="Renamed"), ["name"], "corr-rename"
    )
    retired = await resource.update(
        stub,
        resource.message(id="r1", lifecycle_status="Retired"),
        ["lifecycle_status"],
        "corr-retire",
    )
    await resource.delete(stub, "r1", "corr-delete")

    events = await stored_events(engine)
    assert [(e.source, e.kind, e.resource_id, e.correlation_id) for e in events] == [
        (CATALOG, CREATED, "r1", "corr-create"),
        (CATALOG, ATTRIBUTES_CHANGED, "r1", "corr-rename"),
        (CATALOG, STATE_CHANGED, "r1", "corr-retire"),
        (CATALOG, DELETED, "r1", "corr-delete"),
    ]
    # The resource after each change (before the deletion), as the service returned it.
    carried = [event.unpacked(resource.message) for event in events]
    assert carried == [created, renamed, retired, retired]
    assert fields(carried[1])["name"] == "Renamed"
    assert fields(carried[2])["lifecycle_status"] == "Retired"


async def test_calls_without_a_correlation_id_each_store_one_of_their_own(
    stub: CatalogServiceAsyncStub, engine: AsyncEngine
) -> None:
    for category_id in ("c1", "c2"):
        request = cs.CreateCategoryRequest(category=builders.category(category_id))
        await stub.CreateCategory(request)
    first, second = (event.correlation_id for event in await stored_events(engine))
    assert first
    assert second
    assert first != second


async def test_an_update_that_changes_nothing_records_nothing(
    stub: CatalogServiceAsyncStub, engine: AsyncEngine
) -> None:
    await stub.CreateCategory(cs.CreateCategoryRequest(category=builders.category("c1")))
    same = catalog_pb2.Category(id="c1", name="Category c1")
    await stub.UpdateCategory(
        cs.UpdateCategoryRequest(category=same, update_mask=FieldMask(paths=["name"]))
    )
    assert [event.kind for event in await stored_events(engine)] == [CREATED]


async def test_refused_changes_record_nothing(
    stub: CatalogServiceAsyncStub, engine: AsyncEngine
) -> None:
    await builders.store_fibre_offering(stub)
    before = await stored_events(engine)
    assert [(event.kind, event.resource_id) for event in before] == [
        (CREATED, "c-fibre"),
        (CREATED, "s-fibre"),
        (CREATED, "p-fibre"),
        (CREATED, "o-fibre"),
    ]

    refusals: list[Callable[[], Awaitable[Any]]] = [
        # still referenced by the offering
        lambda: stub.DeleteCategory(
            cs.DeleteCategoryRequest(id="c-fibre"), metadata=correlated("x")
        ),
        # the id is taken
        lambda: stub.CreateCategory(
            cs.CreateCategoryRequest(category=builders.category("c-fibre")),
            metadata=correlated("x"),
        ),
        # a reference to nothing
        lambda: stub.UpdateOffering(
            cs.UpdateOfferingRequest(
                offering=offering_pb2.Offering(id="o-fibre", category_ids=["nowhere"]),
                update_mask=FieldMask(paths=["category_ids"]),
            ),
            metadata=correlated("x"),
        ),
        # not a decimal amount
        lambda: stub.CreateOfferingPrice(
            cs.CreateOfferingPriceRequest(offering_price=builders.price("p2", "twenty")),
            metadata=correlated("x"),
        ),
        # an attribute that cannot be changed
        lambda: stub.UpdateOfferingPrice(
            cs.UpdateOfferingPriceRequest(
                offering_price=price_pb2.OfferingPrice(id="p-fibre", name="x"),
                update_mask=FieldMask(paths=["create_time"]),
            ),
            metadata=correlated("x"),
        ),
    ]
    codes = []
    for refused in refusals:
        with pytest.raises(grpc.aio.AioRpcError) as raised:
            await refused()
        codes.append(raised.value.code())
    assert codes == [
        grpc.StatusCode.FAILED_PRECONDITION,
        grpc.StatusCode.ALREADY_EXISTS,
        grpc.StatusCode.FAILED_PRECONDITION,
        grpc.StatusCode.INVALID_ARGUMENT,
        grpc.StatusCode.INVALID_ARGUMENT,
    ]
    assert await stored_events(engine) == before


def _line(record: import_pb2.CatalogRecord) -> str:
    return json_format.MessageToJson(record, indent=None)


def catalog_file(*, offering_name: str = "", price_status: str = "") -> str:
    price = builders.price("p1")
    if price_status:
        price.lifecycle_status = price_status
    offering = builders.offering(
        "o1",
        specification_id="s1",
        category_ids=("c1",),
        price_ids=("p1",),
        name=offering_name,
    )
    return "\n".join(
        _line(record)
        for record in (
            import_pb2.CatalogRecord(category=builders.category("c1")),
            import_pb2.CatalogRecord(specification=builders.specification("s1")),
            import_pb2.CatalogRecord(price=price),
            import_pb2.CatalogRecord(offering=offering),
        )
    )


async def test_a_streamed_import_records_each_entity_it_creates_or_changes(
    stub: CatalogServiceAsyncStub, engine: AsyncEngine
) -> None:
    first = parse_catalog_file(catalog_file())
    await stub.ImportCatalog(
        iter([cs.ImportCatalogRequest(records=first)]), metadata=correlated("imp-1")
    )
    second = parse_catalog_file(catalog_file(offering_name="Fibre max", price_status="Retired"))
    summary = await stub.ImportCatalog(
        iter([cs.ImportCatalogRequest(records=second)]), metadata=correlated("imp-2")
    )
    assert summary.replaced == 4

    events = await stored_events(engine)
    assert [(e.kind, e.resource_id, e.correlation_id) for e in events] == [
        (CREATED, "c1", "imp-1"),
        (CREATED, "s1", "imp-1"),
        (CREATED, "p1", "imp-1"),
        (CREATED, "o1", "imp-1"),
        # replaced without a change (c1, s1): nothing to report
        (STATE_CHANGED, "p1", "imp-2"),
        (ATTRIBUTES_CHANGED, "o1", "imp-2"),
    ]
    stored_offering = (await stub.GetOffering(cs.GetOfferingRequest(id="o1"))).offering
    assert events[-1].unpacked(offering_pb2.Offering) == stored_offering
    stored_price = (await stub.GetOfferingPrice(cs.GetOfferingPriceRequest(id="p1"))).offering_price
    assert events[-2].unpacked(price_pb2.OfferingPrice) == stored_price


async def test_a_refused_import_records_nothing(
    stub: CatalogServiceAsyncStub, engine: AsyncEngine
) -> None:
    records = parse_catalog_file(catalog_file().replace('"29.99"', '"twenty"'))
    with pytest.raises(grpc.aio.AioRpcError) as raised:
        await stub.ImportCatalog(iter([cs.ImportCatalogRequest(records=records)]))
    assert failure(raised.value).reason == "CATALOG_FILE_INVALID"
    assert await stored_events(engine) == []


async def _finished(stub: CatalogServiceAsyncStub, job_id: str) -> import_pb2.ImportJob:
    for _ in range(200):
        job = (await stub.GetImportJob(cs.GetImportJobRequest(id=job_id))).import_job
        if job.state in FINAL:
            return job
        await asyncio.sleep(0.05)
    raise AssertionError(f"import job {job_id} did not finish")


async def _start(tier: Tier, source_url: str, correlation_id: str) -> import_pb2.ImportJob:
    request = cs.CreateImportJobRequest(import_job=import_pb2.ImportJob(source_url=source_url))
    response = await tier.stub.CreateImportJob(request, metadata=correlated(correlation_id))
    return response.import_job


async def test_an_import_job_records_its_creation_its_state_changes_and_its_records(
    tier: Tier, engine: AsyncEngine
) -> None:
    (tier.import_folder / "catalog.jsonl").write_text(catalog_file(), encoding="utf-8")
    started = await _start(tier, "catalog.jsonl", "job-1")
    finished = await _finished(tier.stub, started.id)
    assert finished.state == import_pb2.IMPORT_JOB_STATE_SUCCEEDED

    events = await stored_events(engine)
    # The background job still carries the correlation id of the call that started it.
    assert {(e.source, e.correlation_id) for e in events} == {(CATALOG, "job-1")}
    assert [(e.kind, e.resource_id) for e in events] == [
        (CREATED, started.id),
        (STATE_CHANGED, started.id),
        (CREATED, "c1"),
        (CREATED, "s1"),
        (CREATED, "p1"),
        (CREATED, "o1"),
        (STATE_CHANGED, started.id),
    ]
    jobs = [e.unpacked(import_pb2.ImportJob) for e in events if e.resource_id == started.id]
    assert jobs[0] == started
    assert jobs[1].state == import_pb2.IMPORT_JOB_STATE_RUNNING
    assert jobs[2] == finished

    await tier.stub.DeleteImportJob(cs.DeleteImportJobRequest(id=started.id))
    last = (await stored_events(engine))[-1]
    assert (last.kind, last.resource_id) == (DELETED, started.id)
    assert last.unpacked(import_pb2.ImportJob) == finished


async def test_a_failed_import_job_records_only_its_own_state_changes(
    tier: Tier, engine: AsyncEngine
) -> None:
    bad = catalog_file().replace('"29.99"', '"twenty"')
    (tier.import_folder / "bad.jsonl").write_text(bad, encoding="utf-8")
    started = await _start(tier, "bad.jsonl", "job-2")
    finished = await _finished(tier.stub, started.id)
    assert finished.state == import_pb2.IMPORT_JOB_STATE_FAILED

    events = await stored_events(engine)
    assert [(e.kind, e.resource_id, e.correlation_id) for e in events] == [
        (CREATED, started.id, "job-2"),
        (STATE_CHANGED, started.id, "job-2"),
        (STATE_CHANGED, started.id, "job-2"),
    ]
    assert events[-1].unpacked(import_pb2.ImportJob) == finished
    assert "twenty" in finished.error_log
