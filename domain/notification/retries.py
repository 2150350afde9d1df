"""When to try a failed delivery again: exponential backoff with jitter, never sooner than
the listener's Retry-After, and never after the horizon (then the delivery has failed)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True, slots=True)
class RetrySchedule:
    first_delay: timedelta = timedelta(seconds=5)
    maximum_delay: timedelta = timedelta(hours=1)
    horizon: timedelta = timedelta(hours=24)

    def next_attempt(
        self,
        attempts: int,
        created: datetime,
        now: datetime,
        retry_after: timedelta = timedelta(0),
        rng: random.Random | None = None,
    ) -> datetime | None:
        """After `attempts` failed attempts: when to try next, or None to give up. The delay
        doubles per attempt up to the maximum; jitter spreads it over its upper half so
        listeners recovering from an outage are not hit by every retry at once."""
        exponent = min(max(attempts - 1, 0), 40)
        delay = min(self.first_delay * (2**exponent), self.maximum_delay)
        jitter = (rng or random).uniform(0.5, 1.0)
        due = now + max(delay * jitter, retry_after)
        return due if due <= created + self.horizon else None
