"""A CatalogManagement over in-memory fakes, with a clock and ids the tests control."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from domain.catalog.services import CatalogManagement
from tests.fakes.catalog import (
    FakeCatalogFileLoader,
    FakeCatalogStore,
    FakeCatalogUnitOfWorkFactory,
    FixedClock,
    SequentialIds,
)

T0 = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(T0)


@pytest.fixture
def ids() -> SequentialIds:
    return SequentialIds("gen-")


@pytest.fixture
def uow() -> FakeCatalogUnitOfWorkFactory:
    return FakeCatalogUnitOfWorkFactory()


@pytest.fixture
def store(uow: FakeCatalogUnitOfWorkFactory) -> FakeCatalogStore:
    return uow.store


@pytest.fixture
def loader() -> FakeCatalogFileLoader:
    return FakeCatalogFileLoader()


@pytest.fixture
def service(
    uow: FakeCatalogUnitOfWorkFactory,
    clock: FixedClock,
    ids: SequentialIds,
    loader: FakeCatalogFileLoader,
) -> CatalogManagement:
    return CatalogManagement(uow, clock, ids, loader)
