"""Installs the qualification context into the gRPC server: repositories (stored checks and
queries writing their events to the outbox, servers/qualification/events.py), catalog and
place adapters, use cases (checks, stored queries, administration), demo data (when
configured) and the EligibilityService servicer."""

from __future__ import annotations

import grpc
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.catalog.services import CatalogManagement
from domain.qualification.administration import EligibilityAdministration
from domain.qualification.searches import EligibilitySearches
from domain.qualification.services import Qualification
from ordercapture.qualification.v1 import eligibility_service_pb2, eligibility_service_pb2_grpc
from servers.background import BackgroundTasks
from servers.persistence.qualification_mapping import check_from_row, query_from_row
from servers.persistence.qualification_repositories import (
    SqlCustomerProfiles,
    SqlEligibilityChecks,
    SqlEligibilityQueries,
    SqlEligibilityRules,
)
from servers.persistence.qualification_rows import EligibilityCheckRow, EligibilityQueryRow
from servers.persistence.search_backfill import fill_search_documents
from servers.persistence.search_documents import search_document
from servers.qualification.catalog_reader import CatalogReader
from servers.qualification.events import ELIGIBILITY_CHECKS, ELIGIBILITY_QUERIES
from servers.qualification.places import AddressRegisterPlaces
from servers.qualification.seed import seed_demo_eligibility
from servers.qualification.servicer import EligibilityServicer
from servers.settings import Settings
from servers.system import SystemClock, UuidIds

ELIGIBILITY_SERVICE = eligibility_service_pb2.DESCRIPTOR.services_by_name[
    "EligibilityService"
].full_name


async def install_eligibility(
    server: grpc.aio.Server,
    sessions: async_sessionmaker[AsyncSession],
    settings: Settings,
    jobs: BackgroundTasks,
    catalog: CatalogManagement,
) -> str:
    """Seeds (when configured), registers the servicer and returns the full service name."""
    clock, ids = SystemClock(), UuidIds()
    rules, profiles = SqlEligibilityRules(sessions), SqlCustomerProfiles(sessions)
    reader = CatalogReader(catalog)
    qualification = Qualification(
        profiles=profiles,
        rules=rules,
        checks=SqlEligibilityChecks(sessions, ELIGIBILITY_CHECKS),
        catalog=reader,
        configurations=reader,
        places=AddressRegisterPlaces(sessions),
        clock=clock,
        ids=ids,
        check_lifetime=settings.eligibility_check_lifetime,
    )
    administration = EligibilityAdministration(rules=rules, profiles=profiles, clock=clock, ids=ids)
    searches = EligibilitySearches(
        qualification=qualification,
        queries=SqlEligibilityQueries(sessions, ELIGIBILITY_QUERIES),
        clock=clock,
        ids=ids,
        lifetime=settings.eligibility_check_lifetime,
    )
    await fill_search_documents_of_eligibility(sessions)
    if settings.seed_demo_data:
        await seed_demo_eligibility(administration)
    eligibility_service_pb2_grpc.add_EligibilityServiceServicer_to_server(
        EligibilityServicer(qualification, administration, searches, jobs), server
    )
    return ELIGIBILITY_SERVICE


async def fill_search_documents_of_eligibility(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    """Checks and queries stored before search documents existed (migration 0007) get theirs,
    so the lists' attribute conditions see them."""
    await fill_search_documents(
        sessions,
        EligibilityCheckRow,
        lambda row: search_document(ELIGIBILITY_CHECKS.message(check_from_row(row))),
    )
    await fill_search_documents(
        sessions,
        EligibilityQueryRow,
        lambda row: search_document(ELIGIBILITY_QUERIES.message(query_from_row(row))),
    )
