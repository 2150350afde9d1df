"""A real gRPC tier (`ordercapture serve-grpc` on a free port, empty temp SQLite database)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.integration.cli.processes import GRPC_LINE, ServerProcess, environment


@dataclass(frozen=True)
class GrpcTier:
    target: str
    env: dict[str, str]
    cwd: Path


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    return tmp_path


@pytest.fixture
def env(workdir: Path) -> dict[str, str]:
    return environment(f"sqlite+aiosqlite:///{workdir / 'ordercapture.db'}")


@pytest.fixture
def grpc_tier(env: dict[str, str], workdir: Path) -> Iterator[GrpcTier]:
    server = ServerProcess(["serve-grpc", "--listen", "127.0.0.1:0"], env, workdir)
    try:
        target = server.wait_for_line(GRPC_LINE)["target"]
        yield GrpcTier(target, env, workdir)
    finally:
        server.stop()
