"""Judging many configurations against a stored catalog: the same answers as one request at
a time, from a number of reads that depends on the depth of the bundles, not on how many
configurations are judged."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncEngine

from domain.catalog.ports import UnitOfWorkFactory
from domain.catalog.services import CatalogManagement
from tests.fakes.catalog import FixedClock, SequentialIds
from tests.integration.persistence import entities as e
from tests.integration.persistence.test_listing_is_bounded import captured_selects
from tests.unit.catalog.test_configuration import NET, NET_SPEC, PACK, PHONE, TV, TV_SPEC
from tests.unit.catalog.test_validate_configurations import INNER, OUTER, REQUESTS


def catalog(uow: UnitOfWorkFactory) -> CatalogManagement:
    return CatalogManagement(uow, FixedClock(datetime(2026, 1, 1, tzinfo=UTC)), SequentialIds())


def reads_of(statements: list[tuple[str, object]], table: str) -> list[str]:
    return [s for s, _ in statements if re.search(rf"\bFROM {table}\b", s)]


async def test_stored_answers_match_one_at_a_time(
    catalog_uow: UnitOfWorkFactory, db_engine: AsyncEngine
) -> None:
    await e.store(catalog_uow, NET_SPEC, TV_SPEC, NET, TV, PHONE, PACK, INNER, OUTER)
    service = catalog(catalog_uow)
    one_at_a_time = [
        await service.validate_configuration(r.offering_id, r.configuration) for r in REQUESTS
    ]

    with captured_selects(db_engine) as statements:
        together = await service.validate_configurations(REQUESTS)

    assert list(together) == one_at_a_time
    assert sum(1 for found in together if found) >= 5
    # Requested offerings, then one read per bundle level below them; specifications once.
    assert 1 <= len(reads_of(statements, "offerings")) <= 3
    assert len(reads_of(statements, "product_specifications")) == 1


async def test_more_requests_do_not_mean_more_reads(
    catalog_uow: UnitOfWorkFactory, db_engine: AsyncEngine
) -> None:
    await e.store(catalog_uow, NET_SPEC, TV_SPEC, NET, TV, PHONE, PACK, INNER, OUTER)
    service = catalog(catalog_uow)

    with captured_selects(db_engine) as once:
        single = await service.validate_configurations(REQUESTS)
    with captured_selects(db_engine) as tenfold:
        repeated = await service.validate_configurations(REQUESTS * 10)

    assert list(repeated) == list(single) * 10
    assert len(tenfold) == len(once)
    assert len(reads_of(once, "offerings")) < len(REQUESTS)
