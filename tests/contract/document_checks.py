"""The checks of a project document against its official one, shared by the per-API
test_*_document modules: each function takes the two documents (and the official name, e.g.
"TMF622 v5", for its messages) and asserts."""

from __future__ import annotations

from typing import Any

from openapi_spec_validator import validate

from tests.contract.official import flattened, json_type, resolve

HTTP_METHODS = {"get", "post", "patch", "put", "delete"}


def operations(document: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    """Every operation of a document (OpenAPI 3 or Swagger 2) by (path, method)."""
    return {
        (path, method): operation
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if method in HTTP_METHODS
    }


def operation_ids(document: dict[str, Any]) -> set[str]:
    return {operation["operationId"] for operation in operations(document).values()}


def schema_names(document: dict[str, Any]) -> list[str]:
    return sorted(document["components"]["schemas"])


def create_schema_names(document: dict[str, Any]) -> list[str]:
    return [name for name in schema_names(document) if name.endswith("_FVO")]


def check_valid_openapi(own: dict[str, Any]) -> None:
    validate(own)


# Operations served beyond an official document, with their operationId: a listener may read
# its registration back on every API, as TMF679 v5 (alone) lists officially.
SERVED_BEYOND_OFFICIAL = {("/hub/{id}", "get"): "hubGet"}


def check_operations_are_official(own: dict[str, Any], official: dict[str, Any], api: str) -> None:
    """Every operation of ours is an official one, with the official operationId, or one of the
    documented extensions."""
    theirs = operations(official)
    for key, operation in operations(own).items():
        if key not in theirs and key in SERVED_BEYOND_OFFICIAL:
            assert operation["operationId"] == SERVED_BEYOND_OFFICIAL[key], key
            continue
        assert key in theirs, f"{key} is not an operation of {api}"
        assert operation["operationId"] == theirs[key]["operationId"], key


def check_success_statuses_are_official(own: dict[str, Any], official: dict[str, Any]) -> None:
    """Every operation of ours answers some 2xx, and only ones the official operation lists."""
    theirs = operations(official)
    for key, operation in operations(own).items():
        successes = {code for code in operation["responses"] if code.startswith("2")}
        assert successes, key
        if key not in theirs and key in SERVED_BEYOND_OFFICIAL:
            assert successes == {"200"}, key
            continue
        assert successes <= set(theirs[key]["responses"]), key


def check_schema_is_official(
    own: dict[str, Any], official: dict[str, Any], name: str, api: str
) -> None:
    """The schema exists officially: an enum with official values only, an array where the
    official one is an array, else only official attribute names, with official types."""
    assert name in official["components"]["schemas"], f"{name} is not a {api} schema"
    mine = own["components"]["schemas"][name]
    theirs = official["components"]["schemas"][name]
    if "enum" in mine:
        assert set(mine["enum"]) <= set(theirs["enum"]), name
        return
    if mine.get("type") == "array":
        assert theirs.get("type") == "array", name
        return
    own_properties, _ = flattened(own, mine)
    official_properties, _ = flattened(official, theirs)
    unknown = sorted(set(own_properties) - set(official_properties))
    assert not unknown, f"{name} declares attributes {api} does not have: {unknown}"
    for attribute, schema in own_properties.items():
        ours, expected = json_type(own, schema), json_type(official, official_properties[attribute])
        if ours and expected:
            assert ours == expected, f"{name}.{attribute}: {ours} here, {expected} in {api}"


def check_requires_no_more_than_official(
    own: dict[str, Any], official: dict[str, Any], name: str, api: str
) -> None:
    """The product may relax what the official schema requires but never demand more."""
    _, ours = flattened(own, own["components"]["schemas"][name])
    _, theirs = flattened(official, official["components"]["schemas"][name])
    assert ours <= theirs, f"{name} requires {sorted(ours - theirs)} which {api} does not"


def check_integers_are_bounded(own: dict[str, Any]) -> None:
    """Every integer parameter and attribute carries a format and bounds (TOOLCHAIN gotcha 6)."""
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


def check_list_responses_declare_the_count_headers(own: dict[str, Any]) -> None:
    """Every list answers 200 only (never 206), with the counts and the RFC 8288 `Link`."""
    lists = [
        (path, operation)
        for (path, method), operation in operations(own).items()
        if method == "get" and "{id}" not in path
    ]
    assert lists
    for path, operation in lists:
        assert {code for code in operation["responses"] if code.startswith("2")} == {"200"}, path
        headers = operation["responses"]["200"]["headers"]
        assert {"X-Total-Count", "X-Result-Count", "Link"} <= set(headers), path
        assert headers["Link"] == {"$ref": "#/components/headers/Link"}, path
        assert "Link" in operation["description"], path
    link = own["components"]["headers"]["Link"]
    assert link["schema"] == {"type": "string"}
    assert link["required"] is True


def check_every_error_response_is_the_tmf_error(own: dict[str, Any]) -> None:
    for key, operation in operations(own).items():
        for code, response in operation["responses"].items():
            if int(code) >= 400:
                response = own["components"]["responses"][response["$ref"].rsplit("/", 1)[-1]]
                schema = response["content"]["application/json"]["schema"]
                assert resolve(own, schema) is own["components"]["schemas"]["Error"], (key, code)
