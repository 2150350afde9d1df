"""The configuration is documented where users look: --help."""

from __future__ import annotations

import pytest

from cli.main import build_parser

VARIABLES = [
    "ORDERCAPTURE_DATABASE_URL",
    "ORDERCAPTURE_IMPORT_FOLDER",
    "ORDERCAPTURE_ALLOW_HTTP_IMPORTS",
    "ORDERCAPTURE_SEED_DEMO_DATA",
    "ORDERCAPTURE_ELIGIBILITY_CHECK_HOURS",
    "ORDERCAPTURE_FEASIBILITY_CHECK_HOURS",
    "ORDERCAPTURE_ORDER_COMMERCIAL_POLICY",
    "ORDERCAPTURE_ORDER_TECHNICAL_POLICY",
    "ORDERCAPTURE_IDEMPOTENCY_HOURS",
]


def _help(capsys: pytest.CaptureFixture[str], *command: str) -> str:
    with pytest.raises(SystemExit) as exited:
        build_parser().parse_args([*command, "--help"])
    assert exited.value.code == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("command", [[], ["serve"], ["serve-grpc"]])
def test_documents_the_environment(capsys: pytest.CaptureFixture[str], command: list[str]) -> None:
    text = _help(capsys, *command)
    assert all(v in text for v in VARIABLES), text


@pytest.mark.parametrize(
    ("command", "flags"),
    [
        (["serve"], ["--grpc-listen", "--rest-listen", "--database-url", "--seed-demo-data"]),
        (["serve-grpc"], ["--listen", "--database-url", "--seed-demo-data"]),
        (["serve-rest"], ["--grpc-target", "--listen"]),
        (["catalog", "import"], ["FILE", "--grpc-target", "--chunk-size", "Exit codes"]),
    ],
)
def test_documents_the_flags(
    capsys: pytest.CaptureFixture[str], command: list[str], flags: list[str]
) -> None:
    text = _help(capsys, *command)
    assert all(f in text for f in flags), text
