"""Serving each API's OpenAPI document as written. Connexion's own route serves the document
with every $ref resolved in place, which cannot be written as JSON once a schema refers to
itself (TMF679's nested qualification items and products do); the document as written keeps
its $refs, which is also what a contract tester wants to read."""

from __future__ import annotations

import copy
import json
from typing import Any

import yaml
from connexion import AsyncApp
from connexion.options import SwaggerUIOptions
from starlette.requests import Request
from starlette.responses import Response

# Connexion's Swagger UI page reads the document from {base}/openapi.json: served here instead.
UI_WITHOUT_DOCUMENT = SwaggerUIOptions(serve_spec=False)


def serve_document(app: AsyncApp, base_path: str, document: dict[str, Any]) -> None:
    """GET {base_path}/openapi.json and /openapi.yaml return `document` with its server set
    to the base path."""
    served = copy.deepcopy(document)
    served["servers"] = [{"url": base_path}]
    # default=str: YAML turns unquoted dates into datetime objects.
    as_json = json.dumps(served, default=str, ensure_ascii=False)
    as_yaml = yaml.safe_dump(json.loads(as_json), sort_keys=False, allow_unicode=True)

    async def openapi_json(_: Request) -> Response:
        return Response(as_json, media_type="application/json")

    async def openapi_yaml(_: Request) -> Response:
        return Response(as_yaml, media_type="text/yaml")

    name = base_path.strip("/").replace("/", "_")
    app.add_url_rule(f"{base_path}/openapi.json", f"{name}_json", openapi_json, methods=["GET"])
    app.add_url_rule(f"{base_path}/openapi.yaml", f"{name}_yaml", openapi_yaml, methods=["GET"])
