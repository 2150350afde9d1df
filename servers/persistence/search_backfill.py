"""Rows stored before search documents existed (migration 0007) get theirs when the server
starts, in batches, so attribute conditions see every resource. Rows written since carry one."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from servers.persistence.base import SearchedRow

R = TypeVar("R", bound=SearchedRow)

BATCH = 500


async def fill_search_documents(
    sessions: async_sessionmaker[AsyncSession],
    row_type: type[R],
    document: Callable[[R], dict[str, Any]],
) -> int:
    """Writes the search document of every row that has none; returns how many it wrote."""
    filled = 0
    while True:
        async with sessions() as session, session.begin():
            rows = (
                await session.scalars(
                    select(row_type)
                    .where(row_type.search.is_(None))
                    .order_by(row_type.id)
                    .limit(BATCH)
                )
            ).all()
            for row in rows:
                row.search = document(row)
        filled += len(rows)
        if len(rows) < BATCH:
            return filled
