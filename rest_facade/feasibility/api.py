"""TMF645 Service Qualification Management v4: the document, its base path and its handlers."""

from __future__ import annotations

from connexion import AsyncApp

from rest_facade.backend import GrpcBackend
from rest_facade.feasibility.gateway import FeasibilityGateway
from rest_facade.feasibility.handlers import CheckHandlers, QueryHandlers
from rest_facade.mounting import OPENAPI_FOLDER, Operation, mount_api
from rest_facade.notification import audiences
from rest_facade.notification.hub import HubHandlers

BASE_PATH = "/tmf-api/serviceQualificationManagement/v4"
DOCUMENT = OPENAPI_FOLDER / "tmf645-service-qualification-v4.yaml"


def operations(backend: GrpcBackend) -> dict[str, Operation]:
    """operationId -> handler, all sharing the backend's channel."""
    gateway = FeasibilityGateway(backend)
    return {
        **CheckHandlers(gateway, BASE_PATH).operations(),
        **QueryHandlers(gateway, BASE_PATH).operations(),
        **HubHandlers(backend, audiences.FEASIBILITY).operations(),
    }


def add_feasibility_api(
    app: AsyncApp, backend: GrpcBackend, *, validate_responses: bool
) -> dict[str, list[str]]:
    """Mounts the API; returns the methods of each path (for 405 `Allow`)."""
    return mount_api(
        app, DOCUMENT, BASE_PATH, operations(backend), validate_responses=validate_responses
    )
