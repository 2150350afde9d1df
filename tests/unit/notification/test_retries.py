from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from domain.notification.retries import RetrySchedule

START = datetime(2026, 1, 1, tzinfo=UTC)
SCHEDULE = RetrySchedule(
    first_delay=timedelta(seconds=5), maximum_delay=timedelta(hours=1), horizon=timedelta(hours=24)
)


def test_delays_double_within_their_jitter_band_up_to_the_maximum() -> None:
    rng = random.Random(7)
    for attempts, base in [(1, 5), (2, 10), (3, 20), (10, 2560), (20, 3600), (60, 3600)]:
        due = SCHEDULE.next_attempt(attempts, START, START, rng=rng)
        assert due is not None
        delay = (due - START).total_seconds()
        assert base / 2 <= delay <= base, (attempts, delay)


def test_retry_after_is_honoured_when_longer() -> None:
    due = SCHEDULE.next_attempt(1, START, START, retry_after=timedelta(minutes=10))
    assert due == START + timedelta(minutes=10)


def test_nothing_is_scheduled_past_the_horizon() -> None:
    late = START + timedelta(hours=23, minutes=59)
    assert SCHEDULE.next_attempt(30, START, late) is None
    assert SCHEDULE.next_attempt(1, START, START + timedelta(hours=1)) is not None
