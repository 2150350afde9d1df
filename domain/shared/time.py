"""Value types about time shared by every context."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class TimePeriod:
    """A period with optional open ends; both ends are inclusive, timezone-aware."""

    start: datetime | None = None
    end: datetime | None = None

    def contains(self, instant: datetime) -> bool:
        if self.start is not None and instant < self.start:
            return False
        return not (self.end is not None and instant > self.end)

    def is_before(self, instant: datetime) -> bool:
        """True when the period has not started yet at `instant`."""
        return self.start is not None and instant < self.start
