"""The CatalogService gRPC servicer: decode, call the use case, encode. No error handling
here: servers.errors.DomainErrorInterceptor turns every failure into a status."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import TypeAlias

import grpc

from domain.catalog.services import CatalogManagement
from ordercapture.catalog.v1 import catalog_service_pb2 as pb
from ordercapture.catalog.v1 import catalog_service_pb2_grpc
from servers.background import BackgroundTasks
from servers.catalog.mapping.catalogs import catalog_from, catalog_to, category_from, category_to
from servers.catalog.mapping.configuration import configuration_from, violation_to
from servers.catalog.mapping.import_jobs import import_job_to
from servers.catalog.mapping.masks import (
    CATALOG_PATHS,
    CATEGORY_PATHS,
    OFFERING_PATHS,
    PRICE_PATHS,
    SPECIFICATION_PATHS,
    fields_from,
)
from servers.catalog.mapping.offerings import offering_from, offering_to
from servers.catalog.mapping.prices import price_from, price_to
from servers.catalog.mapping.queries import (
    catalog_filter_from,
    category_filter_from,
    import_job_filter_from,
    offering_filter_from,
    page_from,
    price_filter_from,
    specification_filter_from,
)
from servers.catalog.mapping.specifications import specification_from, specification_to
from servers.catalog.records import to_domain_records
from servers.extensions import extension_from

Context: TypeAlias = "grpc.aio.ServicerContext[object, object]"


class CatalogServicer(catalog_service_pb2_grpc.CatalogServiceServicer):
    def __init__(self, catalog: CatalogManagement, jobs: BackgroundTasks) -> None:
        self._catalog = catalog
        self._jobs = jobs  # import jobs run on after CreateImportJob has answered

    async def CreateCatalog(
        self, request: pb.CreateCatalogRequest, context: Context
    ) -> pb.CreateCatalogResponse:
        created = await self._catalog.create_catalog(catalog_from(request.catalog))
        return pb.CreateCatalogResponse(catalog=catalog_to(created))

    async def GetCatalog(
        self, request: pb.GetCatalogRequest, context: Context
    ) -> pb.GetCatalogResponse:
        return pb.GetCatalogResponse(
            catalog=catalog_to(await self._catalog.get_catalog(request.id))
        )

    async def ListCatalogs(
        self, request: pb.ListCatalogsRequest, context: Context
    ) -> pb.ListCatalogsResponse:
        page = await self._catalog.list_catalogs(
            catalog_filter_from(request.filter, request.conditions), page_from(request.page)
        )
        return pb.ListCatalogsResponse(
            catalogs=[catalog_to(e) for e in page.items], total_size=page.total
        )

    async def UpdateCatalog(
        self, request: pb.UpdateCatalogRequest, context: Context
    ) -> pb.UpdateCatalogResponse:
        fields = fields_from(request.update_mask, CATALOG_PATHS)
        updated = await self._catalog.update_catalog(catalog_from(request.catalog), fields)
        return pb.UpdateCatalogResponse(catalog=catalog_to(updated))

    async def DeleteCatalog(
        self, request: pb.DeleteCatalogRequest, context: Context
    ) -> pb.DeleteCatalogResponse:
        await self._catalog.delete_catalog(request.id)
        return pb.DeleteCatalogResponse()

    async def CreateCategory(
        self, request: pb.CreateCategoryRequest, context: Context
    ) -> pb.CreateCategoryResponse:
        created = await self._catalog.create_category(category_from(request.category))
        return pb.CreateCategoryResponse(category=category_to(created))

    async def GetCategory(
        self, request: pb.GetCategoryRequest, context: Context
    ) -> pb.GetCategoryResponse:
        return pb.GetCategoryResponse(
            category=category_to(await self._catalog.get_category(request.id))
        )

    async def ListCategories(
        self, request: pb.ListCategoriesRequest, context: Context
    ) -> pb.ListCategoriesResponse:
        page = await self._catalog.list_categories(
            category_filter_from(request.filter, request.conditions), page_from(request.page)
        )
        return pb.ListCategoriesResponse(
            categories=[category_to(e) for e in page.items], total_size=page.total
        )

    async def UpdateCategory(
        self, request: pb.UpdateCategoryRequest, context: Context
    ) -> pb.UpdateCategoryResponse:
        fields = fields_from(request.update_mask, CATEGORY_PATHS)
        updated = await self._catalog.update_category(category_from(request.category), fields)
        return pb.UpdateCategoryResponse(category=category_to(updated))

    async def DeleteCategory(
        self, request: pb.DeleteCategoryRequest, context: Context
    ) -> pb.DeleteCategoryResponse:
        await self._catalog.delete_category(request.id)
        return pb.DeleteCategoryResponse()

    async def CreateProductSpecification(
        self, request: pb.CreateProductSpecificationRequest, context: Context
    ) -> pb.CreateProductSpecificationResponse:
        created = await self._catalog.create_product_specification(
            specification_from(request.product_specification)
        )
        return pb.CreateProductSpecificationResponse(
            product_specification=specification_to(created)
        )

    async def GetProductSpecification(
        self, request: pb.GetProductSpecificationRequest, context: Context
    ) -> pb.GetProductSpecificationResponse:
        return pb.GetProductSpecificationResponse(
            product_specification=specification_to(
                await self._catalog.get_product_specification(request.id)
            )
        )

    async def ListProductSpecifications(
        self, request: pb.ListProductSpecificationsRequest, context: Context
    ) -> pb.ListProductSpecificationsResponse:
        page = await self._catalog.list_product_specifications(
            specification_filter_from(request.filter, request.conditions), page_from(request.page)
        )
        return pb.ListProductSpecificationsResponse(
            product_specifications=[specification_to(e) for e in page.items], total_size=page.total
        )

    async def UpdateProductSpecification(
        self, request: pb.UpdateProductSpecificationRequest, context: Context
    ) -> pb.UpdateProductSpecificationResponse:
        fields = fields_from(request.update_mask, SPECIFICATION_PATHS)
        updated = await self._catalog.update_product_specification(
            specification_from(request.product_specification), fields
        )
        return pb.UpdateProductSpecificationResponse(
            product_specification=specification_to(updated)
        )

    async def DeleteProductSpecification(
        self, request: pb.DeleteProductSpecificationRequest, context: Context
    ) -> pb.DeleteProductSpecificationResponse:
        await self._catalog.delete_product_specification(request.id)
        return pb.DeleteProductSpecificationResponse()

    async def CreateOfferingPrice(
        self, request: pb.CreateOfferingPriceRequest, context: Context
    ) -> pb.CreateOfferingPriceResponse:
        created = await self._catalog.create_offering_price(price_from(request.offering_price))
        return pb.CreateOfferingPriceResponse(offering_price=price_to(created))

    async def GetOfferingPrice(
        self, request: pb.GetOfferingPriceRequest, context: Context
    ) -> pb.GetOfferingPriceResponse:
        return pb.GetOfferingPriceResponse(
            offering_price=price_to(await self._catalog.get_offering_price(request.id))
        )

    async def ListOfferingPrices(
        self, request: pb.ListOfferingPricesRequest, context: Context
    ) -> pb.ListOfferingPricesResponse:
        page = await self._catalog.list_offering_prices(
            price_filter_from(request.filter, request.conditions), page_from(request.page)
        )
        return pb.ListOfferingPricesResponse(
            offering_prices=[price_to(e) for e in page.items], total_size=page.total
        )

    async def UpdateOfferingPrice(
        self, request: pb.UpdateOfferingPriceRequest, context: Context
    ) -> pb.UpdateOfferingPriceResponse:
        fields = fields_from(request.update_mask, PRICE_PATHS)
        price = price_from(request.offering_price, kind_required=not fields or "kind" in fields)
        updated = await self._catalog.update_offering_price(price, fields)
        return pb.UpdateOfferingPriceResponse(offering_price=price_to(updated))

    async def DeleteOfferingPrice(
        self, request: pb.DeleteOfferingPriceRequest, context: Context
    ) -> pb.DeleteOfferingPriceResponse:
        await self._catalog.delete_offering_price(request.id)
        return pb.DeleteOfferingPriceResponse()

    async def CreateOffering(
        self, request: pb.CreateOfferingRequest, context: Context
    ) -> pb.CreateOfferingResponse:
        created = await self._catalog.create_offering(offering_from(request.offering))
        return pb.CreateOfferingResponse(offering=offering_to(created))

    async def GetOffering(
        self, request: pb.GetOfferingRequest, context: Context
    ) -> pb.GetOfferingResponse:
        return pb.GetOfferingResponse(
            offering=offering_to(await self._catalog.get_offering(request.id))
        )

    async def ListOfferings(
        self, request: pb.ListOfferingsRequest, context: Context
    ) -> pb.ListOfferingsResponse:
        page = await self._catalog.list_offerings(
            offering_filter_from(request.filter, request.conditions), page_from(request.page)
        )
        return pb.ListOfferingsResponse(
            offerings=[offering_to(e) for e in page.items], total_size=page.total
        )

    async def UpdateOffering(
        self, request: pb.UpdateOfferingRequest, context: Context
    ) -> pb.UpdateOfferingResponse:
        fields = fields_from(request.update_mask, OFFERING_PATHS)
        updated = await self._catalog.update_offering(offering_from(request.offering), fields)
        return pb.UpdateOfferingResponse(offering=offering_to(updated))

    async def DeleteOffering(
        self, request: pb.DeleteOfferingRequest, context: Context
    ) -> pb.DeleteOfferingResponse:
        await self._catalog.delete_offering(request.id)
        return pb.DeleteOfferingResponse()

    async def ValidateConfiguration(
        self, request: pb.ValidateConfigurationRequest, context: Context
    ) -> pb.ValidateConfigurationResponse:
        configuration = configuration_from(request.configuration)
        found = await self._catalog.validate_configuration(request.offering_id, configuration)
        return pb.ValidateConfigurationResponse(violations=[violation_to(v) for v in found])

    async def ImportCatalog(
        self, request_iterator: AsyncIterator[pb.ImportCatalogRequest], context: Context
    ) -> pb.ImportCatalogResponse:
        messages = [record async for chunk in request_iterator for record in chunk.records]
        summary = await self._catalog.import_records(to_domain_records(messages))
        return pb.ImportCatalogResponse(
            records_imported=summary.records_imported,
            created=summary.created,
            replaced=summary.replaced,
        )

    async def CreateImportJob(
        self, request: pb.CreateImportJobRequest, context: Context
    ) -> pb.CreateImportJobResponse:
        job = await self._catalog.create_import_job(
            request.import_job.source_url,
            request.import_job.content_type,
            extension_from(request.import_job.extension),
        )
        self._jobs.spawn(self._catalog.run_import_job(job.id), name=f"import-job-{job.id}")
        return pb.CreateImportJobResponse(import_job=import_job_to(job))

    async def GetImportJob(
        self, request: pb.GetImportJobRequest, context: Context
    ) -> pb.GetImportJobResponse:
        return pb.GetImportJobResponse(
            import_job=import_job_to(await self._catalog.get_import_job(request.id))
        )

    async def ListImportJobs(
        self, request: pb.ListImportJobsRequest, context: Context
    ) -> pb.ListImportJobsResponse:
        page = await self._catalog.list_import_jobs(
            import_job_filter_from(request.states, request.conditions), page_from(request.page)
        )
        return pb.ListImportJobsResponse(
            import_jobs=[import_job_to(job) for job in page.items], total_size=page.total
        )

    async def DeleteImportJob(
        self, request: pb.DeleteImportJobRequest, context: Context
    ) -> pb.DeleteImportJobResponse:
        await self._catalog.delete_import_job(request.id)
        return pb.DeleteImportJobResponse()
