"""The official TMF622 v5 document, loaded for tests (never copied into the project), and a
validator of live responses against its schemas. Sibling of `official.py` (TMF620), whose
loading and `oneOf` -> `anyOf` handling it reuses."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from tests.contract.official import (
    REPO_ROOT,
    OfficialValidator,
    _load,
    official_file,
)

TMF622_V5 = "TMF622-ProductOrdering-v5.0.0.oas.yaml"
OWN_DOCUMENT = REPO_ROOT / "openapi" / "tmf622-product-ordering-v5.yaml"


def official_path() -> Path:
    """The official document, or a skip (a failure under CI=true) when it is absent."""
    return official_file(TMF622_V5, "TMF622 v5")


def official_document() -> dict[str, Any]:
    return _load(official_path())


def own_document() -> dict[str, Any]:
    return _load(OWN_DOCUMENT)


@cache
def official_validator() -> OfficialValidator:
    return OfficialValidator(official_document())


def problems(method: str, template: str, status: int, body: Any) -> list[str]:
    """What is wrong with a response body according to TMF622 v5; empty when it conforms."""
    return official_validator().check_response(method, template, status, body)
