"""Qualification errors, one class per meaning; `reason` strings are part of the API contract."""

from __future__ import annotations

from domain.shared.errors import DomainError, ErrorCategory


class EligibilityCheckNotFound(DomainError):
    reason = "ELIGIBILITY_CHECK_NOT_FOUND"
    category = ErrorCategory.NOT_FOUND

    def __init__(self, check_id: str) -> None:
        super().__init__(
            f"eligibility check {check_id!r} does not exist", metadata={"id": check_id}
        )


class InvalidEligibilityQuestion(DomainError):
    """A question the domain cannot judge: no items, duplicate item ids, bad quantities."""

    reason = "INVALID_ELIGIBILITY_QUESTION"
    category = ErrorCategory.INVALID
