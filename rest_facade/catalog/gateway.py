"""CatalogService calls, one typed gateway per resource: the handlers' only way to the tier.

Each method builds the request message, awaits the stub with the facade's deadline and unwraps
the response. gRPC errors propagate to the one error handler (rest_facade.errors).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Generic, Protocol, TypeVar

from google.protobuf.field_mask_pb2 import FieldMask

from ordercapture.catalog.v1 import (
    catalog_pb2,
    catalog_service_pb2,
    catalog_service_pb2_grpc,
    import_pb2,
    offering_pb2,
    price_pb2,
    query_pb2,
    specification_pb2,
)
from ordercapture.type.v1 import condition_pb2
from rest_facade.backend import GrpcBackend

M = TypeVar("M")
F_contra = TypeVar("F_contra", contravariant=True)

cs = catalog_service_pb2
# Conditions on any attribute of the listed message (rest_facade.tmf630.conditions).
Conditions = Sequence[condition_pb2.AttributeCondition]


class Gateway(Protocol, Generic[M, F_contra]):
    async def create(self, entity: M) -> M: ...
    async def get(self, entity_id: str) -> M: ...
    async def list(
        self, query: F_contra, page: query_pb2.Page, conditions: Conditions = ()
    ) -> tuple[Sequence[M], int]: ...
    async def update(self, entity: M, mask: Sequence[str]) -> M: ...
    async def delete(self, entity_id: str) -> None: ...


class CatalogRpc:
    """The CatalogService stub on the backend's current channel, and the call deadline."""

    def __init__(self, backend: GrpcBackend) -> None:
        self._backend = backend
        self._channel: object = None
        self._stub: catalog_service_pb2_grpc.CatalogServiceAsyncStub | None = None

    @property
    def stub(self) -> catalog_service_pb2_grpc.CatalogServiceAsyncStub:
        channel = self._backend.channel
        if self._stub is None or self._channel is not channel:
            self._stub = catalog_service_pb2_grpc.CatalogServiceStub(channel)
            self._channel = channel
        return self._stub

    @property
    def timeout(self) -> float:
        return self._backend.deadline_seconds


class CatalogGateway:
    def __init__(self, rpc: CatalogRpc) -> None:
        self._rpc = rpc

    async def create(self, entity: catalog_pb2.Catalog) -> catalog_pb2.Catalog:
        request = cs.CreateCatalogRequest(catalog=entity)
        return (await self._rpc.stub.CreateCatalog(request, timeout=self._rpc.timeout)).catalog

    async def get(self, entity_id: str) -> catalog_pb2.Catalog:
        request = cs.GetCatalogRequest(id=entity_id)
        return (await self._rpc.stub.GetCatalog(request, timeout=self._rpc.timeout)).catalog

    async def list(
        self, query: catalog_pb2.CatalogFilter, page: query_pb2.Page, conditions: Conditions = ()
    ) -> tuple[Sequence[catalog_pb2.Catalog], int]:
        request = cs.ListCatalogsRequest(filter=query, page=page, conditions=conditions)
        response = await self._rpc.stub.ListCatalogs(request, timeout=self._rpc.timeout)
        return response.catalogs, response.total_size

    async def update(self, entity: catalog_pb2.Catalog, mask: Sequence[str]) -> catalog_pb2.Catalog:
        request = cs.UpdateCatalogRequest(catalog=entity, update_mask=FieldMask(paths=mask))
        return (await self._rpc.stub.UpdateCatalog(request, timeout=self._rpc.timeout)).catalog

    async def delete(self, entity_id: str) -> None:
        request = cs.DeleteCatalogRequest(id=entity_id)
        await self._rpc.stub.DeleteCatalog(request, timeout=self._rpc.timeout)


class CategoryGateway:
    def __init__(self, rpc: CatalogRpc) -> None:
        self._rpc = rpc

    async def create(self, entity: catalog_pb2.Category) -> catalog_pb2.Category:
        request = cs.CreateCategoryRequest(category=entity)
        return (await self._rpc.stub.CreateCategory(request, timeout=self._rpc.timeout)).category

    async def get(self, entity_id: str) -> catalog_pb2.Category:
        request = cs.GetCategoryRequest(id=entity_id)
        return (await self._rpc.stub.GetCategory(request, timeout=self._rpc.timeout)).category

    async def list(
        self, query: catalog_pb2.CategoryFilter, page: query_pb2.Page, conditions: Conditions = ()
    ) -> tuple[Sequence[catalog_pb2.Category], int]:
        request = cs.ListCategoriesRequest(filter=query, page=page, conditions=conditions)
        response = await self._rpc.stub.ListCategories(request, timeout=self._rpc.timeout)
        return response.categories, response.total_size

    async def update(
        self, entity: catalog_pb2.Category, mask: Sequence[str]
    ) -> catalog_pb2.Category:
        request = cs.UpdateCategoryRequest(category=entity, update_mask=FieldMask(paths=mask))
        return (await self._rpc.stub.UpdateCategory(request, timeout=self._rpc.timeout)).category

    async def delete(self, entity_id: str) -> None:
        request = cs.DeleteCategoryRequest(id=entity_id)
        await self._rpc.stub.DeleteCategory(request, timeout=self._rpc.timeout)


Spec = specification_pb2.ProductSpecification


class ProductSpecificationGateway:
    def __init__(self, rpc: CatalogRpc) -> None:
        self._rpc = rpc

    async def create(self, entity: Spec) -> Spec:
        request = cs.CreateProductSpecificationRequest(product_specification=entity)
        call = self._rpc.stub.CreateProductSpecification(request, timeout=self._rpc.timeout)
        return (await call).product_specification

    async def get(self, entity_id: str) -> Spec:
        request = cs.GetProductSpecificationRequest(id=entity_id)
        call = self._rpc.stub.GetProductSpecification(request, timeout=self._rpc.timeout)
        return (await call).product_specification

    async def list(
        self,
        query: specification_pb2.ProductSpecificationFilter,
        page: query_pb2.Page,
        conditions: Conditions = (),
    ) -> tuple[Sequence[Spec], int]:
        request = cs.ListProductSpecificationsRequest(
            filter=query, page=page, conditions=conditions
        )
        response = await self._rpc.stub.ListProductSpecifications(
            request, timeout=self._rpc.timeout
        )
        return response.product_specifications, response.total_size

    async def update(self, entity: Spec, mask: Sequence[str]) -> Spec:
        request = cs.UpdateProductSpecificationRequest(
            product_specification=entity, update_mask=FieldMask(paths=mask)
        )
        call = self._rpc.stub.UpdateProductSpecification(request, timeout=self._rpc.timeout)
        return (await call).product_specification

    async def delete(self, entity_id: str) -> None:
        request = cs.DeleteProductSpecificationRequest(id=entity_id)
        await self._rpc.stub.DeleteProductSpecification(request, timeout=self._rpc.timeout)


class OfferingPriceGateway:
    def __init__(self, rpc: CatalogRpc) -> None:
        self._rpc = rpc

    async def create(self, entity: price_pb2.OfferingPrice) -> price_pb2.OfferingPrice:
        request = cs.CreateOfferingPriceRequest(offering_price=entity)
        call = self._rpc.stub.CreateOfferingPrice(request, timeout=self._rpc.timeout)
        return (await call).offering_price

    async def get(self, entity_id: str) -> price_pb2.OfferingPrice:
        request = cs.GetOfferingPriceRequest(id=entity_id)
        call = self._rpc.stub.GetOfferingPrice(request, timeout=self._rpc.timeout)
        return (await call).offering_price

    async def list(
        self,
        query: price_pb2.OfferingPriceFilter,
        page: query_pb2.Page,
        conditions: Conditions = (),
    ) -> tuple[Sequence[price_pb2.OfferingPrice], int]:
        request = cs.ListOfferingPricesRequest(filter=query, page=page, conditions=conditions)
        response = await self._rpc.stub.ListOfferingPrices(request, timeout=self._rpc.timeout)
        return response.offering_prices, response.total_size

    async def update(
        self, entity: price_pb2.OfferingPrice, mask: Sequence[str]
    ) -> price_pb2.OfferingPrice:
        request = cs.UpdateOfferingPriceRequest(
            offering_price=entity, update_mask=FieldMask(paths=mask)
        )
        call = self._rpc.stub.UpdateOfferingPrice(request, timeout=self._rpc.timeout)
        return (await call).offering_price

    async def delete(self, entity_id: str) -> None:
        request = cs.DeleteOfferingPriceRequest(id=entity_id)
        await self._rpc.stub.DeleteOfferingPrice(request, timeout=self._rpc.timeout)


class OfferingGateway:
    def __init__(self, rpc: CatalogRpc) -> None:
        self._rpc = rpc

    async def create(self, entity: offering_pb2.Offering) -> offering_pb2.Offering:
        request = cs.CreateOfferingRequest(offering=entity)
        return (await self._rpc.stub.CreateOffering(request, timeout=self._rpc.timeout)).offering

    async def get(self, entity_id: str) -> offering_pb2.Offering:
        request = cs.GetOfferingRequest(id=entity_id)
        return (await self._rpc.stub.GetOffering(request, timeout=self._rpc.timeout)).offering

    async def list(
        self, query: offering_pb2.OfferingFilter, page: query_pb2.Page, conditions: Conditions = ()
    ) -> tuple[Sequence[offering_pb2.Offering], int]:
        request = cs.ListOfferingsRequest(filter=query, page=page, conditions=conditions)
        response = await self._rpc.stub.ListOfferings(request, timeout=self._rpc.timeout)
        return response.offerings, response.total_size

    async def update(
        self, entity: offering_pb2.Offering, mask: Sequence[str]
    ) -> offering_pb2.Offering:
        request = cs.UpdateOfferingRequest(offering=entity, update_mask=FieldMask(paths=mask))
        return (await self._rpc.stub.UpdateOffering(request, timeout=self._rpc.timeout)).offering

    async def delete(self, entity_id: str) -> None:
        request = cs.DeleteOfferingRequest(id=entity_id)
        await self._rpc.stub.DeleteOffering(request, timeout=self._rpc.timeout)


class ImportJobGateway:
    """Import jobs are created, read and deleted; they are never updated."""

    def __init__(self, rpc: CatalogRpc) -> None:
        self._rpc = rpc

    async def create(self, entity: import_pb2.ImportJob) -> import_pb2.ImportJob:
        request = cs.CreateImportJobRequest(import_job=entity)
        return (await self._rpc.stub.CreateImportJob(request, timeout=self._rpc.timeout)).import_job

    async def get(self, entity_id: str) -> import_pb2.ImportJob:
        request = cs.GetImportJobRequest(id=entity_id)
        return (await self._rpc.stub.GetImportJob(request, timeout=self._rpc.timeout)).import_job

    async def list(
        self, query: cs.ListImportJobsRequest, page: query_pb2.Page, conditions: Conditions = ()
    ) -> tuple[Sequence[import_pb2.ImportJob], int]:
        request = cs.ListImportJobsRequest(states=query.states, page=page, conditions=conditions)
        response = await self._rpc.stub.ListImportJobs(request, timeout=self._rpc.timeout)
        return response.import_jobs, response.total_size

    async def update(
        self, entity: import_pb2.ImportJob, mask: Sequence[str]
    ) -> import_pb2.ImportJob:
        raise NotImplementedError("import jobs have no update operation")

    async def delete(self, entity_id: str) -> None:
        request = cs.DeleteImportJobRequest(id=entity_id)
        await self._rpc.stub.DeleteImportJob(request, timeout=self._rpc.timeout)
