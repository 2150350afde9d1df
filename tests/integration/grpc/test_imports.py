"""Streamed imports (all or nothing) and background import jobs."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

import grpc
import pytest
from google.protobuf import json_format

from ordercapture.catalog.v1 import catalog_service_pb2 as cs
from ordercapture.catalog.v1 import import_pb2
from servers.catalog.records import parse_catalog_file
from tests.integration.grpc import builders
from tests.integration.grpc.status import failure

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

    from ordercapture.catalog.v1.catalog_service_pb2_grpc import CatalogServiceAsyncStub
    from tests.integration.grpc.conftest import Tier

FINAL = (import_pb2.IMPORT_JOB_STATE_SUCCEEDED, import_pb2.IMPORT_JOB_STATE_FAILED)


def _line(record: import_pb2.CatalogRecord) -> str:
    return json_format.MessageToJson(record, indent=None)


GOOD_FILE = "\n".join(
    [
        "# a small catalog",
        _line(import_pb2.CatalogRecord(category=builders.category("c1"))),
        _line(import_pb2.CatalogRecord(specification=builders.specification("s1"))),
        "",
        _line(import_pb2.CatalogRecord(price=builders.price("p1"))),
        _line(
            import_pb2.CatalogRecord(
                offering=builders.offering(
                    "o1", specification_id="s1", category_ids=("c1",), price_ids=("p1",)
                )
            )
        ),
    ]
)
BAD_FILE = GOOD_FILE.replace('"29.99"', '"twenty"')


def _chunks(records: list[import_pb2.CatalogRecord], size: int) -> list[cs.ImportCatalogRequest]:
    return [
        cs.ImportCatalogRequest(records=records[i : i + size]) for i in range(0, len(records), size)
    ]


async def test_streamed_import_stores_every_record(stub: CatalogServiceAsyncStub) -> None:
    summary = await stub.ImportCatalog(iter(_chunks(parse_catalog_file(GOOD_FILE), 3)))
    assert (summary.records_imported, summary.created, summary.replaced) == (4, 4, 0)
    offering = (await stub.GetOffering(cs.GetOfferingRequest(id="o1"))).offering
    assert list(offering.price_ids) == ["p1"]

    again = await stub.ImportCatalog(iter(_chunks(parse_catalog_file(GOOD_FILE), 2)))
    assert (again.created, again.replaced) == (0, 4)


async def test_streamed_import_from_an_async_generator(stub: CatalogServiceAsyncStub) -> None:
    async def requests() -> AsyncIterator[cs.ImportCatalogRequest]:
        for chunk in _chunks(parse_catalog_file(GOOD_FILE), 1):
            yield chunk

    summary = await stub.ImportCatalog(requests())
    assert summary.records_imported == 4


async def test_a_bad_record_stores_nothing(stub: CatalogServiceAsyncStub) -> None:
    records = parse_catalog_file(BAD_FILE)
    with pytest.raises(grpc.aio.AioRpcError) as raised:
        await stub.ImportCatalog(iter(_chunks(records, 2)))
    found = failure(raised.value)
    assert (found.code, found.reason) == (grpc.StatusCode.INVALID_ARGUMENT, "CATALOG_FILE_INVALID")
    assert found.violations == [("line 5", "amount.amount: 'twenty' is not a decimal number")]
    assert (await stub.ListCategories(cs.ListCategoriesRequest())).total_size == 0


async def test_a_dangling_reference_names_its_line(stub: CatalogServiceAsyncStub) -> None:
    records = [r for r in parse_catalog_file(GOOD_FILE) if r.WhichOneof("entity") != "price"]
    with pytest.raises(grpc.aio.AioRpcError) as raised:
        await stub.ImportCatalog(iter(_chunks(records, 10)))
    found = failure(raised.value)
    assert found.reason == "CATALOG_FILE_INVALID"
    assert [field for field, _ in found.violations] == ["line 6: price_ids[0]"]


async def test_thousands_of_bad_lines_still_give_a_readable_status(
    stub: CatalogServiceAsyncStub,
) -> None:
    empty = [import_pb2.CatalogRecord(line=n) for n in range(1, 5001)]
    with pytest.raises(grpc.aio.AioRpcError) as raised:
        await stub.ImportCatalog(iter(_chunks(empty, 1000)))
    found = failure(raised.value)
    assert found.reason == "CATALOG_FILE_INVALID"
    assert found.violations[0][0] == "line 1"
    assert found.violations[-1] == ("", "... and 4980 more problem(s)")


async def _finished(stub: CatalogServiceAsyncStub, job_id: str) -> import_pb2.ImportJob:
    for _ in range(200):
        job = (await stub.GetImportJob(cs.GetImportJobRequest(id=job_id))).import_job
        if job.state in FINAL:
            return job
        await asyncio.sleep(0.05)
    raise AssertionError(f"import job {job_id} did not finish")


async def _start(stub: CatalogServiceAsyncStub, source_url: str) -> import_pb2.ImportJob:
    request = cs.CreateImportJobRequest(import_job=import_pb2.ImportJob(source_url=source_url))
    return (await stub.CreateImportJob(request)).import_job


async def test_import_job_succeeds(tier: Tier) -> None:
    (tier.import_folder / "catalog.jsonl").write_text(GOOD_FILE, encoding="utf-8")
    started = await _start(tier.stub, "catalog.jsonl")
    assert started.state == import_pb2.IMPORT_JOB_STATE_NOT_STARTED
    assert started.id
    assert started.content_type == "application/x-ndjson"

    job = await _finished(tier.stub, started.id)
    assert (job.state, job.records_imported, job.error_log) == (
        import_pb2.IMPORT_JOB_STATE_SUCCEEDED,
        4,
        "",
    )
    assert job.HasField("completion_time")
    assert (await tier.stub.GetOffering(cs.GetOfferingRequest(id="o1"))).offering.id == "o1"

    listed = await tier.stub.ListImportJobs(
        cs.ListImportJobsRequest(states=[import_pb2.IMPORT_JOB_STATE_SUCCEEDED])
    )
    assert [j.id for j in listed.import_jobs] == [started.id]
    await tier.stub.DeleteImportJob(cs.DeleteImportJobRequest(id=started.id))
    assert (await tier.stub.ListImportJobs(cs.ListImportJobsRequest())).total_size == 0


async def test_import_job_from_a_file_url(tier: Tier) -> None:
    (tier.import_folder / "sub").mkdir()
    (tier.import_folder / "sub" / "my catalog.jsonl").write_text(GOOD_FILE, encoding="utf-8")
    job = await _finished(tier.stub, (await _start(tier.stub, "file:sub/my%20catalog.jsonl")).id)
    assert job.state == import_pb2.IMPORT_JOB_STATE_SUCCEEDED


async def test_import_job_with_a_bad_file_fails_with_an_error_log(tier: Tier) -> None:
    extra = '\n{not json\n{"category": {"id": "c9", "colour": "red"}}'
    (tier.import_folder / "bad.jsonl").write_text(BAD_FILE + extra, encoding="utf-8")
    job = await _finished(tier.stub, (await _start(tier.stub, "bad.jsonl")).id)
    assert job.state == import_pb2.IMPORT_JOB_STATE_FAILED
    assert "line 5: amount.amount" in job.error_log
    assert "line 7: invalid JSON" in job.error_log
    assert "line 8: " in job.error_log
    assert "colour" in job.error_log
    assert (await tier.stub.ListCategories(cs.ListCategoriesRequest())).total_size == 0


@pytest.mark.parametrize(
    "source_url", ["../outside.jsonl", "/etc/passwd", "ftp://example.com/x", "http://127.0.0.1/x"]
)
async def test_import_job_refuses_sources_outside_the_folder(tier: Tier, source_url: str) -> None:
    job = await _finished(tier.stub, (await _start(tier.stub, source_url)).id)
    assert job.state == import_pb2.IMPORT_JOB_STATE_FAILED
    assert job.error_log
    assert str(tier.import_folder) not in job.error_log


async def test_import_job_needs_a_source(stub: CatalogServiceAsyncStub) -> None:
    with pytest.raises(grpc.aio.AioRpcError) as raised:
        await _start(stub, " ")
    assert raised.value.code() == grpc.StatusCode.INVALID_ARGUMENT


async def test_unknown_import_job_is_not_found(stub: CatalogServiceAsyncStub) -> None:
    with pytest.raises(grpc.aio.AioRpcError) as raised:
        await stub.GetImportJob(cs.GetImportJobRequest(id="nope"))
    assert failure(raised.value).reason == "IMPORT_JOB_NOT_FOUND"
