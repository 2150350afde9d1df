"""The official TMF620 v5 document, loaded for tests (never copied into the project).

`oneOf` is rewritten to `anyOf` in memory: v5 polymorphic fields offer near-identical branches
told apart only by `discriminator`, which plain JSON Schema ignores, so valid payloads match
several branches (../shared/tmf/README.md).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft4Validator
from referencing import Registry
from referencing.jsonschema import DRAFT4

REPO_ROOT = Path(__file__).resolve().parents[2]
SPECS_VARIABLE = "TMF_SPECS_DIR"
TMF620_V5 = "TMF620-ProductCatalog-v5.0.0.oas.yaml"
OWN_DOCUMENT = REPO_ROOT / "openapi" / "tmf620-product-catalog-v5.yaml"
BASE_URI = "urn:tmf620-v5"


def specs_dir() -> Path:
    configured = os.environ.get(SPECS_VARIABLE)
    return Path(configured) if configured else REPO_ROOT.parent / "shared" / "tmf" / "specs"


def official_file(file_name: str, api: str) -> Path:
    """An official document in the specs folder, or a skip (a failure under CI=true) when it is
    absent; `api` names it in the message (e.g. "TMF620 v5")."""
    path = specs_dir() / file_name
    if not path.is_file():
        reason = f"official {api} document not found at {path} (set {SPECS_VARIABLE})"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{reason}; CI=true requires the contract tests to run")
        pytest.skip(reason)
    return path


def official_path() -> Path:
    """The official document, or a skip (a failure under CI=true) when it is absent."""
    return official_file(TMF620_V5, "TMF620 v5")


def _any_of(node: Any) -> Any:
    if isinstance(node, dict):
        return {("anyOf" if k == "oneOf" else k): _any_of(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_any_of(item) for item in node]
    return node


@cache
def _load(path: Path) -> dict[str, Any]:
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(document, dict)
    return document


def official_document() -> dict[str, Any]:
    return _load(official_path())


def own_document() -> dict[str, Any]:
    return _load(OWN_DOCUMENT)


def schema_named(document: dict[str, Any], name: str) -> dict[str, Any]:
    schema = document["components"]["schemas"][name]
    assert isinstance(schema, dict)
    return schema


def resolve(document: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = schema_named(document, node["$ref"].rsplit("/", 1)[-1])
    return node


def flattened(document: dict[str, Any], node: dict[str, Any]) -> tuple[dict[str, Any], set[str]]:
    """Properties and required names of a schema, through `$ref` and `allOf`."""
    node = resolve(document, node)
    properties: dict[str, Any] = {}
    required: set[str] = set()
    for part in node.get("allOf", []):
        more, needed = flattened(document, part)
        properties.update(more)
        required |= needed
    properties.update(node.get("properties", {}))
    required |= set(node.get("required", []))
    return properties, required


def json_type(document: dict[str, Any], node: dict[str, Any]) -> str | None:
    """The JSON type a property schema stands for (object for references and compositions)."""
    node = resolve(document, node)
    if "type" in node:
        return str(node["type"])
    if any(key in node for key in ("allOf", "anyOf", "oneOf", "properties")):
        return "object"
    return None


class OfficialValidator:
    """Validates response bodies against the official document's response schemas."""

    def __init__(self, document: dict[str, Any]) -> None:
        self._document = document
        self.paths = list(document["paths"])
        contents = _any_of(document)
        self._registry: Registry[Any] = Registry().with_resource(
            BASE_URI, DRAFT4.create_resource(contents)
        )

    def response_schema(self, method: str, template: str, status: int) -> dict[str, Any] | None:
        """The JSON schema the official document gives this response; the Error schema for
        error statuses or methods it does not list (405s; this product adds 415, 422, 429, 504)."""
        operation = self._document["paths"][template].get(method.lower(), {})
        response = operation.get("responses", {}).get(str(status))
        if response is None:
            return {"$ref": "#/components/schemas/Error"} if status >= 400 else None
        while "$ref" in response:
            response = self._document["components"]["responses"][
                response["$ref"].rsplit("/", 1)[-1]
            ]
        content = response.get("content", {}).get("application/json")
        return None if content is None else dict(content["schema"])

    def check_response(self, method: str, template: str, status: int, body: Any) -> list[str]:
        schema = self.response_schema(method, template, status)
        if schema is None:
            return [] if body in (None, b"", "") else [f"{status} has no body in TMF620 v5"]
        validator = Draft4Validator(
            _rebase(_any_of(schema)),
            registry=self._registry,
            format_checker=Draft4Validator.FORMAT_CHECKER,
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


def template_of(path: str, templates: Iterable[str]) -> str:
    """The path template (e.g. `/category/{id}`) that a concrete path matches."""
    for template in templates:
        pattern = re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(template))
        if re.fullmatch(pattern, path):
            return template
    raise AssertionError(f"{path} matches no path of the document")
