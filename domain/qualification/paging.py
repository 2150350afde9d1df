"""Paging of the qualification lists: sizes as the API documents them, a page with its total."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 1000


@dataclass(frozen=True, slots=True)
class PageRequest:
    size: int = DEFAULT_PAGE_SIZE
    skip: int = 0

    @classmethod
    def of(cls, size: int, skip: int, default: int = DEFAULT_PAGE_SIZE) -> PageRequest:
        """0 means the default size; sizes are capped and negative skips count as 0."""
        wanted = size if size > 0 else default
        return cls(size=min(wanted, MAX_PAGE_SIZE), skip=max(skip, 0))


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    items: tuple[T, ...]
    total: int
