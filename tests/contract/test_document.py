"""The project's TMF620 document against the official TMF620 v5 one: same paths, methods and
operationIds; only official attribute names, with official types; a valid OpenAPI document."""

from __future__ import annotations

import pytest

from tests.contract import document_checks as checks
from tests.contract.official import official_document, own_document

API = "TMF620 v5"


def test_own_document_is_valid_openapi() -> None:
    checks.check_valid_openapi(own_document())


def test_every_operation_exists_in_the_official_document_with_its_operation_id() -> None:
    checks.check_operations_are_official(own_document(), official_document(), API)


def test_every_success_status_is_an_official_one() -> None:
    checks.check_success_statuses_are_official(own_document(), official_document())


def test_the_served_resources_are_all_there() -> None:
    op_ids = checks.operation_ids(own_document())
    for resource in [
        "ProductCatalog",
        "Category",
        "ProductOffering",
        "ProductOfferingPrice",
        "ProductSpecification",
    ]:
        assert {
            f"{verb}{resource}" for verb in ("list", "retrieve", "create", "patch", "delete")
        } <= op_ids
    assert {"listImportJob", "retrieveImportJob", "createImportJob", "deleteImportJob"} <= op_ids


@pytest.mark.parametrize("name", checks.schema_names(own_document()))
def test_schema_exists_officially_with_official_attribute_names_and_types(name: str) -> None:
    checks.check_schema_is_official(own_document(), official_document(), name, API)


@pytest.mark.parametrize("name", checks.create_schema_names(own_document()))
def test_create_schemas_require_no_more_than_the_official_ones(name: str) -> None:
    """The product may relax (v5 requires lastUpdate on create; the server sets it) but never
    demand what a conformant client may omit."""
    checks.check_requires_no_more_than_official(own_document(), official_document(), name, API)


def test_integers_are_bounded() -> None:
    """Every integer parameter and attribute carries a format and bounds (TOOLCHAIN gotcha 6)."""
    checks.check_integers_are_bounded(own_document())


def test_list_responses_declare_the_count_headers() -> None:
    checks.check_list_responses_declare_the_count_headers(own_document())


def test_every_error_response_is_the_tmf_error() -> None:
    checks.check_every_error_response_is_the_tmf_error(own_document())
