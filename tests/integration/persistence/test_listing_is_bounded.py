"""Listing pushes filtering, ordering, paging and counting into the database: a page of 5
out of 300 offerings issues a bounded SELECT, a COUNT(*), and one IN query per list, never a
query over every row and never one query per offering."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.catalog.model import BundleComponent
from domain.catalog.ports import UnitOfWorkFactory
from domain.catalog.queries import OfferingFilter, PageRequest, SortField, SortKey
from tests.integration.persistence import entities as e

OFFERING_COUNT = 300
PAGE = PageRequest(size=5, skip=40, order_by=(SortKey(SortField.NAME, descending=True),))
LIST_TABLES = ("offering_category", "offering_price", "bundle_component")


@contextmanager
def captured_selects(engine: AsyncEngine) -> Iterator[list[tuple[str, Any]]]:
    statements: list[tuple[str, Any]] = []

    def capture(*args: Any) -> None:
        _connection, _cursor, statement, parameters, _context, _many = args
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append((" ".join(statement.split()), parameters))

    event.listen(engine.sync_engine, "before_cursor_execute", capture)
    try:
        yield statements
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", capture)


async def store_offerings(new_uow: UnitOfWorkFactory) -> None:
    await e.store(new_uow, e.category("c1"), e.category("c2"), e.price("p1"))
    async with new_uow() as uow:
        for n in range(OFFERING_COUNT):
            await uow.offerings.add(
                e.offering(
                    f"o{n:03d}",
                    name=f"name {n % 7}",
                    category_ids=("c1", "c2") if n % 2 else ("c2",),
                    price_ids=("p1",),
                    is_bundle=n > 0,
                    bundle_components=(BundleComponent(offering_id="o000"),) if n > 0 else (),
                )
            )
        await uow.commit()


def assert_bounded(statements: list[tuple[str, Any]]) -> None:
    page_selects = [s for s, _ in statements if re.search(r"\bFROM offerings\b", s)]
    counts = [s for s in page_selects if "count(*)" in s.lower()]
    rows = [s for s in page_selects if s not in counts]
    assert len(counts) == 1, counts
    assert len(rows) == 1, rows
    assert re.search(r"\bLIMIT\b", rows[0]), rows[0]
    assert re.search(r"\bOFFSET\b", rows[0]), rows[0]
    assert re.search(r"\bORDER BY\b", rows[0]), rows[0]
    # Each list loads once for the whole page, keyed by the page's 5 ids.
    for table in LIST_TABLES:
        loads = [
            (s, p)
            for s, p in statements
            if re.search(rf"\bFROM {table}\b", s) and not re.search(r"\bFROM offerings\b", s)
        ]
        assert len(loads) == 1, (table, loads)
        statement, parameters = loads[0]
        assert " IN " in statement, statement
        assert len(parameters) == PAGE.size, (statement, parameters)
    assert len(statements) == 2 + len(LIST_TABLES), statements


async def test_a_page_of_300_offerings_reads_only_the_page(
    catalog_uow: UnitOfWorkFactory, db_engine: AsyncEngine
) -> None:
    await store_offerings(catalog_uow)

    with captured_selects(db_engine) as statements:
        async with catalog_uow() as uow:
            page = await uow.offerings.list(OfferingFilter(), PAGE)

    assert page.total == OFFERING_COUNT
    assert len(page.items) == PAGE.size
    assert all(o.bundle_components and o.price_ids for o in page.items)
    assert_bounded(statements)


async def test_a_filtered_page_counts_in_the_database(
    catalog_uow: UnitOfWorkFactory, db_engine: AsyncEngine
) -> None:
    await store_offerings(catalog_uow)
    query = OfferingFilter(category_ids=("c1",), is_bundle=True, names=("name 1", "name 2"))
    expected = sum(1 for n in range(1, OFFERING_COUNT) if n % 2 and n % 7 in (1, 2))

    with captured_selects(db_engine) as statements:
        async with catalog_uow() as uow:
            page = await uow.offerings.list(query, PageRequest(size=5, skip=10))

    assert page.total == expected
    assert [o.id for o in page.items] == [
        f"o{n:03d}" for n in range(1, OFFERING_COUNT) if n % 2 and n % 7 in (1, 2)
    ][10:15]
    assert any("EXISTS" in s for s, _ in statements)
    assert_bounded(statements)
