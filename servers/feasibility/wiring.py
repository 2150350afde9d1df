"""Installs the feasibility context in the gRPC tier: use cases over the database (stored
checks and availability queries writing their events to the outbox,
servers/feasibility/events.py) and the catalog, the demo network when configured, and the
servicer."""

from __future__ import annotations

import grpc
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.catalog.services import CatalogManagement
from domain.feasibility.administration import NetworkAdministration
from domain.feasibility.queries import AvailabilityQuerying
from domain.feasibility.services import FeasibilityChecking
from ordercapture.feasibility.v1 import feasibility_service_pb2, feasibility_service_pb2_grpc
from servers.background import BackgroundTasks
from servers.feasibility.catalog_reader import CatalogServiceReader
from servers.feasibility.events import AVAILABILITY_QUERIES, FEASIBILITY_CHECKS, FEASIBILITY_EVENTS
from servers.feasibility.seed import seed_demo_network
from servers.feasibility.servicer import FeasibilityServicer
from servers.persistence.feasibility_repositories import check_from_row, query_from_row
from servers.persistence.feasibility_rows import (
    FeasibilityAvailabilityQueryRow,
    FeasibilityCheckRow,
)
from servers.persistence.feasibility_unit_of_work import feasibility_uow_factory
from servers.persistence.search_backfill import fill_search_documents
from servers.persistence.search_documents import search_document
from servers.settings import Settings
from servers.system import SystemClock, UuidIds

FEASIBILITY_SERVICE = feasibility_service_pb2.DESCRIPTOR.services_by_name[
    "FeasibilityService"
].full_name


async def install_feasibility(
    server: grpc.aio.Server,
    sessions: async_sessionmaker[AsyncSession],
    settings: Settings,
    jobs: BackgroundTasks,
    catalog: CatalogManagement,
) -> str:
    """Registers FeasibilityService on `server` and returns its full name."""
    uow = feasibility_uow_factory(sessions, FEASIBILITY_EVENTS)
    ids = UuidIds()
    checking = FeasibilityChecking(
        uow=uow,
        catalog=CatalogServiceReader(catalog),
        clock=SystemClock(),
        ids=ids,
        check_lifetime=settings.feasibility_check_lifetime,
    )
    querying = AvailabilityQuerying(
        uow=uow,
        checking=checking,
        clock=SystemClock(),
        ids=ids,
        lifetime=settings.feasibility_check_lifetime,
    )
    administration = NetworkAdministration(uow=uow, ids=ids)
    await fill_search_documents_of_feasibility(sessions)
    if settings.seed_demo_data:
        await seed_demo_network(administration)
    feasibility_service_pb2_grpc.add_FeasibilityServiceServicer_to_server(
        FeasibilityServicer(checking, querying, administration, jobs), server
    )
    return FEASIBILITY_SERVICE


async def fill_search_documents_of_feasibility(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    """Checks and availability queries stored before search documents existed (migration
    0007) get theirs, so the lists' attribute conditions see them."""
    await fill_search_documents(
        sessions,
        FeasibilityCheckRow,
        lambda row: search_document(FEASIBILITY_CHECKS.message(check_from_row(row))),
    )
    await fill_search_documents(
        sessions,
        FeasibilityAvailabilityQueryRow,
        lambda row: search_document(AVAILABILITY_QUERIES.message(query_from_row(row))),
    )
