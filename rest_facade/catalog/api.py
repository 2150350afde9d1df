"""TMF620 Product Catalog Management v5: the document, its base path and its handlers."""

from __future__ import annotations

from typing import Any

from connexion import AsyncApp

from rest_facade.backend import GrpcBackend
from rest_facade.catalog import gateway, resources
from rest_facade.catalog.handlers import Operation, ResourceHandlers
from rest_facade.mounting import OPENAPI_FOLDER, mount_api
from rest_facade.notification import audiences
from rest_facade.notification.hub import HubHandlers

BASE_PATH = "/tmf-api/productCatalogManagement/v5"
DOCUMENT = OPENAPI_FOLDER / "tmf620-product-catalog-v5.yaml"


def operations(backend: GrpcBackend) -> dict[str, Operation]:
    """operationId -> handler for every resource, all sharing the backend's channel."""
    rpc = gateway.CatalogRpc(backend)
    handler_sets: list[ResourceHandlers[Any, Any]] = [
        ResourceHandlers(resources.PRODUCT_CATALOG, gateway.CatalogGateway(rpc), BASE_PATH),
        ResourceHandlers(resources.CATEGORY, gateway.CategoryGateway(rpc), BASE_PATH),
        ResourceHandlers(
            resources.PRODUCT_SPECIFICATION, gateway.ProductSpecificationGateway(rpc), BASE_PATH
        ),
        ResourceHandlers(
            resources.PRODUCT_OFFERING_PRICE, gateway.OfferingPriceGateway(rpc), BASE_PATH
        ),
        ResourceHandlers(resources.PRODUCT_OFFERING, gateway.OfferingGateway(rpc), BASE_PATH),
        ResourceHandlers(resources.IMPORT_JOB, gateway.ImportJobGateway(rpc), BASE_PATH),
    ]
    return {
        **{op_id: op for handlers in handler_sets for op_id, op in handlers.operations().items()},
        **HubHandlers(backend, audiences.CATALOG).operations(),
    }


def add_catalog_api(
    app: AsyncApp, backend: GrpcBackend, *, validate_responses: bool
) -> dict[str, list[str]]:
    """Mounts the API; returns the methods of each path (for 405 `Allow`)."""
    return mount_api(
        app, DOCUMENT, BASE_PATH, operations(backend), validate_responses=validate_responses
    )
