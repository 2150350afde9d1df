"""The project's TMF622 document against the official TMF622 v5 one: only official paths,
methods and operationIds; only official schema and attribute names, with official types; a
valid OpenAPI document whose errors are all the TMF Error."""

from __future__ import annotations

from typing import Any

import pytest
from openapi_spec_validator import validate

from tests.contract.official import flattened, json_type, resolve
from tests.contract.official_tmf622 import official_document, own_document

HTTP_METHODS = {"get", "post", "patch", "put", "delete"}


def operations(document: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    return {
        (path, method): operation
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if method in HTTP_METHODS
    }


def test_own_document_is_valid_openapi() -> None:
    validate(own_document())


def test_every_operation_exists_in_the_official_document_with_its_operation_id() -> None:
    official = operations(official_document())
    for key, operation in operations(own_document()).items():
        assert key in official, f"{key} is not an operation of TMF622 v5"
        assert operation["operationId"] == official[key]["operationId"], key


def test_every_success_status_is_an_official_one() -> None:
    official = operations(official_document())
    for key, operation in operations(own_document()).items():
        successes = {code for code in operation["responses"] if code.startswith("2")}
        assert successes, key
        assert successes <= set(official[key]["responses"]), key


def test_the_served_operations_are_all_there() -> None:
    op_ids = {op["operationId"] for op in operations(own_document()).values()}
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


def test_patch_accepts_merge_patch_json_and_json_patch() -> None:
    content = own_document()["paths"]["/productOrder/{id}"]["patch"]["requestBody"]["content"]
    assert set(content) == {
        "application/merge-patch+json",
        "application/json",
        "application/json-patch+json",
    }


def resolve_parameter(document: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    if "$ref" in node:
        found = document["components"]["parameters"][node["$ref"].rsplit("/", 1)[-1]]
        assert isinstance(found, dict)
        return found
    return node


def own_schema_names() -> list[str]:
    return sorted(own_document()["components"]["schemas"])


@pytest.mark.parametrize("name", own_schema_names())
def test_schema_exists_officially_with_official_attribute_names_and_types(name: str) -> None:
    official, own = official_document(), own_document()
    assert name in official["components"]["schemas"], f"{name} is not a TMF622 v5 schema"
    if "enum" in own["components"]["schemas"][name]:
        values = set(own["components"]["schemas"][name]["enum"])
        assert values <= set(official["components"]["schemas"][name]["enum"]), name
        return
    if own["components"]["schemas"][name].get("type") == "array":
        assert official["components"]["schemas"][name].get("type") == "array", name
        return
    own_properties, _ = flattened(own, own["components"]["schemas"][name])
    official_properties, _ = flattened(official, official["components"]["schemas"][name])
    unknown = sorted(set(own_properties) - set(official_properties))
    assert not unknown, f"{name} declares attributes TMF622 v5 does not have: {unknown}"
    for attribute, schema in own_properties.items():
        ours, theirs = json_type(own, schema), json_type(official, official_properties[attribute])
        if ours and theirs:
            assert ours == theirs, f"{name}.{attribute}: {ours} here, {theirs} in TMF622 v5"


@pytest.mark.parametrize("name", [n for n in own_schema_names() if n.endswith("_FVO")])
def test_create_schemas_require_no_more_than_the_official_ones(name: str) -> None:
    own, official = own_document(), official_document()
    _, ours = flattened(own, own["components"]["schemas"][name])
    _, theirs = flattened(official, official["components"]["schemas"][name])
    assert ours <= theirs, f"{name} requires {sorted(ours - theirs)} which TMF622 v5 does not"


def test_integers_are_bounded() -> None:
    own = own_document()
    found: list[str] = []

    def visit(node: Any, where: str) -> None:
        if isinstance(node, dict):
            if node.get("type") == "integer" and not {"format", "minimum", "maximum"} <= set(node):
                found.append(where)
            for key, value in node.items():
                visit(value, f"{where}.{key}")
        elif isinstance(node, list):
            for n, value in enumerate(node):
                visit(value, f"{where}[{n}]")

    visit(own["components"], "components")
    visit(own["paths"], "paths")
    assert not found, found


def test_list_responses_declare_the_count_headers() -> None:
    for (path, method), operation in operations(own_document()).items():
        if method == "get" and "{id}" not in path:
            headers = operation["responses"]["200"]["headers"]
            assert {"X-Total-Count", "X-Result-Count"} <= set(headers), path


def test_every_response_declares_the_correlation_id() -> None:
    own = own_document()
    for key, operation in operations(own).items():
        for code, response in operation["responses"].items():
            if "$ref" in response:
                response = own["components"]["responses"][response["$ref"].rsplit("/", 1)[-1]]
            assert "X-Correlation-ID" in response.get("headers", {}), (key, code)


def test_every_error_response_is_the_tmf_error() -> None:
    own = own_document()
    for key, operation in operations(own).items():
        for code, response in operation["responses"].items():
            if int(code) >= 400:
                response = own["components"]["responses"][response["$ref"].rsplit("/", 1)[-1]]
                schema = response["content"]["application/json"]["schema"]
                assert resolve(own, schema) is own["components"]["schemas"]["Error"], (key, code)
