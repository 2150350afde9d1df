"""Checks shared by the contract tests."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta
from typing import Any

from domain.shared.time import TimePeriod


def assert_times_are_utc(entity: Any) -> None:
    """Every timestamp of the entity (validity included) is timezone-aware UTC."""
    for field in dataclasses.fields(entity):
        value = getattr(entity, field.name)
        values = [value.start, value.end] if isinstance(value, TimePeriod) else [value]
        for moment in values:
            if isinstance(moment, datetime):
                assert moment.tzinfo is not None, f"{field.name} is naive"
                assert moment.utcoffset() == timedelta(0), f"{field.name} is not UTC"
                assert moment.tzinfo == UTC, f"{field.name} has tzinfo {moment.tzinfo!r}"
