"""The official TMF679 v5 document, loaded for tests (never copied into the project), and a
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

TMF679_V5 = "TMF679-ProductOfferingQualification-v5.0.0.oas.yaml"
OWN_DOCUMENT = REPO_ROOT / "openapi" / "tmf679-product-offering-qualification-v5.yaml"
# TMF679 declares these creates' 202 without a body.
CREATES = frozenset(
    {("post", "/checkProductOfferingQualification"), ("post", "/queryProductOfferingQualification")}
)


def official_path() -> Path:
    """The official document, or a skip (a failure under CI=true) when it is absent."""
    return official_file(TMF679_V5, "TMF679 v5")


def official_document() -> dict[str, Any]:
    return _load(official_path())


def own_document() -> dict[str, Any]:
    return _load(OWN_DOCUMENT)


class Tmf679Validator(OfficialValidator):
    """The TMF620 validator over the TMF679 document, with one addition: TMF679 declares the
    creates' 202 without a body, and this product returns the acknowledged check or query in
    it, so that body is held to the resource's own schema (the one of the 201)."""

    def response_schema(self, method: str, template: str, status: int) -> dict[str, Any] | None:
        if (method.lower(), template) in CREATES and status == 202:
            status = 201
        return super().response_schema(method, template, status)


@cache
def official_validator() -> Tmf679Validator:
    return Tmf679Validator(official_document())


def problems(method: str, template: str, status: int, body: Any) -> list[str]:
    """What is wrong with a response body according to TMF679 v5; empty when it conforms."""
    return official_validator().check_response(method, template, status, body)
