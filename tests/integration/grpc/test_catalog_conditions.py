"""Attribute conditions on the catalog's List calls: evaluated by the server in its database,
AND-ed with the typed filters and with each other, counted in total_size; a bad one refused
with INVALID_ARGUMENT naming it."""

from __future__ import annotations

from typing import TYPE_CHECKING

import grpc
import pytest

from ordercapture.catalog.v1 import catalog_service_pb2 as cs
from ordercapture.catalog.v1 import offering_pb2, query_pb2
from ordercapture.type.v1 import condition_pb2
from tests.integration.grpc import builders
from tests.integration.grpc.status import failure

if TYPE_CHECKING:
    from ordercapture.catalog.v1.catalog_service_pb2_grpc import CatalogServiceAsyncStub

C = condition_pb2


def _condition(
    path: str, comparison: condition_pb2.Comparison.ValueType, *values: str
) -> condition_pb2.AttributeCondition:
    return C.AttributeCondition(path=path, comparison=comparison, values=values)


@pytest.fixture
async def offerings(stub: CatalogServiceAsyncStub) -> None:
    """o1..o4 named d..a; o1 and o3 in c1, o2 and o4 in c2; o4 retired."""
    for category_id in ("c1", "c2"):
        await stub.CreateCategory(cs.CreateCategoryRequest(category=builders.category(category_id)))
    for number, name in zip(range(1, 5), "dcba", strict=True):
        offering = builders.offering(
            f"o{number}",
            name=name,
            lifecycle_status="Retired" if number == 4 else "Active",
            category_ids=("c1",) if number % 2 else ("c2",),
        )
        await stub.CreateOffering(cs.CreateOfferingRequest(offering=offering))


async def _ids(stub: CatalogServiceAsyncStub, request: cs.ListOfferingsRequest) -> list[str]:
    listed = await stub.ListOfferings(request)
    ids = [o.id for o in listed.offerings]
    assert listed.total_size == len(ids)
    return ids


@pytest.mark.usefixtures("offerings")
async def test_conditions_and_typed_filters_all_hold(stub: CatalogServiceAsyncStub) -> None:
    request = cs.ListOfferingsRequest(
        filter=offering_pb2.OfferingFilter(common=query_pb2.EntityFilter(ids=["o1", "o2", "o4"])),
        conditions=[
            _condition("category_ids", C.COMPARISON_EQUAL, "c2"),
            _condition("lifecycle_status", C.COMPARISON_NOT_EQUAL, "Retired"),
        ],
    )
    assert await _ids(stub, request) == ["o2"]
    regex = _condition("name", C.COMPARISON_MATCHES, "^[ab]$")
    assert await _ids(stub, cs.ListOfferingsRequest(conditions=[regex])) == ["o3", "o4"]


@pytest.mark.usefixtures("offerings")
async def test_a_bad_condition_is_invalid_argument_naming_it(
    stub: CatalogServiceAsyncStub,
) -> None:
    request = cs.ListOfferingsRequest(
        conditions=[
            _condition("name", C.COMPARISON_EQUAL, "a"),
            _condition("update_time", C.COMPARISON_GREATER, "yesterday"),
        ]
    )
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await stub.ListOfferings(request)
    found = failure(caught.value)
    assert found.code == grpc.StatusCode.INVALID_ARGUMENT
    assert found.reason == "INVALID_CONDITION"
    assert [field for field, _ in found.violations] == ["conditions[1]"]


async def test_every_list_call_takes_conditions(stub: CatalogServiceAsyncStub) -> None:
    unknown = [_condition("no_such_field", C.COMPARISON_EQUAL, "x")]
    requests = [
        (stub.ListCatalogs, cs.ListCatalogsRequest(conditions=unknown)),
        (stub.ListCategories, cs.ListCategoriesRequest(conditions=unknown)),
        (stub.ListProductSpecifications, cs.ListProductSpecificationsRequest(conditions=unknown)),
        (stub.ListOfferingPrices, cs.ListOfferingPricesRequest(conditions=unknown)),
        (stub.ListOfferings, cs.ListOfferingsRequest(conditions=unknown)),
        (stub.ListImportJobs, cs.ListImportJobsRequest(conditions=unknown)),
    ]
    for call, request in requests:
        with pytest.raises(grpc.aio.AioRpcError) as caught:
            await call(request)  # type: ignore[operator]
        assert failure(caught.value).reason == "INVALID_CONDITION"
