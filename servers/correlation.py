"""The correlation id of the gRPC call being handled, for every log line written meanwhile.

CorrelationIdInterceptor (correlation_interceptor.py) sets it for each call, from the caller's
`x-correlation-id` or freshly generated; the ordering metadata reader uses the same value, so
the id echoed to the caller, the id stored on events and the id in the logs agree.
CorrelationIdFilter puts it on log records as `correlation_id` ("-" outside any call).
Standard library only: the CLI's logging setup imports it without loading grpc."""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Callable
from contextvars import ContextVar, Token

CORRELATION_ID_KEY = "x-correlation-id"
NONE = "-"
# What is accepted from a caller as a correlation id: printable, no spaces, bounded.
_USABLE = re.compile(r"^[\x21-\x7e]{1,128}$")

_current: ContextVar[str | None] = ContextVar("correlation_id", default=None)


def usable(given: str | None) -> bool:
    return given is not None and _USABLE.match(given) is not None


def new_correlation_id() -> str:
    return str(uuid.uuid4())


def correlation_id_or_new(given: str | None) -> str:
    """The caller's id when usable, else a new one."""
    return given if given is not None and usable(given) else new_correlation_id()


def current_correlation_id() -> str | None:
    """The id of the call being handled in this task, None outside a call."""
    return _current.get()


def bind_correlation_id(correlation_id: str | None) -> Token[str | None]:
    """Sets the id for this task (and tasks it starts); returns a token for unbind."""
    return _current.set(correlation_id)


def unbind_correlation_id(token: Token[str | None]) -> None:
    _current.reset(token)


class CorrelationIdFilter(logging.Filter):
    """Adds `correlation_id` to every record: the current call's id, "-" outside calls. A
    record that already carries one (logger.info(..., extra={"correlation_id": ...}), as a
    client logging the id it sent does) keeps it. Install it on handlers, not loggers, so
    records propagated from any logger get it."""

    def __init__(self, *elsewhere: Callable[[], str | None]) -> None:
        """`elsewhere`: other places a current id may be bound (the REST facade's request),
        asked in order when no gRPC call is being handled."""
        super().__init__()
        self._sources = (_current.get, *elsewhere)

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "correlation_id", None) is None:
            found = (source() for source in self._sources)
            record.correlation_id = next((c for c in found if c), NONE)
        return True
