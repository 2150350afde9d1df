"""Settings read from the environment: defaults, the spellings accepted, and refusals that
name the variable and the value."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from domain.ordering.policy import QualificationPolicy
from servers.settings import Settings

HOURS = [
    ("ORDERCAPTURE_ELIGIBILITY_CHECK_HOURS", "eligibility_check_lifetime"),
    ("ORDERCAPTURE_FEASIBILITY_CHECK_HOURS", "feasibility_check_lifetime"),
    ("ORDERCAPTURE_IDEMPOTENCY_HOURS", "idempotency_retention"),
]
POLICIES = [
    ("ORDERCAPTURE_ORDER_COMMERCIAL_POLICY", "commercial_policy"),
    ("ORDERCAPTURE_ORDER_TECHNICAL_POLICY", "technical_policy"),
]


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, _ in HOURS + POLICIES:
        monkeypatch.delenv(name, raising=False)


def test_defaults() -> None:
    settings = Settings.from_environment()
    assert settings.eligibility_check_lifetime == timedelta(hours=24)
    assert settings.feasibility_check_lifetime == timedelta(hours=72)
    assert settings.idempotency_retention == timedelta(hours=24)
    assert settings.commercial_policy is QualificationPolicy.INLINE
    assert settings.technical_policy is QualificationPolicy.INLINE
    plain = Settings()
    assert (plain.commercial_policy, plain.technical_policy, plain.idempotency_retention) == (
        settings.commercial_policy,
        settings.technical_policy,
        settings.idempotency_retention,
    )


@pytest.mark.parametrize(("variable", "attribute"), HOURS)
@pytest.mark.parametrize(("raw", "hours"), [("48", 48.0), ("0.5", 0.5), (" 36 ", 36.0)])
def test_hours_are_read(
    monkeypatch: pytest.MonkeyPatch, variable: str, attribute: str, raw: str, hours: float
) -> None:
    monkeypatch.setenv(variable, raw)
    assert getattr(Settings.from_environment(), attribute) == timedelta(hours=hours)


@pytest.mark.parametrize(("variable", "_attribute"), HOURS)
@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("a day", "must be a number of hours, not 'a day'"),
        ("0", "must be positive, not '0'"),
        ("-24", "must be positive, not '-24'"),
        ("nan", "must be a number of hours up to 87840, not 'nan'"),
        ("inf", "must be a number of hours up to 87840, not 'inf'"),
        ("1e9", "must be a number of hours up to 87840, not '1e9'"),
    ],
)
def test_bad_hours_are_refused_naming_the_variable(
    monkeypatch: pytest.MonkeyPatch, variable: str, _attribute: str, raw: str, message: str
) -> None:
    monkeypatch.setenv(variable, raw)
    with pytest.raises(ValueError, match="^" + variable + " " + message + "$"):
        Settings.from_environment()


@pytest.mark.parametrize(("variable", "attribute"), POLICIES)
@pytest.mark.parametrize(
    ("raw", "policy"),
    [
        ("inline", QualificationPolicy.INLINE),
        ("reference-required", QualificationPolicy.REFERENCE_REQUIRED),
        ("Reference-Required", QualificationPolicy.REFERENCE_REQUIRED),
        ("off", QualificationPolicy.OFF),
        (" OFF ", QualificationPolicy.OFF),
        ("", QualificationPolicy.INLINE),
    ],
)
def test_policies_are_read(
    monkeypatch: pytest.MonkeyPatch,
    variable: str,
    attribute: str,
    raw: str,
    policy: QualificationPolicy,
) -> None:
    monkeypatch.setenv(variable, raw)
    assert getattr(Settings.from_environment(), attribute) is policy


def test_the_two_policies_are_independent(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ORDERCAPTURE_ORDER_COMMERCIAL_POLICY", "off")
    monkeypatch.setenv("ORDERCAPTURE_ORDER_TECHNICAL_POLICY", "reference-required")
    settings = Settings.from_environment()
    assert settings.commercial_policy is QualificationPolicy.OFF
    assert settings.technical_policy is QualificationPolicy.REFERENCE_REQUIRED


@pytest.mark.parametrize(("variable", "_attribute"), POLICIES)
@pytest.mark.parametrize("raw", ["strict", "reference_required", "none", "1"])
def test_unknown_policies_are_refused_listing_the_choices(
    monkeypatch: pytest.MonkeyPatch, variable: str, _attribute: str, raw: str
) -> None:
    monkeypatch.setenv(variable, raw)
    expected = f"{variable} must be one of inline, reference-required, off, not {raw!r}"
    with pytest.raises(ValueError, match=f"^{re.escape(expected)}$"):
        Settings.from_environment()


def test_overrides_win_over_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ORDERCAPTURE_ORDER_COMMERCIAL_POLICY", "off")
    settings = Settings.from_environment(commercial_policy=QualificationPolicy.INLINE)
    assert settings.commercial_policy is QualificationPolicy.INLINE
