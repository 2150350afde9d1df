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


class EligibilityCheckExpired(DomainError):
    """An order may no longer rely on the check: ask again."""

    reason = "ELIGIBILITY_CHECK_EXPIRED"
    category = ErrorCategory.RULE_VIOLATED

    def __init__(self, check_id: str) -> None:
        super().__init__(f"eligibility check {check_id!r} has expired", metadata={"id": check_id})


class FieldNotUpdatable(DomainError):
    """Only descriptive attributes of a stored check change; the question and answer do not."""

    reason = "FIELD_NOT_UPDATABLE"
    category = ErrorCategory.INVALID


class CategoryNotFound(DomainError):
    reason = "CATEGORY_NOT_FOUND"
    category = ErrorCategory.NOT_FOUND

    def __init__(self, category_id: str) -> None:
        super().__init__(
            f"category {category_id!r} does not exist", metadata={"category_id": category_id}
        )


class InvalidEligibilityRule(DomainError):
    reason = "INVALID_ELIGIBILITY_RULE"
    category = ErrorCategory.INVALID


class EligibilityRuleNotFound(DomainError):
    reason = "ELIGIBILITY_RULE_NOT_FOUND"
    category = ErrorCategory.NOT_FOUND

    def __init__(self, rule_id: str) -> None:
        super().__init__(f"eligibility rule {rule_id!r} does not exist", metadata={"id": rule_id})


class InvalidCustomerProfile(DomainError):
    reason = "INVALID_CUSTOMER_PROFILE"
    category = ErrorCategory.INVALID


class CustomerProfileNotFound(DomainError):
    reason = "CUSTOMER_PROFILE_NOT_FOUND"
    category = ErrorCategory.NOT_FOUND

    def __init__(self, party_id: str) -> None:
        super().__init__(
            f"customer profile {party_id!r} does not exist", metadata={"party_id": party_id}
        )


class EligibilityQueryNotFound(DomainError):
    reason = "ELIGIBILITY_QUERY_NOT_FOUND"
    category = ErrorCategory.NOT_FOUND

    def __init__(self, query_id: str) -> None:
        super().__init__(
            f"eligibility query {query_id!r} does not exist", metadata={"id": query_id}
        )
