"""The log format of every command: time, level, logger, the correlation id of the gRPC call
or REST request being handled ("-" outside both), message. One line per record, on stderr."""

from __future__ import annotations

import logging

from rest_facade.correlation import current_correlation_id as current_rest_correlation_id
from servers.correlation import CorrelationIdFilter

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(correlation_id)s] %(message)s"
# Startup chatter that says nothing to an operator (migrations applied stay visible).
_QUIET = ("alembic.runtime.plugins", "connexion")


def configure_logging(level: int = logging.INFO) -> None:
    logging.basicConfig(level=level, format=LOG_FORMAT)
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, CorrelationIdFilter) for f in handler.filters):
            handler.addFilter(CorrelationIdFilter(current_rest_correlation_id))
    for noisy in _QUIET:
        logging.getLogger(noisy).setLevel(logging.WARNING)
    # The documents declare bearerAuth (with anonymous access) before tokens are enforced, and
    # Connexion warns once per operation that no bearer check is configured: 69 lines at start.
    logging.getLogger("connexion.security").setLevel(logging.ERROR)
