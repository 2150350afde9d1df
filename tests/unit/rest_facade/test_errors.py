"""The one error path: gRPC status table, rich details, sanitizing, Connexion problems, 405."""

from __future__ import annotations

import json
from typing import Any

import grpc
import pytest
from connexion.exceptions import BadRequestProblem, UnsupportedMediaTypeProblem
from connexion.lifecycle import ConnexionResponse
from google.protobuf import any_pb2
from google.rpc import code_pb2, error_details_pb2, status_pb2

from rest_facade.errors import GRPC_TO_HTTP, AllowIndex, grpc_error, problem_error, sanitize


def rpc_error(
    code: grpc.StatusCode, details: str, rich: status_pb2.Status | None = None
) -> grpc.aio.AioRpcError:
    trailing = grpc.aio.Metadata()
    if rich is not None:
        trailing.add("grpc-status-details-bin", rich.SerializeToString())
    return grpc.aio.AioRpcError(code, grpc.aio.Metadata(), trailing, details=details)


def packed(message: Any) -> any_pb2.Any:
    holder = any_pb2.Any()
    holder.Pack(message)
    return holder


def body(response: ConnexionResponse) -> dict[str, Any]:
    assert response.mimetype == "application/json"
    document = json.loads(response.body)
    assert isinstance(document, dict)
    return document


EXPECTED_STATUS = {
    "INVALID_ARGUMENT": 400,
    "NOT_FOUND": 404,
    "ALREADY_EXISTS": 409,
    "ABORTED": 409,
    "FAILED_PRECONDITION": 422,
    "UNAUTHENTICATED": 401,
    "PERMISSION_DENIED": 403,
    "RESOURCE_EXHAUSTED": 429,
    "UNAVAILABLE": 503,
    "DEADLINE_EXCEEDED": 504,
    "UNIMPLEMENTED": 501,
    "INTERNAL": 500,
    "UNKNOWN": 500,
    "DATA_LOSS": 500,
    "CANCELLED": 500,
}


@pytest.mark.parametrize(("code", "status"), EXPECTED_STATUS.items())
def test_status_table(code: str, status: int) -> None:
    assert GRPC_TO_HTTP.get(grpc.StatusCode[code], 500) == status
    response = grpc_error(rpc_error(grpc.StatusCode[code], "x"))
    assert response.status_code == status
    document = body(response)
    assert document["@type"] == "Error"
    assert document["status"] == str(status)
    assert document["code"] == code


def test_rich_status_gives_reason_and_violations() -> None:
    rich = status_pb2.Status(
        code=code_pb2.INVALID_ARGUMENT,
        message="offering o1 is invalid",
        details=[
            packed(error_details_pb2.ErrorInfo(reason="INVALID_ENTITY", domain="catalog")),
            packed(
                error_details_pb2.BadRequest(
                    field_violations=[
                        error_details_pb2.BadRequest.FieldViolation(
                            field="bundle_components", description="a bundle needs components"
                        )
                    ]
                )
            ),
        ],
    )
    document = body(grpc_error(rpc_error(grpc.StatusCode.INVALID_ARGUMENT, "ignored", rich)))
    assert document == {
        "@type": "Error",
        "code": "INVALID_ENTITY",
        "reason": "Bad Request",
        "status": "400",
        "message": "offering o1 is invalid; bundle_components: a bundle needs components",
    }


def test_unavailable_never_leaks_the_address() -> None:
    details = (
        "failed to connect to all addresses; last error: UNKNOWN: "
        "ipv4:127.0.0.1:1: Connection refused"
    )
    response = grpc_error(rpc_error(grpc.StatusCode.UNAVAILABLE, details))
    assert response.headers["Retry-After"] == "1"
    assert "127.0.0.1" not in response.body
    assert body(response)["code"] == "UNAVAILABLE"


def test_internal_never_echoes_the_service_text_even_with_details() -> None:
    rich = status_pb2.Status(code=code_pb2.INTERNAL, message="Traceback: KeyError at db.py:12")
    document = body(grpc_error(rpc_error(grpc.StatusCode.INTERNAL, "boom", rich)))
    assert "Traceback" not in document["message"]


@pytest.mark.parametrize(
    "text",
    [
        "ipv4:10.0.0.1:50051: refused",
        "ipv6:[::1]:50051 refused",
        "at 192.168.1.2:80",
        "localhost:50051 down",
    ],
)
def test_sanitize_removes_addresses(text: str) -> None:
    cleaned = sanitize(text)
    assert "<address>" in cleaned
    assert not any(part in cleaned for part in ("10.0.0.1", "::1", "192.168", "localhost:"))


def test_sanitize_keeps_field_paths_and_words() -> None:
    text = "category_ids[0]: category 'nope' does not exist; characteristics[12].max_cardinality"
    assert sanitize(text) == text


def test_problem_errors_are_tmf_errors() -> None:
    document = body(problem_error(BadRequestProblem(detail="'a' is a required property")))
    assert (document["code"], document["message"]) == ("INVALID_BODY", "'a' is a required property")
    response = problem_error(
        UnsupportedMediaTypeProblem(detail="Invalid Content-type (text/plain)")
    )
    assert response.status_code == 415
    assert body(response)["code"] == "UNSUPPORTED_MEDIA_TYPE"


def test_malformed_json_is_named() -> None:
    # Connexion raises the problem while handling the decode error, which becomes its context.
    problem = BadRequestProblem(detail="Expecting value: line 1 column 1 (char 0)")
    problem.__context__ = json.JSONDecodeError("Expecting value", "{bad", 0)
    assert body(problem_error(problem))["code"] == "MALFORMED_JSON"


def test_allow_index_lists_every_method_of_the_path() -> None:
    index = AllowIndex()
    index.add("/api/v5", {"/thing": ["get", "post"], "/thing/{id}": ["get", "patch", "delete"]})
    assert index.allow("/api/v5/thing") == "GET, POST"
    assert index.allow("/api/v5/thing/a.b") == "DELETE, GET, PATCH"
    assert index.allow("/api/v5/thing/a/b") is None
    assert index.allow("/other/thing") is None


def test_client_errors_without_rich_details_keep_the_service_words() -> None:
    message = "offering 'o9' does not exist"
    document = body(grpc_error(rpc_error(grpc.StatusCode.NOT_FOUND, message)))
    assert (document["code"], document["message"]) == ("NOT_FOUND", message)
