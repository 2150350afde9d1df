"""Create, get, update, list and delete every catalog resource over a real gRPC server."""

from __future__ import annotations

from typing import TYPE_CHECKING

import grpc
import pytest
from google.protobuf.field_mask_pb2 import FieldMask

from ordercapture.catalog.v1 import catalog_pb2, price_pb2
from ordercapture.catalog.v1 import catalog_service_pb2 as cs
from ordercapture.type.v1 import money_pb2
from tests.integration.grpc import builders

if TYPE_CHECKING:
    from ordercapture.catalog.v1.catalog_service_pb2_grpc import CatalogServiceAsyncStub


async def test_catalog_life_cycle(stub: CatalogServiceAsyncStub) -> None:
    await stub.CreateCategory(cs.CreateCategoryRequest(category=builders.category("c1")))
    sent = catalog_pb2.Catalog(
        id="retail", name="Retail", catalog_type="retail", category_ids=["c1"]
    )
    created = (await stub.CreateCatalog(cs.CreateCatalogRequest(catalog=sent))).catalog
    assert created.HasField("create_time")
    assert created.HasField("update_time")
    assert (created.name, list(created.category_ids)) == ("Retail", ["c1"])
    assert created.lifecycle_status == "In design"  # the domain's default

    fetched = (await stub.GetCatalog(cs.GetCatalogRequest(id="retail"))).catalog
    assert fetched == created

    change = catalog_pb2.Catalog(id="retail", name="Consumer", catalog_type="ignored")
    updated = (
        await stub.UpdateCatalog(
            cs.UpdateCatalogRequest(catalog=change, update_mask=FieldMask(paths=["name"]))
        )
    ).catalog
    assert (updated.name, updated.catalog_type) == ("Consumer", "retail")
    assert updated.create_time == created.create_time
    assert updated.update_time.ToDatetime() >= created.update_time.ToDatetime()

    listed = await stub.ListCatalogs(cs.ListCatalogsRequest())
    assert (listed.total_size, [c.id for c in listed.catalogs]) == (1, ["retail"])

    await stub.DeleteCatalog(cs.DeleteCatalogRequest(id="retail"))
    with pytest.raises(grpc.aio.AioRpcError) as raised:
        await stub.GetCatalog(cs.GetCatalogRequest(id="retail"))
    assert raised.value.code() == grpc.StatusCode.NOT_FOUND


async def test_category_life_cycle(stub: CatalogServiceAsyncStub) -> None:
    root = (
        await stub.CreateCategory(cs.CreateCategoryRequest(category=builders.category("r")))
    ).category
    child = builders.category("k", parent_id="r")
    assert (
        await stub.CreateCategory(cs.CreateCategoryRequest(category=child))
    ).category.parent_id == "r"
    assert (await stub.GetCategory(cs.GetCategoryRequest(id="r"))).category == root

    moved = catalog_pb2.Category(id="k", parent_id="")
    updated = await stub.UpdateCategory(
        cs.UpdateCategoryRequest(category=moved, update_mask=FieldMask(paths=["parent_id"]))
    )
    assert updated.category.parent_id == ""
    assert updated.category.name == "Category k"

    await stub.DeleteCategory(cs.DeleteCategoryRequest(id="k"))
    listed = await stub.ListCategories(cs.ListCategoriesRequest())
    assert [c.id for c in listed.categories] == ["r"]


async def test_specification_life_cycle(stub: CatalogServiceAsyncStub) -> None:
    sent = builders.specification("s1")
    created = (
        await stub.CreateProductSpecification(
            cs.CreateProductSpecificationRequest(product_specification=sent)
        )
    ).product_specification
    assert list(created.characteristics) == list(sent.characteristics)

    fetched = await stub.GetProductSpecification(cs.GetProductSpecificationRequest(id="s1"))
    assert fetched.product_specification == created

    change = builders.specification("s1")
    del change.characteristics[1]
    change.brand = "Contoso"
    updated = (
        await stub.UpdateProductSpecification(
            cs.UpdateProductSpecificationRequest(
                product_specification=change,
                update_mask=FieldMask(paths=["characteristics", "brand"]),
            )
        )
    ).product_specification
    assert [c.name for c in updated.characteristics] == ["speed"]
    assert updated.brand == "Contoso"

    await stub.DeleteProductSpecification(cs.DeleteProductSpecificationRequest(id="s1"))
    listed = await stub.ListProductSpecifications(cs.ListProductSpecificationsRequest())
    assert listed.total_size == 0


async def test_offering_price_life_cycle(stub: CatalogServiceAsyncStub) -> None:
    created = (
        await stub.CreateOfferingPrice(
            cs.CreateOfferingPriceRequest(offering_price=builders.price("p1", "29.990"))
        )
    ).offering_price
    assert created.amount == money_pb2.Money(currency_code="EUR", amount="29.990")
    assert created.kind == price_pb2.PRICE_KIND_RECURRING

    fetched = await stub.GetOfferingPrice(cs.GetOfferingPriceRequest(id="p1"))
    assert fetched.offering_price == created

    # The mask leaves `kind` alone, so an unset kind in the message is not a change.
    change = price_pb2.OfferingPrice(
        id="p1", amount=money_pb2.Money(currency_code="EUR", amount="19.99")
    )
    updated = (
        await stub.UpdateOfferingPrice(
            cs.UpdateOfferingPriceRequest(
                offering_price=change, update_mask=FieldMask(paths=["amount"])
            )
        )
    ).offering_price
    assert updated.amount.amount == "19.99"
    assert updated.kind == price_pb2.PRICE_KIND_RECURRING
    assert updated.recurring_period == "month"

    await stub.DeleteOfferingPrice(cs.DeleteOfferingPriceRequest(id="p1"))
    assert (await stub.ListOfferingPrices(cs.ListOfferingPricesRequest())).total_size == 0


async def test_offering_life_cycle(stub: CatalogServiceAsyncStub) -> None:
    created = await builders.store_fibre_offering(stub)
    assert (created.specification_id, list(created.price_ids)) == ("s-fibre", ["p-fibre"])
    fetched = await stub.GetOffering(cs.GetOfferingRequest(id="o-fibre"))
    assert fetched.offering == created

    bundle = builders.offering("o-bundle")
    bundle.is_bundle = True
    bundle.bundle_components.add(
        offering_id="o-fibre", min_quantity=1, max_quantity=1, default_quantity=1
    )
    stored = (await stub.CreateOffering(cs.CreateOfferingRequest(offering=bundle))).offering
    assert [c.offering_id for c in stored.bundle_components] == ["o-fibre"]

    retired = builders.offering("o-fibre", lifecycle_status="Retired")
    updated = (
        await stub.UpdateOffering(
            cs.UpdateOfferingRequest(
                offering=retired, update_mask=FieldMask(paths=["lifecycle_status"])
            )
        )
    ).offering
    assert (updated.lifecycle_status, updated.specification_id) == ("Retired", "s-fibre")

    await stub.DeleteOffering(cs.DeleteOfferingRequest(id="o-bundle"))
    await stub.DeleteOffering(cs.DeleteOfferingRequest(id="o-fibre"))
    assert (await stub.ListOfferings(cs.ListOfferingsRequest())).total_size == 0


async def test_an_empty_id_is_chosen_by_the_server(stub: CatalogServiceAsyncStub) -> None:
    created = await stub.CreateCategory(
        cs.CreateCategoryRequest(category=catalog_pb2.Category(name="x"))
    )
    assert created.category.id
    fetched = await stub.GetCategory(cs.GetCategoryRequest(id=created.category.id))
    assert fetched.category.name == "x"
