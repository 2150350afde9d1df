"""How a DomainError becomes a google.rpc.Status: code per category, ErrorInfo always,
BadRequest only with violations, bounded in size. The interceptor wrapping real calls is
exercised in tests/integration/grpc/test_errors.py."""

from __future__ import annotations

import pytest
from google.rpc import code_pb2, error_details_pb2, status_pb2

from domain.catalog import errors as catalog_errors
from domain.shared.errors import DomainError, ErrorCategory, FieldViolation
from servers.errors import MAX_TEXT, MAX_VIOLATIONS, STATUS_BY_CATEGORY, rich_status

METHOD = "/ordercapture.catalog.v1.CatalogService/CreateOffering"


def _details(
    status: status_pb2.Status,
) -> tuple[error_details_pb2.ErrorInfo, list[tuple[str, str]]]:
    info = error_details_pb2.ErrorInfo()
    bad_request = error_details_pb2.BadRequest()
    assert status.details[0].Unpack(info)
    if len(status.details) > 1:
        assert status.details[1].Unpack(bad_request)
    return info, [(v.field, v.description) for v in bad_request.field_violations]


def test_every_category_has_a_status_code() -> None:
    assert set(STATUS_BY_CATEGORY) == set(ErrorCategory)
    assert STATUS_BY_CATEGORY == {
        ErrorCategory.INVALID: code_pb2.INVALID_ARGUMENT,
        ErrorCategory.NOT_FOUND: code_pb2.NOT_FOUND,
        ErrorCategory.ALREADY_EXISTS: code_pb2.ALREADY_EXISTS,
        ErrorCategory.RULE_VIOLATED: code_pb2.FAILED_PRECONDITION,
        ErrorCategory.CONFLICT: code_pb2.ABORTED,
    }


@pytest.mark.parametrize(
    "error",
    [
        catalog_errors.OfferingNotFound("o1"),
        catalog_errors.EntityAlreadyExists("taken"),
        catalog_errors.InvalidEntity("bad"),
        catalog_errors.ReferencedEntityMissing("dangling"),
        catalog_errors.EntityStillReferenced("in use"),
        catalog_errors.CategoryCycle("loop"),
        catalog_errors.CatalogFileInvalid("bad file"),
        catalog_errors.ImportSourceRefused("no"),
    ],
    ids=lambda e: type(e).__name__,
)
def test_every_catalog_error_carries_its_reason(error: DomainError) -> None:
    status = rich_status(error, METHOD)
    info, _ = _details(status)
    assert status.code == STATUS_BY_CATEGORY[error.category]
    assert status.message == error.message
    assert (info.reason, info.domain) == (error.reason, "ordercapture.catalog")


def test_metadata_travels_in_error_info() -> None:
    info, violations = _details(rich_status(catalog_errors.OfferingNotFound("o1"), METHOD))
    assert dict(info.metadata) == {"id": "o1"}
    assert violations == []


def test_no_bad_request_without_violations() -> None:
    assert len(rich_status(catalog_errors.InvalidEntity("bad"), METHOD).details) == 1


def test_violations_become_bad_request_field_violations() -> None:
    error = catalog_errors.InvalidEntity(
        "bad",
        violations=(
            FieldViolation("amount.amount", "not a number"),
            FieldViolation("name", "required"),
        ),
    )
    _, violations = _details(rich_status(error, METHOD))
    assert violations == [("amount.amount", "not a number"), ("name", "required")]


def test_thousands_of_violations_fit_in_one_trailer() -> None:
    error = catalog_errors.CatalogFileInvalid(
        "x" * 10_000,
        violations=tuple(FieldViolation(f"line {n}", "y" * 1000) for n in range(5000)),
    )
    status = rich_status(error, METHOD)
    _, violations = _details(status)
    assert len(violations) == MAX_VIOLATIONS + 1
    assert violations[-1] == ("", f"... and {5000 - MAX_VIOLATIONS} more problem(s)")
    assert all(len(description) <= MAX_TEXT for _, description in violations)
    assert len(status.SerializeToString()) < 8 * 1024  # the client's default trailer limit


@pytest.mark.parametrize(
    ("method", "domain"),
    [
        ("/ordercapture.catalog.v1.CatalogService/GetOffering", "ordercapture.catalog"),
        ("/ordercapture.ordering.v2beta1.OrderingService/Submit", "ordercapture.ordering"),
        ("/Unpackaged/Call", "ordercapture"),
    ],
)
def test_the_error_domain_is_the_context_without_version(method: str, domain: str) -> None:
    info, _ = _details(rich_status(catalog_errors.InvalidEntity("bad"), method))
    assert info.domain == domain
