"""Import jobs: created, run to a final state by the file loader, listed and deleted."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import timedelta

import pytest

from domain.catalog import errors
from domain.catalog.model import CatalogRecord, ImportJob, ImportJobState
from domain.catalog.queries import ImportJobFilter, PageRequest
from domain.catalog.services import (
    DEFAULT_IMPORT_CONTENT_TYPE,
    UNEXPECTED_IMPORT_FAILURE,
    CatalogManagement,
)
from domain.shared.errors import FieldViolation
from tests.fakes.catalog import (
    FakeCatalogFileLoader,
    FakeCatalogStore,
    FakeCatalogUnitOfWorkFactory,
    FixedClock,
    SequentialIds,
)
from tests.fakes.catalog_builders import a_category, a_price, an_offering
from tests.unit.catalog.conftest import T0
from tests.unit.catalog.helpers import fields

URL = "file:///imports/catalog.jsonl"
RECORDS = (
    CatalogRecord(1, an_offering("o", price_ids=("p",))),
    CatalogRecord(2, a_price("p")),
    CatalogRecord(3, a_category("cg")),
)


class TestCreate:
    async def test_a_new_job_has_not_started(
        self, service: CatalogManagement, store: FakeCatalogStore
    ) -> None:
        job = await service.create_import_job(URL, "application/json")

        assert job == ImportJob(
            id="gen-1",
            source_url=URL,
            content_type="application/json",
            state=ImportJobState.NOT_STARTED,
            create_time=T0,
        )
        assert store.import_jobs == {"gen-1": job}

    async def test_the_content_type_defaults_to_ndjson(self, service: CatalogManagement) -> None:
        job = await service.create_import_job(URL, "")

        assert job.content_type == DEFAULT_IMPORT_CONTENT_TYPE == "application/x-ndjson"

    @pytest.mark.parametrize("url", ["", "   "])
    async def test_a_job_needs_a_source_url(
        self, service: CatalogManagement, store: FakeCatalogStore, url: str
    ) -> None:
        with pytest.raises(errors.InvalidEntity) as raised:
            await service.create_import_job(url, "")

        assert raised.value.reason == "INVALID_ENTITY"
        assert raised.value.violations == (FieldViolation("source_url", "required"),)
        assert store.import_jobs == {}


class TestRun:
    async def test_a_good_file_succeeds(
        self,
        service: CatalogManagement,
        store: FakeCatalogStore,
        loader: FakeCatalogFileLoader,
        clock: FixedClock,
    ) -> None:
        loader.records = RECORDS
        job = await service.create_import_job(URL, "application/x-ndjson")
        done_at = clock.advance(timedelta(minutes=1))

        finished = await service.run_import_job(job.id)

        assert finished == dataclasses.replace(
            job, state=ImportJobState.SUCCEEDED, records_imported=3, completion_time=done_at
        )
        assert store.import_jobs[job.id] == finished
        assert loader.calls == [(URL, "application/x-ndjson")]
        assert sorted(store.offerings) == ["o"]
        assert store.prices["p"].create_time == done_at

    async def test_a_refused_source_fails_the_job(
        self, service: CatalogManagement, store: FakeCatalogStore, loader: FakeCatalogFileLoader
    ) -> None:
        loader.error = errors.ImportSourceRefused("file:///etc/passwd is outside the import folder")
        job = await service.create_import_job("file:///etc/passwd", "")

        finished = await service.run_import_job(job.id)

        assert finished.state is ImportJobState.FAILED
        assert finished.error_log == "file:///etc/passwd is outside the import folder"
        assert finished.records_imported == 0
        assert finished.completion_time == T0
        assert store.import_jobs[job.id] == finished

    async def test_an_unreadable_file_logs_one_line_per_problem(
        self, service: CatalogManagement, store: FakeCatalogStore, loader: FakeCatalogFileLoader
    ) -> None:
        loader.error = errors.CatalogFileInvalid(
            "the file has 2 problems",
            violations=(
                FieldViolation("line 3", "not JSON"),
                FieldViolation("line 7: name", "a name is required"),
            ),
        )
        job = await service.create_import_job(URL, "")

        finished = await service.run_import_job(job.id)

        assert finished.state is ImportJobState.FAILED
        assert finished.error_log.splitlines() == [
            "the file has 2 problems",
            "line 3: not JSON",
            "line 7: name: a name is required",
        ]
        assert store.import_jobs[job.id] == finished

    async def test_records_the_catalog_refuses_fail_the_job_and_store_nothing(
        self, service: CatalogManagement, store: FakeCatalogStore, loader: FakeCatalogFileLoader
    ) -> None:
        loader.records = (*RECORDS, CatalogRecord(4, an_offering("bad", price_ids=("p-gone",))))
        job = await service.create_import_job(URL, "")

        finished = await service.run_import_job(job.id)

        assert finished.state is ImportJobState.FAILED
        assert finished.error_log.splitlines() == [
            "the catalog file has 1 problem(s); nothing was imported",
            "line 4: price_ids[0]: offering price 'p-gone' does not exist",
        ]
        assert (store.offerings, store.prices, store.categories) == ({}, {}, {})

    async def test_the_job_is_running_while_the_file_loads(
        self, service: CatalogManagement, store: FakeCatalogStore
    ) -> None:
        class WatchingLoader(FakeCatalogFileLoader):
            async def load(self, source_url: str, content_type: str) -> Sequence[CatalogRecord]:
                seen.append(store.import_jobs[job.id].state)
                return RECORDS

        seen: list[ImportJobState] = []
        watched = CatalogManagement(
            FakeCatalogUnitOfWorkFactory(store), FixedClock(T0), SequentialIds(), WatchingLoader()
        )
        job = await watched.create_import_job(URL, "")

        finished = await watched.run_import_job(job.id)

        assert seen == [ImportJobState.RUNNING]
        assert finished.state is ImportJobState.SUCCEEDED

    async def test_an_unexpected_failure_ends_the_job_and_propagates(
        self, uow: FakeCatalogUnitOfWorkFactory, store: FakeCatalogStore, clock: FixedClock
    ) -> None:
        class BrokenLoader:
            async def load(self, source_url: str, content_type: str) -> Sequence[CatalogRecord]:
                raise RuntimeError("disk on fire at /var/lib/secret")

        service = CatalogManagement(uow, clock, SequentialIds(), BrokenLoader())
        job = await service.create_import_job(URL, "")
        done_at = clock.advance(timedelta(seconds=30))

        with pytest.raises(RuntimeError, match="disk on fire"):
            await service.run_import_job(job.id)

        assert store.import_jobs[job.id] == dataclasses.replace(
            job,
            state=ImportJobState.FAILED,
            error_log=UNEXPECTED_IMPORT_FAILURE,
            completion_time=done_at,
        )
        assert "/var/lib" not in UNEXPECTED_IMPORT_FAILURE
        assert store.prices == {}

    async def test_without_a_loader_the_job_fails(
        self,
        uow: FakeCatalogUnitOfWorkFactory,
        clock: FixedClock,
        ids: SequentialIds,
    ) -> None:
        service = CatalogManagement(uow, clock, ids)
        job = await service.create_import_job(URL, "")

        finished = await service.run_import_job(job.id)

        assert finished.state is ImportJobState.FAILED
        assert finished.error_log == "this server does not read import files"
        assert finished.completion_time == T0
        assert uow.store.import_jobs[job.id] == finished

    async def test_an_unknown_job(self, service: CatalogManagement) -> None:
        with pytest.raises(errors.ImportJobNotFound) as raised:
            await service.run_import_job("nope")

        assert raised.value.reason == "IMPORT_JOB_NOT_FOUND"


class TestReadAndDelete:
    async def test_get_returns_the_stored_job(self, service: CatalogManagement) -> None:
        job = await service.create_import_job(URL, "")

        assert await service.get_import_job(job.id) == job

    async def test_list_filters_by_state(
        self, service: CatalogManagement, loader: FakeCatalogFileLoader
    ) -> None:
        loader.records = RECORDS
        ran = await service.create_import_job(URL, "")
        waiting = await service.create_import_job(URL, "")
        await service.run_import_job(ran.id)

        succeeded = await service.list_import_jobs(
            ImportJobFilter(states=(ImportJobState.SUCCEEDED,)), PageRequest()
        )
        every = await service.list_import_jobs(ImportJobFilter(), PageRequest())

        assert [j.id for j in succeeded.items] == [ran.id]
        assert [j.id for j in every.items] == [ran.id, waiting.id]
        assert every.total == 2

    async def test_delete_removes_the_job(
        self, service: CatalogManagement, store: FakeCatalogStore
    ) -> None:
        job = await service.create_import_job(URL, "")

        await service.delete_import_job(job.id)

        assert store.import_jobs == {}
        with pytest.raises(errors.ImportJobNotFound):
            await service.get_import_job(job.id)

    @pytest.mark.parametrize("use_case", ["get_import_job", "delete_import_job"])
    async def test_an_unknown_job_is_not_found(
        self, service: CatalogManagement, use_case: str
    ) -> None:
        with pytest.raises(errors.ImportJobNotFound) as raised:
            await getattr(service, use_case)("nope")

        assert raised.value.reason == "IMPORT_JOB_NOT_FOUND"
        assert raised.value.metadata == {"id": "nope"}
        assert fields(raised.value) == []
