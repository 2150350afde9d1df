"""The official TMF645 v4.0.0 document (Swagger 2.0), loaded for tests (never copied into the
project), and a validator of response bodies against its definitions.

A sibling of tests/contract/official.py (TMF620 v5, OpenAPI 3): Swagger 2 keeps its schemas in
`definitions` and a response's schema directly under the status.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft4Validator
from referencing import Registry
from referencing.jsonschema import DRAFT4

from tests.contract.official import official_file, template_of

REPO_ROOT = Path(__file__).resolve().parents[2]
TMF645_V4 = "TMF645-ServiceQualification-v4.0.0.swagger.json"
OWN_DOCUMENT = REPO_ROOT / "openapi" / "tmf645-service-qualification-v4.yaml"
BASE_URI = "urn:tmf645-v4"

__all__ = ["Tmf645Validator", "official_tmf645", "template_of"]


def official_path() -> Path:
    """The official document, or a skip (a failure under CI=true) when it is absent."""
    return official_file(TMF645_V4, "TMF645 v4")


@cache
def _load(path: Path) -> dict[str, Any]:
    document = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(document, dict)
    return document


def official_tmf645() -> dict[str, Any]:
    return _load(official_path())


class Tmf645Validator:
    """Validates bodies against the official TMF645 v4 definitions and response schemas."""

    def __init__(self, document: dict[str, Any]) -> None:
        self._document = document
        self.paths = list(document["paths"])
        self._registry: Registry[Any] = Registry().with_resource(
            BASE_URI, DRAFT4.create_resource(document)
        )

    def response_schema(self, method: str, template: str, status: int) -> dict[str, Any] | None:
        """The schema the official document gives this response; `Error` for error statuses it
        does not list (this product adds 415, 422, 429, 501, 503, 504)."""
        operation = self._document["paths"][template].get(method.lower(), {})
        response = operation.get("responses", {}).get(str(status))
        if response is None:
            return {"$ref": "#/definitions/Error"} if status >= 400 else None
        schema = response.get("schema")
        return None if schema is None else dict(schema)

    def check_response(self, method: str, template: str, status: int, body: Any) -> list[str]:
        schema = self.response_schema(method, template, status)
        if schema is None:
            return [] if body in (None, b"", "") else [f"{status} has no body in TMF645 v4"]
        return self.errors(schema, body)

    def check_definition(self, name: str, body: Any) -> list[str]:
        return self.errors({"$ref": f"#/definitions/{name}"}, body)

    def errors(self, schema: dict[str, Any], body: Any) -> list[str]:
        validator = Draft4Validator(
            _rebase(schema), registry=self._registry, format_checker=Draft4Validator.FORMAT_CHECKER
        )
        return [
            f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
            for e in validator.iter_errors(body)
        ]


def _rebase(node: Any) -> Any:
    """Points local references of a fragment at the registered official document."""
    if isinstance(node, dict):
        return {
            k: (
                f"{BASE_URI}{v}"
                if k == "$ref" and isinstance(v, str) and v.startswith("#")
                else _rebase(v)
            )
            for k, v in node.items()
        }
    if isinstance(node, list):
        return [_rebase(item) for item in node]
    return node
