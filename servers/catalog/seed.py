"""The demo catalog, loaded on first start of the embedded default."""

from __future__ import annotations

from pathlib import Path

from domain.catalog.queries import OfferingFilter, PageRequest
from domain.catalog.services import CatalogManagement, ImportSummary
from servers.catalog.mapping.records import records_from
from servers.catalog.records import parse_catalog_file

DEMO_CATALOG = Path(__file__).with_name("demo_catalog.jsonl")


async def seed_demo_catalog(management: CatalogManagement) -> ImportSummary | None:
    """Imports the demo catalog into an empty catalog; does nothing once offerings exist."""
    existing = await management.list_offerings(OfferingFilter(), PageRequest(size=1))
    if existing.total:
        return None
    records = records_from(parse_catalog_file(DEMO_CATALOG.read_text(encoding="utf-8")))
    return await management.import_records(records)
