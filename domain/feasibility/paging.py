"""Pages of stored checks and registered addresses: bounded, counted in the database."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from domain.feasibility.errors import InvalidPage
from domain.shared.errors import FieldViolation

T = TypeVar("T")

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 1000


@dataclass(frozen=True, slots=True)
class PageRequest:
    size: int = DEFAULT_PAGE_SIZE
    skip: int = 0

    @classmethod
    def checked(cls, size: int, skip: int) -> PageRequest:
        """0 means the default size; out-of-range values are the caller's mistake."""
        problems = []
        if not 0 <= size <= MAX_PAGE_SIZE:
            problems.append(FieldViolation("page_size", f"0..{MAX_PAGE_SIZE} required"))
        if skip < 0:
            problems.append(FieldViolation("skip", "0 or more required"))
        if problems:
            raise InvalidPage("page out of range", violations=tuple(problems))
        return cls(size or DEFAULT_PAGE_SIZE, skip)


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    items: tuple[T, ...]
    total: int
