"""The one error taxonomy of the domain. Adapters map a category to a transport status once."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import ClassVar


class ErrorCategory(enum.Enum):
    """What kind of failure, independent of any transport."""

    INVALID = "invalid"  # a value only the domain can judge is malformed
    NOT_FOUND = "not_found"  # the addressed resource does not exist
    ALREADY_EXISTS = "already_exists"  # the id is taken
    RULE_VIOLATED = "rule_violated"  # well-formed, but a business rule refuses it
    CONFLICT = "conflict"  # the resource's state forbids it right now


@dataclass(frozen=True, slots=True)
class FieldViolation:
    """One precise problem with one field (or line) of the input."""

    field: str
    description: str


class DomainError(Exception):
    """Base of every domain error. `reason` is a stable, documented UPPER_SNAKE string."""

    reason: ClassVar[str] = "DOMAIN_ERROR"
    category: ClassVar[ErrorCategory] = ErrorCategory.RULE_VIOLATED

    def __init__(
        self,
        message: str,
        *,
        violations: tuple[FieldViolation, ...] = (),
        metadata: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.violations = violations
        self.metadata = dict(metadata or {})


class InvalidCondition(DomainError):
    """A List call's attribute condition names no attribute of the resource, compares it in a
    way its type does not allow, or gives a value of the wrong type."""

    reason = "INVALID_CONDITION"
    category = ErrorCategory.INVALID


class ExtensionTooLarge(DomainError):
    """More attributes to keep uninterpreted than a resource may hold."""

    reason = "EXTENSION_TOO_LARGE"
    category = ErrorCategory.INVALID
