"""Configuration of the gRPC tier, read from the environment (flags override it in the CLI)."""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from domain.notification.callbacks import Network, parse_networks
from domain.notification.retries import RetrySchedule
from domain.ordering.policy import QualificationPolicy

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///ordercapture.db"
# Ten years: anything longer is a typo (and timedelta has limits).
MAXIMUM_HOURS = 24 * 366 * 10
# How the qualification policies are spelt in the environment.
POLICY_SPELLINGS: Mapping[str, QualificationPolicy] = {
    "inline": QualificationPolicy.INLINE,
    "reference-required": QualificationPolicy.REFERENCE_REQUIRED,
    "off": QualificationPolicy.OFF,
}


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    # SQLAlchemy async URL: sqlite+aiosqlite:///file.db or postgresql+psycopg://user@host/db
    database_url: str = DEFAULT_DATABASE_URL
    # Folder an import job may read catalog files from (file: URLs and relative paths).
    import_folder: Path = field(default_factory=lambda: Path("imports"))
    # Whether http(s) import URLs are allowed at all.
    allow_http_imports: bool = False
    # Load the demo catalog when the catalog is empty (idempotent).
    seed_demo_data: bool = False
    # How long a stored eligibility or feasibility check stays valid for an order to use.
    eligibility_check_lifetime: timedelta = timedelta(hours=24)
    feasibility_check_lifetime: timedelta = timedelta(hours=72)
    # Whether an order item must reference a stored eligibility (commercial) or feasibility
    # (technical) check, may be checked inline at submission, or is not checked at all.
    commercial_policy: QualificationPolicy = QualificationPolicy.INLINE
    technical_policy: QualificationPolicy = QualificationPolicy.INLINE
    # How long a create or cancellation request id is remembered (replayed, or refused when
    # reused with another body); afterwards the id is free again.
    idempotency_retention: timedelta = timedelta(hours=24)
    # Networks a listener's callback may point into besides public addresses (server-side
    # request forgery guard): none by default; the demo allows loopback.
    callback_allowed_networks: tuple[Network, ...] = ()
    # When a failed delivery is tried again, and for how long.
    retry_schedule: RetrySchedule = field(default_factory=RetrySchedule)

    @classmethod
    def from_environment(cls, **overrides: object) -> Settings:
        env = os.environ
        values: dict[str, object] = {
            "database_url": env.get("ORDERCAPTURE_DATABASE_URL", DEFAULT_DATABASE_URL),
            "import_folder": Path(env.get("ORDERCAPTURE_IMPORT_FOLDER", "imports")),
            "allow_http_imports": env.get("ORDERCAPTURE_ALLOW_HTTP_IMPORTS", "") == "1",
            "seed_demo_data": env.get("ORDERCAPTURE_SEED_DEMO_DATA", "") == "1",
            "eligibility_check_lifetime": _hours(env, "ORDERCAPTURE_ELIGIBILITY_CHECK_HOURS", 24),
            "feasibility_check_lifetime": _hours(env, "ORDERCAPTURE_FEASIBILITY_CHECK_HOURS", 72),
            "commercial_policy": _policy(env, "ORDERCAPTURE_ORDER_COMMERCIAL_POLICY"),
            "technical_policy": _policy(env, "ORDERCAPTURE_ORDER_TECHNICAL_POLICY"),
            "idempotency_retention": _hours(env, "ORDERCAPTURE_IDEMPOTENCY_HOURS", 24),
            "callback_allowed_networks": _networks(env, "ORDERCAPTURE_CALLBACK_ALLOWED_NETWORKS"),
            "retry_schedule": RetrySchedule(
                first_delay=_seconds(env, "ORDERCAPTURE_DELIVERY_FIRST_RETRY_SECONDS", 5),
                maximum_delay=_seconds(env, "ORDERCAPTURE_DELIVERY_MAXIMUM_RETRY_SECONDS", 3600),
                horizon=_hours(env, "ORDERCAPTURE_DELIVERY_HORIZON_HOURS", 24),
            ),
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]


def _hours(env: Mapping[str, str], name: str, default: float) -> timedelta:
    raw = env.get(name, "").strip()
    try:
        hours = float(raw) if raw else default
    except ValueError:
        raise ValueError(f"{name} must be a number of hours, not {raw!r}") from None
    if not math.isfinite(hours) or hours > MAXIMUM_HOURS:
        raise ValueError(f"{name} must be a number of hours up to {MAXIMUM_HOURS}, not {raw!r}")
    if hours <= 0:
        raise ValueError(f"{name} must be positive, not {raw!r}")
    return timedelta(hours=hours)


def _policy(env: Mapping[str, str], name: str) -> QualificationPolicy:
    raw = env.get(name, "").strip()
    if not raw:
        return QualificationPolicy.INLINE
    policy = POLICY_SPELLINGS.get(raw.lower())
    if policy is None:
        allowed = ", ".join(POLICY_SPELLINGS)
        raise ValueError(f"{name} must be one of {allowed}, not {raw!r}")
    return policy


def _networks(env: Mapping[str, str], name: str) -> tuple[Network, ...]:
    raw = env.get(name, "")
    try:
        return parse_networks(raw)
    except ValueError as error:
        raise ValueError(f"{name} must list networks like 127.0.0.0/8,::1: {error}") from None


def _seconds(env: Mapping[str, str], name: str, default: float) -> timedelta:
    raw = env.get(name, "").strip()
    try:
        seconds = float(raw) if raw else default
    except ValueError:
        raise ValueError(f"{name} must be a number of seconds, not {raw!r}") from None
    if not math.isfinite(seconds) or not 0 < seconds <= MAXIMUM_HOURS * 3600:
        raise ValueError(f"{name} must be a positive number of seconds, not {raw!r}")
    return timedelta(seconds=seconds)
