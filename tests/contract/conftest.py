"""Contract suite: the official TMF620 v5 document (skipped when absent, failed under CI=true)
and a live facade over a real gRPC tier for the response checks."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.contract.official import OfficialValidator, official_document
from tests.integration.rest.harness import GrpcTier, Tmf620, facade, grpc_tier


@pytest.fixture(scope="module")
def official() -> OfficialValidator:
    return OfficialValidator(official_document())


@pytest.fixture(scope="module")
def tier(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GrpcTier]:
    with grpc_tier(tmp_path_factory.mktemp("contract-tier")) as running:
        yield running


@pytest.fixture(scope="module")
def import_folder(tier: GrpcTier) -> Path:
    return tier.import_folder


@pytest.fixture(scope="module")
def api(tier: GrpcTier) -> Iterator[Tmf620]:
    with facade(tier.target) as client:
        yield Tmf620(client)
