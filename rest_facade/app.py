"""The REST facade application: Connexion 3 AsyncApp serving the TMF APIs over gRPC.

Run it with uvicorn, e.g. `uvicorn --factory rest_facade.app:app_from_environment`, or call
`create_app(target)` and hand the result to `uvicorn.run`.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import AsyncIterator
from typing import Any

from connexion import AsyncApp
from connexion.middleware import MiddlewarePosition

from rest_facade import errors
from rest_facade.backend import DEFAULT_DEADLINE_SECONDS, GrpcBackend
from rest_facade.catalog.api import BASE_PATH as CATALOG_BASE_PATH
from rest_facade.catalog.api import add_catalog_api
from rest_facade.content_negotiation import ContentNegotiationMiddleware
from rest_facade.correlation import CorrelationMiddleware
from rest_facade.feasibility.api import BASE_PATH as SQ_BASE_PATH
from rest_facade.feasibility.api import add_feasibility_api as add_sq_api
from rest_facade.ordering.api import BASE_PATH as ORDERING_BASE_PATH
from rest_facade.ordering.api import add_ordering_api
from rest_facade.qualification.api import BASE_PATH as POQ_BASE_PATH
from rest_facade.qualification.api import add_qualification_api as add_poq_api

DEFAULT_GRPC_TARGET = "127.0.0.1:50051"


def create_app(
    grpc_target: str,
    *,
    validate_responses: bool = False,
    deadline_seconds: float = DEFAULT_DEADLINE_SECONDS,
) -> AsyncApp:
    """The facade in front of the gRPC tier at `grpc_target` (host:port).

    The channel opens when the app starts serving (lifespan) and closes at shutdown.
    `validate_responses` checks every response body against the documents (tests turn it on).
    """
    backend = GrpcBackend(grpc_target, deadline_seconds)

    @contextlib.asynccontextmanager
    async def lifespan(_: Any) -> AsyncIterator[None]:
        backend.open()
        try:
            yield
        finally:
            await backend.close()

    # PATCH accepts two media types; Connexion logs a warning for that on every request.
    logging.getLogger("connexion.operations.openapi3").setLevel(logging.ERROR)

    app = AsyncApp(__name__, lifespan=lifespan)
    allow_index = errors.AllowIndex()
    paths = add_catalog_api(app, backend, validate_responses=validate_responses)
    allow_index.add(CATALOG_BASE_PATH, paths)
    allow_index.add(POQ_BASE_PATH, add_poq_api(app, backend, validate_responses=validate_responses))
    allow_index.add(SQ_BASE_PATH, add_sq_api(app, backend, validate_responses=validate_responses))
    allow_index.add(
        ORDERING_BASE_PATH, add_ordering_api(app, backend, validate_responses=validate_responses)
    )
    # Outside the exception handling, so every TMF response carries X-Correlation-ID.
    app.add_middleware(CorrelationMiddleware, position=MiddlewarePosition.BEFORE_EXCEPTION)
    # Inside the exception handling, before routing: a 406 is a TMF Error and no handler runs.
    app.add_middleware(ContentNegotiationMiddleware, position=MiddlewarePosition.BEFORE_SWAGGER)
    for exception_type, handler in errors.handlers(allow_index):
        app.add_error_handler(exception_type, handler)
    return app


def app_from_environment() -> AsyncApp:
    """uvicorn factory: the gRPC target comes from ORDERCAPTURE_GRPC_TARGET."""
    return create_app(os.environ.get("ORDERCAPTURE_GRPC_TARGET", DEFAULT_GRPC_TARGET))
