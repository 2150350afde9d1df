"""The project's TMF645 document against the official TMF645 v4.0.0 one (Swagger 2): same base
path, paths, methods and operationIds; only official attribute names (plus the postal fields
of a place), with official types and required attributes; a valid OpenAPI document."""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest
import yaml

from tests.contract import document_checks as checks
from tests.contract.official_tmf645 import OWN_DOCUMENT, official_tmf645

API = "TMF645 v4"

# Own schema -> the official definition it stands for.
COUNTERPARTS = {
    "Error": "Error",
    "TaskStateType": "TaskStateType",
    "Characteristic": "Characteristic",
    "ServiceSpecificationRef": "ServiceSpecificationRef",
    "RelatedPlaceRefOrValue": "RelatedPlaceRefOrValue",
    "RelatedPlaceRefOrValue_Create": "RelatedPlaceRefOrValue",
    "RelatedParty": "RelatedParty",
    "RelatedParty_Create": "RelatedParty",
    "ServiceRefOrValue": "ServiceRefOrValue",
    "ServiceRefOrValue_Create": "ServiceRefOrValue",
    "ServiceEligibilityUnavailabilityReason": "ServiceEligibilityUnavailabilityReason",
    "AlternateServiceProposal": "AlternateServiceProposal",
    "TerminationError": "TerminationError",
    "CheckServiceQualificationItem": "CheckServiceQualificationItem",
    "CheckServiceQualificationItem_Create": "CheckServiceQualificationItem",
    "CheckServiceQualification": "CheckServiceQualification",
    "CheckServiceQualification_Create": "CheckServiceQualification_Create",
    "CheckServiceQualification_Update": "CheckServiceQualification_Update",
    "ServiceQualificationItem": "ServiceQualificationItem",
    "QueryServiceQualification": "QueryServiceQualification",
    "QueryServiceQualification_Create": "QueryServiceQualification_Create",
    "QueryServiceQualification_Update": "QueryServiceQualification_Update",
}
# Attributes this server adds, documented in its own document: the GeographicAddress (TMF673)
# postal fields of a place given by value.
POSTAL = {"streetName", "streetNr", "postcode", "city", "country"}
EXTENSIONS = {
    "RelatedPlaceRefOrValue": POSTAL,
    "RelatedPlaceRefOrValue_Create": POSTAL,
}
# Own schemas that only read requests may relax what the official one requires of responses.
REQUEST_ONLY = {"RelatedParty_Create", "RelatedPlaceRefOrValue_Create"}


@cache
def own() -> dict[str, Any]:
    document = yaml.safe_load(OWN_DOCUMENT.read_text(encoding="utf-8"))
    assert isinstance(document, dict)
    return document


def own_schema(name: str) -> dict[str, Any]:
    schema = own()["components"]["schemas"][name]
    assert isinstance(schema, dict)
    return schema


def official_definition(name: str) -> dict[str, Any]:
    definition = official_tmf645()["definitions"][name]
    assert isinstance(definition, dict)
    return definition


def own_type(node: dict[str, Any]) -> str | None:
    while "$ref" in node:
        node = own_schema(node["$ref"].rsplit("/", 1)[-1])
    if "type" in node:
        return str(node["type"])
    return "object" if "properties" in node else None


def official_type(node: dict[str, Any]) -> str | None:
    while "$ref" in node:
        node = official_definition(node["$ref"].rsplit("/", 1)[-1])
    if "type" in node:
        return str(node["type"])
    return "object" if "properties" in node else None


def test_own_document_is_valid_openapi() -> None:
    checks.check_valid_openapi(own())


def test_the_base_path_is_the_official_one() -> None:
    assert own()["servers"][0]["url"] == official_tmf645()["basePath"]


def test_every_operation_exists_in_the_official_document_with_its_operation_id() -> None:
    checks.check_operations_are_official(own(), official_tmf645(), API)


def test_every_success_status_is_an_official_one() -> None:
    checks.check_success_statuses_are_official(own(), official_tmf645())


def test_the_served_operations_are_all_there() -> None:
    op_ids = checks.operation_ids(own())
    assert op_ids == {
        "listCheckServiceQualification",
        "createCheckServiceQualification",
        "retrieveCheckServiceQualification",
        "patchCheckServiceQualification",
        "deleteCheckServiceQualification",
        "listQueryServiceQualification",
        "createQueryServiceQualification",
        "retrieveQueryServiceQualification",
        "patchQueryServiceQualification",
        "deleteQueryServiceQualification",
        "registerListener",
        "hubGet",
        "unregisterListener",
    }


def test_list_responses_declare_the_count_headers() -> None:
    checks.check_list_responses_declare_the_count_headers(own())


def test_every_error_response_is_the_error_schema() -> None:
    for key, operation in checks.operations(own()).items():
        for status, response in operation["responses"].items():
            if int(status) >= 400:
                assert response["$ref"] == f"#/components/responses/{status}", key
    for response in own()["components"]["responses"].values():
        schema = response["content"]["application/json"]["schema"]
        assert schema == {"$ref": "#/components/schemas/Error"}


@pytest.mark.parametrize("name", sorted(COUNTERPARTS))
def test_attributes_are_official_ones_with_official_types(name: str) -> None:
    mine = own_schema(name)
    theirs = official_definition(COUNTERPARTS[name])
    if "enum" in mine:
        assert set(mine["enum"]) <= set(theirs["enum"]), name
        return
    extensions = EXTENSIONS.get(name, set())
    for attribute, node in mine.get("properties", {}).items():
        if attribute in extensions:
            assert attribute not in theirs["properties"], f"{name}.{attribute} is official now"
            continue
        assert attribute in theirs["properties"], f"{name}.{attribute} is not in {API}"
        expected = official_type(theirs["properties"][attribute])
        if expected is not None:
            assert own_type(node) == expected, f"{name}.{attribute}"


@pytest.mark.parametrize("name", sorted(set(COUNTERPARTS) - REQUEST_ONLY))
def test_official_required_attributes_are_required(name: str) -> None:
    required = set(official_definition(COUNTERPARTS[name]).get("required", []))
    assert required <= set(own_schema(name).get("required", [])), name


def test_every_operation_and_response_declares_the_correlation_id() -> None:
    checks.check_correlation_id_on_every_operation_and_response(own())


def test_idempotency_key_is_declared_exactly_where_honoured() -> None:
    checks.check_idempotency_key_exactly_where_honoured(own(), set())


def test_bearer_security_is_declared_globally_and_said_to_be_unenforced() -> None:
    checks.check_bearer_security_declared_and_not_enforced(own())


def test_error_statuses_are_the_ones_the_facade_answers() -> None:
    checks.check_error_statuses_are_the_ones_answered(own())


def test_paging_parameters_fit_the_protos() -> None:
    checks.check_paging_parameters_fit_the_protos(own())


def test_request_integers_fit_the_protos() -> None:
    checks.check_request_integers_fit_the_protos(own(), {})


def test_integers_are_bounded() -> None:
    checks.check_integers_are_bounded(own())
