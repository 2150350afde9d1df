"""Money as currency and exact decimal amount."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class Money:
    currency_code: str
    amount: Decimal
