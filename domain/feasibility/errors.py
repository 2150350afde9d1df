"""Feasibility errors, one class per meaning; `reason` strings are part of the API contract."""

from __future__ import annotations

from domain.shared.errors import DomainError, ErrorCategory


class FeasibilityCheckNotFound(DomainError):
    reason = "FEASIBILITY_CHECK_NOT_FOUND"
    category = ErrorCategory.NOT_FOUND

    def __init__(self, check_id: str) -> None:
        super().__init__(
            f"feasibility check {check_id!r} does not exist", metadata={"id": check_id}
        )


class InvalidFeasibilityRequest(DomainError):
    """A check the domain cannot judge: no items, duplicate ids, no place, bad values."""

    reason = "INVALID_FEASIBILITY_REQUEST"
    category = ErrorCategory.INVALID


class InvalidAddress(DomainError):
    """An address the register refuses (missing street, number, postcode...)."""

    reason = "INVALID_ADDRESS"
    category = ErrorCategory.INVALID


class InvalidCoverage(DomainError):
    reason = "INVALID_COVERAGE"
    category = ErrorCategory.INVALID


class InvalidAccessNode(DomainError):
    reason = "INVALID_ACCESS_NODE"
    category = ErrorCategory.INVALID


class FieldNotUpdatable(DomainError):
    """Only a check's description and external id may change."""

    reason = "FIELD_NOT_UPDATABLE"
    category = ErrorCategory.INVALID


class InvalidPage(DomainError):
    reason = "INVALID_PAGE"
    category = ErrorCategory.INVALID


class AvailabilityQueryNotFound(DomainError):
    reason = "AVAILABILITY_QUERY_NOT_FOUND"
    category = ErrorCategory.NOT_FOUND

    def __init__(self, query_id: str) -> None:
        super().__init__(
            f"availability query {query_id!r} does not exist", metadata={"id": query_id}
        )


class InvalidAvailabilityQuery(DomainError):
    """A query without a place."""

    reason = "INVALID_AVAILABILITY_QUERY"
    category = ErrorCategory.INVALID
