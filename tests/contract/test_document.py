"""The project's TMF620 document against the official TMF620 v5 one: same paths, methods and
operationIds; only official attribute names, with official types; a valid OpenAPI document."""

from __future__ import annotations

import pytest

from tests.contract import document_checks as checks
from tests.contract.official import official_document, own_document

API = "TMF620 v5"

# Integer attributes of request schemas -> the proto field the facade maps them to.
_OFFERING = "ordercapture/catalog/v1/offering.proto"
_SPECIFICATION = "ordercapture/catalog/v1/specification.proto"
PROTO_FIELDS: dict[tuple[str, str], tuple[str, str] | None] = {
    ("BundledProductOfferingOption_FVO", "numberRelOfferLowerLimit"): (_OFFERING, "min_quantity"),
    ("BundledProductOfferingOption_FVO", "numberRelOfferUpperLimit"): (_OFFERING, "max_quantity"),
    ("BundledProductOfferingOption_FVO", "numberRelOfferDefault"): (_OFFERING, "default_quantity"),
    ("CharacteristicSpecification_FVO", "minCardinality"): (_SPECIFICATION, "min_cardinality"),
    ("CharacteristicSpecification_FVO", "maxCardinality"): (_SPECIFICATION, "max_cardinality"),
    # Only single periods are charged: 0 or 1, checked by the facade (no proto field).
    ("ProductOfferingPrice_FVO", "recurringChargePeriodLength"): None,
    ("ProductOfferingPrice_MVO", "recurringChargePeriodLength"): None,
}


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


def test_every_operation_and_response_declares_the_correlation_id() -> None:
    checks.check_correlation_id_on_every_operation_and_response(own_document())


def test_idempotency_key_is_declared_exactly_where_honoured() -> None:
    checks.check_idempotency_key_exactly_where_honoured(own_document(), set())


def test_bearer_security_is_declared_globally_and_said_to_be_unenforced() -> None:
    checks.check_bearer_security_declared_and_not_enforced(own_document())


def test_error_statuses_are_the_ones_the_facade_answers() -> None:
    checks.check_error_statuses_are_the_ones_answered(own_document())


def test_paging_parameters_fit_the_protos() -> None:
    checks.check_paging_parameters_fit_the_protos(own_document())


def test_request_integers_fit_the_protos() -> None:
    checks.check_request_integers_fit_the_protos(own_document(), PROTO_FIELDS)
