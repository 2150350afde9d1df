"""TMF622 Product Ordering Management v5: the document, its base path and its handlers."""

from __future__ import annotations

from connexion import AsyncApp

from rest_facade.backend import GrpcBackend
from rest_facade.mounting import OPENAPI_FOLDER, Operation, mount_api
from rest_facade.notification import audiences
from rest_facade.notification.hub import HubHandlers
from rest_facade.ordering.gateway import OrderingGateway
from rest_facade.ordering.handlers import CancellationHandlers, OrderHandlers

BASE_PATH = "/tmf-api/productOrderingManagement/v5"
DOCUMENT = OPENAPI_FOLDER / "tmf622-product-ordering-v5.yaml"


def operations(backend: GrpcBackend) -> dict[str, Operation]:
    """operationId -> handler, all sharing the backend's channel."""
    gateway = OrderingGateway(backend)
    return {
        **OrderHandlers(gateway, BASE_PATH).operations(),
        **CancellationHandlers(gateway, BASE_PATH).operations(),
        **HubHandlers(backend, audiences.ORDERING).operations(),
    }


def add_ordering_api(
    app: AsyncApp, backend: GrpcBackend, *, validate_responses: bool
) -> dict[str, list[str]]:
    """Mounts the API; returns the methods of each path (for 405 `Allow`)."""
    return mount_api(
        app, DOCUMENT, BASE_PATH, operations(backend), validate_responses=validate_responses
    )
