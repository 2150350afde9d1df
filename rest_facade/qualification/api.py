"""TMF679 Product Offering Qualification v5: the document, its base path and its handlers."""

from __future__ import annotations

from connexion import AsyncApp

from rest_facade.backend import GrpcBackend
from rest_facade.mounting import OPENAPI_FOLDER, Operation, mount_api
from rest_facade.notification import audiences
from rest_facade.notification.hub import HubHandlers
from rest_facade.qualification.gateway import EligibilityGateway
from rest_facade.qualification.handlers import CheckHandlers
from rest_facade.qualification.query_handlers import QueryHandlers

BASE_PATH = "/tmf-api/productOfferingQualification/v5"
DOCUMENT = OPENAPI_FOLDER / "tmf679-product-offering-qualification-v5.yaml"


def operations(backend: GrpcBackend) -> dict[str, Operation]:
    """operationId -> handler, all sharing the backend's channel."""
    gateway = EligibilityGateway(backend)
    return {
        **CheckHandlers(gateway, BASE_PATH).operations(),
        **QueryHandlers(gateway, BASE_PATH).operations(),
        **HubHandlers(backend, audiences.QUALIFICATION).operations(),
    }


def add_qualification_api(
    app: AsyncApp, backend: GrpcBackend, *, validate_responses: bool
) -> dict[str, list[str]]:
    """Mounts the API; returns the methods of each path (for 405 `Allow`)."""
    return mount_api(
        app, DOCUMENT, BASE_PATH, operations(backend), validate_responses=validate_responses
    )
