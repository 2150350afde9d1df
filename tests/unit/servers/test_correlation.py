"""The correlation id filter: the bound id, "-" outside calls, an explicit one kept; and the
CLI's log format shows it."""

from __future__ import annotations

import io
import logging

from cli.logging_setup import LOG_FORMAT
from servers.correlation import (
    CorrelationIdFilter,
    bind_correlation_id,
    correlation_id_or_new,
    unbind_correlation_id,
)


def _record(**extra: object) -> logging.LogRecord:
    record = logging.LogRecord("t", logging.INFO, __file__, 1, "hello", None, None)
    record.__dict__.update(extra)
    return record


def test_outside_a_call_the_id_is_a_dash() -> None:
    record = _record()
    assert CorrelationIdFilter().filter(record)
    assert getattr(record, "correlation_id", None) == "-"


def test_the_bound_id_is_put_on_the_record() -> None:
    token = bind_correlation_id("abc")
    try:
        record = _record()
        CorrelationIdFilter().filter(record)
    finally:
        unbind_correlation_id(token)
    assert getattr(record, "correlation_id", None) == "abc"


def test_an_explicit_id_is_kept() -> None:
    token = bind_correlation_id("abc")
    try:
        record = _record(correlation_id="sim-1")
        CorrelationIdFilter().filter(record)
    finally:
        unbind_correlation_id(token)
    assert getattr(record, "correlation_id", None) == "sim-1"


def test_unusable_ids_are_replaced() -> None:
    assert correlation_id_or_new("corr-42") == "corr-42"
    for bad in (None, "", "has space", "x" * 129):
        replaced = correlation_id_or_new(bad)
        assert replaced != bad
        assert len(replaced) == 36


def test_the_log_format_shows_the_id() -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    handler.addFilter(CorrelationIdFilter())
    logger = logging.getLogger("tests.correlation.format")
    logger.addHandler(handler)
    logger.propagate = False
    token = bind_correlation_id("abc")
    try:
        logger.warning("inside a call")
    finally:
        unbind_correlation_id(token)
        logger.removeHandler(handler)
    assert " WARNING tests.correlation.format [abc] inside a call" in stream.getvalue()
