"""The project's TMF622 document against the official TMF622 v5 one: only official paths,
methods and operationIds; only official schema and attribute names, with official types; a
valid OpenAPI document whose errors are all the TMF Error."""

from __future__ import annotations

from typing import Any

import pytest

from tests.contract import document_checks as checks
from tests.contract.official_tmf622 import official_document, own_document

API = "TMF622 v5"

# rest_facade/ordering/handlers.py reads `Idempotency-Key` on these two creates only.
HONOURED = {("/productOrder", "post"), ("/cancelProductOrder", "post")}
_ORDER = "ordercapture/ordering/v1/order.proto"
PROTO_FIELDS: dict[tuple[str, str], tuple[str, str] | None] = {
    ("ProductOrderItem_FVO", "quantity"): (_ORDER, "quantity"),
    ("ProductOrderItem_MVO", "quantity"): (_ORDER, "quantity"),
}


def test_own_document_is_valid_openapi() -> None:
    checks.check_valid_openapi(own_document())


def test_every_operation_exists_in_the_official_document_with_its_operation_id() -> None:
    checks.check_operations_are_official(own_document(), official_document(), API)


def test_every_success_status_is_an_official_one() -> None:
    checks.check_success_statuses_are_official(own_document(), official_document())


def test_the_served_operations_are_all_there() -> None:
    op_ids = checks.operation_ids(own_document())
    verbs = ("list", "retrieve", "create", "patch", "delete")
    assert {f"{verb}ProductOrder" for verb in verbs} <= op_ids
    assert {f"{verb}CancelProductOrder" for verb in verbs[:3]} <= op_ids


@pytest.mark.parametrize("collection", ["/productOrder", "/cancelProductOrder"])
def test_creates_answer_201_with_location_and_take_an_idempotency_key(collection: str) -> None:
    own = own_document()
    operation = own["paths"][collection]["post"]
    assert "Location" in operation["responses"]["201"]["headers"]
    names = {resolve_parameter(own, p)["name"] for p in operation["parameters"]}
    assert {"Idempotency-Key", "X-Correlation-ID"} <= names


def test_patch_accepts_merge_patch_json_json_patch_and_json_patch_query() -> None:
    content = own_document()["paths"]["/productOrder/{id}"]["patch"]["requestBody"]["content"]
    assert set(content) == {
        "application/merge-patch+json",
        "application/json",
        "application/json-patch+json",
        "application/json-patch-query+json",
    }


def resolve_parameter(document: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    if "$ref" in node:
        found = document["components"]["parameters"][node["$ref"].rsplit("/", 1)[-1]]
        assert isinstance(found, dict)
        return found
    return node


@pytest.mark.parametrize("name", checks.schema_names(own_document()))
def test_schema_exists_officially_with_official_attribute_names_and_types(name: str) -> None:
    checks.check_schema_is_official(own_document(), official_document(), name, API)


@pytest.mark.parametrize("name", checks.create_schema_names(own_document()))
def test_create_schemas_require_no_more_than_the_official_ones(name: str) -> None:
    checks.check_requires_no_more_than_official(own_document(), official_document(), name, API)


def test_integers_are_bounded() -> None:
    checks.check_integers_are_bounded(own_document())


def test_list_responses_declare_the_count_headers() -> None:
    checks.check_list_responses_declare_the_count_headers(own_document())


def test_every_error_response_is_the_tmf_error() -> None:
    checks.check_every_error_response_is_the_tmf_error(own_document())


def test_every_operation_and_response_declares_the_correlation_id() -> None:
    checks.check_correlation_id_on_every_operation_and_response(own_document())


def test_idempotency_key_is_declared_exactly_where_honoured() -> None:
    checks.check_idempotency_key_exactly_where_honoured(own_document(), HONOURED)


def test_bearer_security_is_declared_globally_and_said_to_be_unenforced() -> None:
    checks.check_bearer_security_declared_and_not_enforced(own_document())


def test_error_statuses_are_the_ones_the_facade_answers() -> None:
    checks.check_error_statuses_are_the_ones_answered(own_document())


def test_paging_parameters_fit_the_protos() -> None:
    checks.check_paging_parameters_fit_the_protos(own_document())


def test_request_integers_fit_the_protos() -> None:
    checks.check_request_integers_fit_the_protos(own_document(), PROTO_FIELDS)
