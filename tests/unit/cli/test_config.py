from __future__ import annotations

from pathlib import Path

import pytest

from cli.config import DEFAULT_DATABASE_URL, grpc_settings


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("ORDERCAPTURE_DATABASE_URL", "ORDERCAPTURE_SEED_DEMO_DATA"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)  # the default database lives under ./var


def test_the_embedded_default_is_a_sqlite_file_under_var() -> None:
    settings = grpc_settings(database_url=None, seed_demo_data=None, seed_by_default=True)
    assert settings.database_url == DEFAULT_DATABASE_URL
    assert Path("var").is_dir()
    assert settings.seed_demo_data is True


def test_the_flag_wins_over_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ORDERCAPTURE_DATABASE_URL", "sqlite+aiosqlite:///env.db")
    monkeypatch.setenv("ORDERCAPTURE_SEED_DEMO_DATA", "1")
    settings = grpc_settings(
        database_url="sqlite+aiosqlite:///data/flag.db", seed_demo_data=False, seed_by_default=True
    )
    assert settings.database_url == "sqlite+aiosqlite:///data/flag.db"
    assert Path("data").is_dir()
    assert settings.seed_demo_data is False


def test_the_environment_wins_over_the_command_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ORDERCAPTURE_DATABASE_URL", "postgresql+psycopg://u@db.example:5432/oc")
    monkeypatch.setenv("ORDERCAPTURE_SEED_DEMO_DATA", "0")
    settings = grpc_settings(database_url=None, seed_demo_data=None, seed_by_default=True)
    assert settings.database_url == "postgresql+psycopg://u@db.example:5432/oc"
    assert settings.seed_demo_data is False
    assert not Path("var").exists()


def test_serve_grpc_does_not_seed_unless_asked() -> None:
    settings = grpc_settings(database_url=None, seed_demo_data=None, seed_by_default=False)
    assert settings.seed_demo_data is False


def test_a_misconfigured_variable_stops_the_command_with_its_message(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ORDERCAPTURE_ORDER_TECHNICAL_POLICY", "strict")
    with pytest.raises(SystemExit) as exited:
        grpc_settings(database_url=None, seed_demo_data=None, seed_by_default=True)
    assert str(exited.value.code) == (
        "ordercapture: ORDERCAPTURE_ORDER_TECHNICAL_POLICY must be one of "
        "inline, reference-required, off, not 'strict'"
    )
    assert not Path("var").exists()
