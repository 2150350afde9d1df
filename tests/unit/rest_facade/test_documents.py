"""Each API serves its OpenAPI document as written ($refs kept, so self-referring schemas such
as TMF679's nested items can be served) and its Swagger UI page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from starlette.testclient import TestClient

from rest_facade.app import create_app

OPENAPI = Path(__file__).resolve().parents[3] / "openapi"
APIS = [
    ("/tmf-api/productCatalogManagement/v5", "tmf620-product-catalog-v5.yaml"),
    ("/tmf-api/productOfferingQualification/v5", "tmf679-product-offering-qualification-v5.yaml"),
    ("/tmf-api/serviceQualificationManagement/v4", "tmf645-service-qualification-v4.yaml"),
    ("/tmf-api/productOrderingManagement/v5", "tmf622-product-ordering-v5.yaml"),
]


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    # No gRPC tier is needed: documents and UI never reach it.
    with TestClient(create_app("127.0.0.1:9")) as test_client:
        yield test_client


def _as_written(file_name: str, base_path: str) -> Any:
    document = yaml.safe_load((OPENAPI / file_name).read_text(encoding="utf-8"))
    document["servers"] = [{"url": base_path}]
    return document


@pytest.mark.parametrize(("base_path", "file_name"), APIS)
def test_the_json_document_is_the_file_as_written(
    client: TestClient, base_path: str, file_name: str
) -> None:
    response = client.get(f"{base_path}/openapi.json")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    assert response.json() == _as_written(file_name, base_path)


@pytest.mark.parametrize(("base_path", "file_name"), APIS)
def test_the_yaml_document_is_the_same(client: TestClient, base_path: str, file_name: str) -> None:
    response = client.get(f"{base_path}/openapi.yaml")
    assert response.status_code == 200
    assert yaml.safe_load(response.text) == _as_written(file_name, base_path)


@pytest.mark.parametrize(("base_path", "file_name"), APIS)
def test_swagger_ui_points_at_the_document(
    client: TestClient, base_path: str, file_name: str
) -> None:
    response = client.get(f"{base_path}/ui/")
    assert response.status_code == 200
    assert f"{base_path}/openapi.json" in response.text
