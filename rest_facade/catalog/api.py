"""TMF620 Product Catalog Management v5: the document, its base path and its handlers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from connexion import AsyncApp
from connexion.resolver import Resolver

from rest_facade.backend import GrpcBackend
from rest_facade.catalog import gateway, resources
from rest_facade.catalog.handlers import Operation, ResourceHandlers
from rest_facade.documents import UI_WITHOUT_DOCUMENT, serve_document
from rest_facade.validation import NamingParameterValidator

BASE_PATH = "/tmf-api/productCatalogManagement/v5"
DOCUMENT = Path(__file__).resolve().parents[2] / "openapi" / "tmf620-product-catalog-v5.yaml"
HTTP_METHODS = frozenset({"get", "put", "post", "delete", "options", "head", "patch", "trace"})


def load_document() -> dict[str, Any]:
    document = yaml.safe_load(DOCUMENT.read_text(encoding="utf-8"))
    assert isinstance(document, dict)
    return document


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
    return {op_id: op for handlers in handler_sets for op_id, op in handlers.operations().items()}


def add_catalog_api(
    app: AsyncApp, backend: GrpcBackend, *, validate_responses: bool
) -> dict[str, list[str]]:
    """Mounts the API; returns the methods of each path (for 405 `Allow`)."""
    document = load_document()
    by_operation_id = operations(backend)

    def resolve(operation_id: str) -> Operation:
        if operation_id not in by_operation_id:
            raise ValueError(f"no handler for operationId {operation_id!r}")
        return by_operation_id[operation_id]

    app.add_api(
        document,
        base_path=BASE_PATH,
        resolver=Resolver(function_resolver=resolve),
        # Filters are undeclared-by-TMF query parameters: the tmf630 parser refuses unknown
        # ones itself, with a TMF Error naming the parameter.
        strict_validation=False,
        validate_responses=validate_responses,
        pythonic_params=True,
        validator_map={"parameter": NamingParameterValidator},
        swagger_ui_options=UI_WITHOUT_DOCUMENT,
    )
    serve_document(app, BASE_PATH, document)
    return {
        path: [method for method in item if method in HTTP_METHODS]
        for path, item in document["paths"].items()
    }
