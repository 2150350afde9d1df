"""Fixtures of the REST integration suite: one real gRPC tier (SQLite in a temporary folder)
and the facade in front of it, with response validation on, per test module."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.integration.rest.harness import GrpcTier, Tmf620, facade, grpc_tier


@pytest.fixture(scope="module")
def tier(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GrpcTier]:
    with grpc_tier(tmp_path_factory.mktemp("grpc-tier")) as running:
        yield running


@pytest.fixture(scope="module")
def import_folder(tier: GrpcTier) -> Path:
    return tier.import_folder


@pytest.fixture(scope="module")
def api(tier: GrpcTier) -> Iterator[Tmf620]:
    with facade(tier.target) as client:
        yield Tmf620(client)
