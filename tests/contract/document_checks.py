"""The checks of a project document against its official one, shared by the per-API
test_*_document modules: each function takes the two documents (and the official name, e.g.
"TMF622 v5", for its messages) and asserts."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from openapi_spec_validator import validate

from rest_facade.errors import GRPC_TO_HTTP
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
    """Every integer parameter and attribute carries a format and bounds that fit it (an int32
    proto field takes -2^31..2^31-1: TOOLCHAIN gotcha 6)."""
    found: list[str] = []

    def visit(node: Any, where: str) -> None:
        if isinstance(node, dict):
            if node.get("type") == "integer":
                if not {"format", "minimum", "maximum"} <= set(node):
                    found.append(where)
                else:
                    low, high = FORMAT_RANGES[node["format"]]
                    if not low <= node["minimum"] <= node["maximum"] <= high:
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


# --- What the facade really does, declared on every operation ---------------------------------

CORRELATION = "X-Correlation-ID"
IDEMPOTENCY = "Idempotency-Key"
INT32 = (-(2**31), 2**31 - 1)
INT64 = (-(2**63), 2**63 - 1)
FORMAT_RANGES = {"int32": INT32, "int64": INT64}
# Every status the facade can answer: the gRPC table of rest_facade/errors.py, and what the
# facade or Connexion answers itself (bad request, unknown path, wrong method, refused Accept,
# body media type, `Expect` other than 202-Accepted on TMF679, internal error).
ANSWERED_BY_THE_FACADE = {400, 404, 405, 406, 415, 417, 500}
# Declared on every operation: authentication (reserved), method, Accept, and the tier or
# database down (503, with Retry-After) or past its deadline (504).
ON_EVERY_OPERATION = {"401", "403", "405", "406", "500", "503", "504"}


def response_definition(own: dict[str, Any], response: dict[str, Any]) -> dict[str, Any]:
    if "$ref" in response:
        found = own["components"]["responses"][response["$ref"].rsplit("/", 1)[-1]]
        assert isinstance(found, dict)
        return found
    return response


def parameter_definition(own: dict[str, Any], parameter: dict[str, Any]) -> dict[str, Any]:
    if "$ref" in parameter:
        found = own["components"]["parameters"][parameter["$ref"].rsplit("/", 1)[-1]]
        assert isinstance(found, dict)
        return found
    return parameter


def header_parameters(own: dict[str, Any], operation: dict[str, Any]) -> dict[str, Any]:
    found = (parameter_definition(own, p) for p in operation.get("parameters", []))
    return {p["name"]: p for p in found if p["in"] == "header"}


def check_correlation_id_on_every_operation_and_response(own: dict[str, Any]) -> None:
    """rest_facade/correlation.py reads `X-Correlation-ID` on every /tmf-api request and echoes
    it on every response, errors included: an optional request header parameter on each
    operation, a response header on each response (a components entry for both)."""
    assert own["components"]["parameters"][CORRELATION]["name"] == CORRELATION
    assert own["components"]["headers"][CORRELATION]["schema"] == {"type": "string"}
    for key, operation in operations(own).items():
        parameter = header_parameters(own, operation).get(CORRELATION)
        assert parameter is not None, key
        assert not parameter.get("required", False), key
        for code, response in operation["responses"].items():
            headers = response_definition(own, response).get("headers", {})
            assert headers.get(CORRELATION) == {"$ref": f"#/components/headers/{CORRELATION}"}, (
                key,
                code,
            )


def check_idempotency_key_exactly_where_honoured(
    own: dict[str, Any], honoured: set[tuple[str, str]]
) -> None:
    """`Idempotency-Key` is declared (optional) on the operations that honour it and no other."""
    declared = {
        key
        for key, operation in operations(own).items()
        if IDEMPOTENCY in header_parameters(own, operation)
    }
    assert declared == honoured
    for key in honoured:
        assert not header_parameters(own, operations(own)[key])[IDEMPOTENCY].get("required")


def check_bearer_security_declared_and_not_enforced(own: dict[str, Any]) -> None:
    """bearerAuth (http, bearer, JWT) is applied to the whole document alongside anonymous access
    (`{}`), since the facade checks no token yet, and says so; no operation overrides it; 401
    and 403 are declared on every operation."""
    scheme = own["components"]["securitySchemes"]["bearerAuth"]
    assert {k: scheme[k] for k in ("type", "scheme", "bearerFormat")} == {
        "type": "http",
        "scheme": "bearer",
        "bearerFormat": "JWT",
    }
    assert "not enforced" in " ".join(scheme["description"].split())
    assert "not enforced" in " ".join(own["info"]["description"].split())
    assert own["security"] == [{"bearerAuth": []}, {}]
    for key, operation in operations(own).items():
        assert "security" not in operation, key
        assert {"401", "403"} <= set(operation["responses"]), key


def check_error_statuses_are_the_ones_answered(own: dict[str, Any]) -> None:
    """Every error status declared is one the facade can answer; 405, 406, 500, 503 (with
    `Retry-After`) and 504 on every operation; 415 on every operation taking a body; 409 on
    every patch and on every create and delete of a stored resource (listener registrations
    aside), 422 on every create of one."""
    answered = set(GRPC_TO_HTTP.values()) | ANSWERED_BY_THE_FACADE
    for (path, method), operation in operations(own).items():
        key = (path, method)
        codes = set(operation["responses"])
        assert {int(code) for code in codes if int(code) >= 400} <= answered, key
        assert codes >= ON_EVERY_OPERATION, (key, sorted(ON_EVERY_OPERATION - codes))
        if "requestBody" in operation:
            assert "415" in codes, key
        stored = not path.startswith("/hub")
        if method == "patch" or (stored and method in {"post", "delete"}):
            assert "409" in codes, key
        if stored and method == "post":
            assert "422" in codes, key
    for status in ("429", "503"):
        headers = own["components"]["responses"][status]["headers"]
        assert headers["Retry-After"] == {"$ref": "#/components/headers/Retry-After"}, status


def check_paging_parameters_fit_the_protos(own: dict[str, Any]) -> None:
    """`limit` 1..1000 and `offset` 0..2^31-1 (the int32 page_size and skip of the protos) on
    every list."""
    limit = own["components"]["parameters"]["Limit"]
    offset = own["components"]["parameters"]["Offset"]
    assert (limit["name"], limit["schema"]["minimum"], limit["schema"]["maximum"]) == (
        "limit",
        1,
        1000,
    )
    assert (offset["name"], offset["schema"]["minimum"], offset["schema"]["maximum"]) == (
        "offset",
        0,
        INT32[1],
    )
    assert limit["schema"]["format"] == offset["schema"]["format"] == "int32"
    for (path, method), operation in operations(own).items():
        if method == "get" and "{id}" not in path:
            refs = {p.get("$ref") for p in operation["parameters"]}
            assert {"#/components/parameters/Limit", "#/components/parameters/Offset"} <= refs


def proto_field_type(proto: str, field: str) -> str:
    """The scalar type of a field in a .proto file under protos/ (e.g. "int32")."""
    text = (Path(__file__).resolve().parents[2] / "protos" / proto).read_text(encoding="utf-8")
    found = re.findall(rf"^\s*(\w+)\s+{re.escape(field)}\s*=\s*\d+\s*;", text, re.M)
    assert len(found) == 1, (proto, field, found)
    return str(found[0])


def check_request_integers_fit_the_protos(
    own: dict[str, Any], fields: dict[tuple[str, str], tuple[str, str] | None]
) -> None:
    """Every integer attribute of a request schema (_FVO, _MVO) is listed with the proto field
    the facade maps it to (None: a rule of the facade, no field), and its bounds fit that
    field's type."""
    found: set[tuple[str, str]] = set()
    for name, schema in own["components"]["schemas"].items():
        if not name.endswith(("_FVO", "_MVO")):
            continue
        properties, _ = flattened(own, schema)
        for attribute, node in properties.items():
            node = resolve(own, node)
            if node.get("type") == "integer":
                found.add((name, attribute))
    assert found == set(fields), sorted(found ^ set(fields))
    for (name, attribute), target in fields.items():
        properties, _ = flattened(own, own["components"]["schemas"][name])
        node = resolve(own, properties[attribute])
        if target is None:
            continue
        proto_type = proto_field_type(*target)
        assert node["format"] == proto_type, (name, attribute, proto_type)
        low, high = FORMAT_RANGES[proto_type]
        assert low <= node["minimum"] <= node["maximum"] <= high, (name, attribute)
