"""Failures reach the client as the documented status codes with ErrorInfo and BadRequest
details; unexpected exceptions as INTERNAL with nothing of the cause."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import grpc
import pytest
from google.protobuf.field_mask_pb2 import FieldMask
from sqlalchemy.exc import OperationalError

from domain.catalog.services import CatalogManagement
from ordercapture.catalog.v1 import catalog_pb2, query_pb2
from ordercapture.catalog.v1 import catalog_service_pb2 as cs
from tests.integration.grpc import builders
from tests.integration.grpc.status import Failure, failure

if TYPE_CHECKING:
    from collections.abc import Awaitable

    from ordercapture.catalog.v1.catalog_service_pb2_grpc import CatalogServiceAsyncStub

DOMAIN = "ordercapture.catalog"


async def _failure(call: Awaitable[object]) -> Failure:
    with pytest.raises(grpc.aio.AioRpcError) as raised:
        await call
    return failure(raised.value)


async def test_unknown_id_is_not_found(stub: CatalogServiceAsyncStub) -> None:
    found = await _failure(stub.GetOffering(cs.GetOfferingRequest(id="nope")))
    assert (found.code, found.reason, found.domain) == (
        grpc.StatusCode.NOT_FOUND,
        "OFFERING_NOT_FOUND",
        DOMAIN,
    )
    assert found.metadata == {"id": "nope"}


async def test_taken_id_already_exists(stub: CatalogServiceAsyncStub) -> None:
    request = cs.CreateCategoryRequest(category=builders.category("c1"))
    await stub.CreateCategory(request)
    found = await _failure(stub.CreateCategory(request))
    assert (found.code, found.reason) == (grpc.StatusCode.ALREADY_EXISTS, "ENTITY_ALREADY_EXISTS")


async def test_missing_reference_fails_the_precondition(stub: CatalogServiceAsyncStub) -> None:
    offering = builders.offering("o1", specification_id="s-missing", price_ids=("p-missing",))
    found = await _failure(stub.CreateOffering(cs.CreateOfferingRequest(offering=offering)))
    assert (found.code, found.reason) == (
        grpc.StatusCode.FAILED_PRECONDITION,
        "REFERENCED_ENTITY_NOT_FOUND",
    )
    assert {field for field, _ in found.violations} == {"specification_id", "price_ids[0]"}


async def test_deleting_a_referenced_entity_fails_the_precondition(
    stub: CatalogServiceAsyncStub,
) -> None:
    await builders.store_fibre_offering(stub)
    found = await _failure(stub.DeleteOfferingPrice(cs.DeleteOfferingPriceRequest(id="p-fibre")))
    assert (found.code, found.reason) == (
        grpc.StatusCode.FAILED_PRECONDITION,
        "ENTITY_STILL_REFERENCED",
    )
    assert found.violations


async def test_bad_decimal_is_an_invalid_argument_naming_the_field(
    stub: CatalogServiceAsyncStub,
) -> None:
    price = builders.price("p1", amount="12,50")
    found = await _failure(
        stub.CreateOfferingPrice(cs.CreateOfferingPriceRequest(offering_price=price))
    )
    assert (found.code, found.reason) == (grpc.StatusCode.INVALID_ARGUMENT, "INVALID_ENTITY")
    assert [field for field, _ in found.violations] == ["amount.amount"]


async def test_broken_invariant_is_an_invalid_argument_naming_the_field(
    stub: CatalogServiceAsyncStub,
) -> None:
    bundle = builders.offering("o-bundle")
    bundle.is_bundle = True  # ...without components
    found = await _failure(stub.CreateOffering(cs.CreateOfferingRequest(offering=bundle)))
    assert (found.code, found.reason) == (grpc.StatusCode.INVALID_ARGUMENT, "INVALID_ENTITY")
    assert found.violations == [("bundle_components", "a bundle needs at least one component")]
    assert (await stub.ListOfferings(cs.ListOfferingsRequest())).total_size == 0


async def test_unknown_update_mask_path_is_an_invalid_argument(
    stub: CatalogServiceAsyncStub,
) -> None:
    await stub.CreateCategory(cs.CreateCategoryRequest(category=builders.category("c1")))
    request = cs.UpdateCategoryRequest(
        category=catalog_pb2.Category(id="c1"), update_mask=FieldMask(paths=["create_time"])
    )
    found = await _failure(stub.UpdateCategory(request))
    assert found.code == grpc.StatusCode.INVALID_ARGUMENT
    assert [field for field, _ in found.violations] == ["update_mask.paths[0]"]


async def test_oversized_page_is_an_invalid_argument(stub: CatalogServiceAsyncStub) -> None:
    request = cs.ListOfferingsRequest(page=query_pb2.Page(page_size=1001))
    found = await _failure(stub.ListOfferings(request))
    assert found.code == grpc.StatusCode.INVALID_ARGUMENT
    assert [field for field, _ in found.violations] == ["page.page_size"]


async def test_unexpected_exception_is_internal_without_details(
    stub: CatalogServiceAsyncStub,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    async def broken(self: CatalogManagement, catalog_id: str) -> None:
        raise RuntimeError("password=hunter2 at db.internal:5432")

    monkeypatch.setattr(CatalogManagement, "get_catalog", broken)
    with caplog.at_level(logging.ERROR, logger="servers.errors"):
        found = await _failure(stub.GetCatalog(cs.GetCatalogRequest(id="x")))
    assert (found.code, found.message, found.reason) == (
        grpc.StatusCode.INTERNAL,
        "internal error",
        "",
    )
    assert "hunter2" in caplog.text  # the traceback is logged on the server...
    assert "GetCatalog" in caplog.text  # ...naming the method


async def test_a_database_busy_or_down_is_unavailable_for_a_retry(
    stub: CatalogServiceAsyncStub,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    async def locked(self: CatalogManagement, catalog_id: str) -> None:
        raise OperationalError("UPDATE ...", {}, Exception("database is locked"))

    monkeypatch.setattr(CatalogManagement, "get_catalog", locked)
    with caplog.at_level(logging.WARNING, logger="servers.errors"):
        found = await _failure(stub.GetCatalog(cs.GetCatalogRequest(id="x")))
    assert found.code == grpc.StatusCode.UNAVAILABLE
    assert "database is locked" not in found.message
    assert "database is locked" in caplog.text


async def test_streaming_rpc_errors_go_through_the_interceptor_too(
    stub: CatalogServiceAsyncStub,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async def broken(self: CatalogManagement, records: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(CatalogManagement, "import_records", broken)
    call = stub.ImportCatalog(iter([cs.ImportCatalogRequest()]))
    found = await _failure(call)
    assert (found.code, found.message) == (grpc.StatusCode.INTERNAL, "internal error")
