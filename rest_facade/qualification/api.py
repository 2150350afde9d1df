"""TMF679 Product Offering Qualification v5: the document, its base path and its handlers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from connexion import AsyncApp
from connexion.resolver import Resolver

from rest_facade.backend import GrpcBackend
from rest_facade.documents import UI_WITHOUT_DOCUMENT, serve_document
from rest_facade.qualification.gateway import EligibilityGateway
from rest_facade.qualification.handlers import CheckHandlers, Operation
from rest_facade.qualification.query_handlers import QueryHandlers
from rest_facade.validation import NamingParameterValidator

BASE_PATH = "/tmf-api/productOfferingQualification/v5"
DOCUMENT = (
    Path(__file__).resolve().parents[2]
    / "openapi"
    / "tmf679-product-offering-qualification-v5.yaml"
)
HTTP_METHODS = frozenset({"get", "put", "post", "delete", "options", "head", "patch", "trace"})


def load_document() -> dict[str, Any]:
    document = yaml.safe_load(DOCUMENT.read_text(encoding="utf-8"))
    assert isinstance(document, dict)
    return document


def operations(backend: GrpcBackend) -> dict[str, Operation]:
    """operationId -> handler, all sharing the backend's channel."""
    gateway = EligibilityGateway(backend)
    return {
        **CheckHandlers(gateway, BASE_PATH).operations(),
        **QueryHandlers(gateway, BASE_PATH).operations(),
    }


def add_qualification_api(
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
