"""The demo catalog, loaded on first start of the embedded default."""

from __future__ import annotations

from pathlib import Path

from domain.catalog.queries import OfferingFilter, PageRequest
from domain.catalog.services import CatalogManagement, ImportSummary
from servers.catalog.records import load_catalog_text

DEMO_CATALOG = Path(__file__).with_name("demo_catalog.jsonl")


async def seed_demo_catalog(management: CatalogManagement) -> ImportSummary | None:
    """Imports the demo catalog into a catalog without offerings; None when there are some.
    Re-running it is harmless anyway: an import replaces entities with the same id."""
    existing = await management.list_offerings(OfferingFilter(), PageRequest(size=1))
    if existing.total:
        return None
    records = load_catalog_text(DEMO_CATALOG.read_text(encoding="utf-8"))
    return await management.import_records(records)
