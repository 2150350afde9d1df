"""Mounting one TMF API on the app: its document as written, a resolver from operationId to
handler, and the options every API shares."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import yaml
from connexion import AsyncApp
from connexion.resolver import Resolver

from rest_facade.documents import UI_WITHOUT_DOCUMENT, serve_document
from rest_facade.validation import validator_map

Operation = Callable[..., Any]

OPENAPI_FOLDER = Path(__file__).resolve().parents[1] / "openapi"
# The verbs of a TMF resource's operationIds (`listProductOrder`, `retrieveProductOrder`, ...).
RESOURCE_VERBS = ("list", "retrieve", "create", "patch", "delete")
HTTP_METHODS = frozenset({"get", "put", "post", "delete", "options", "head", "patch", "trace"})


def resource_operations(tmf_type: str, handlers: object) -> dict[str, Operation]:
    """operationId -> handler for one resource: each verb the handlers object has a method
    for (a resource without PATCH or DELETE simply lacks those methods)."""
    return {
        f"{verb}{tmf_type}": getattr(handlers, verb)
        for verb in RESOURCE_VERBS
        if callable(getattr(handlers, verb, None))
    }


def load_document(document_path: Path) -> dict[str, Any]:
    document = yaml.safe_load(document_path.read_text(encoding="utf-8"))
    assert isinstance(document, dict)
    return document


def mount_api(
    app: AsyncApp,
    document_path: Path,
    base_path: str,
    operations: Mapping[str, Operation],
    *,
    validate_responses: bool,
) -> dict[str, list[str]]:
    """Mounts the API; returns the methods of each path (for 405 `Allow`)."""
    document = load_document(document_path)

    def resolve(operation_id: str) -> Operation:
        if operation_id not in operations:
            raise ValueError(f"no handler for operationId {operation_id!r}")
        return operations[operation_id]

    app.add_api(
        document,
        base_path=base_path,
        resolver=Resolver(function_resolver=resolve),
        # Filters are undeclared-by-TMF query parameters: the tmf630 parser refuses unknown
        # ones itself, with a TMF Error naming the parameter.
        strict_validation=False,
        validate_responses=validate_responses,
        pythonic_params=True,
        validator_map=validator_map(),
        swagger_ui_options=UI_WITHOUT_DOCUMENT,
    )
    serve_document(app, base_path, document)
    return {
        path: [method for method in item if method in HTTP_METHODS]
        for path, item in document["paths"].items()
    }
