"""Installs the ordering context in the gRPC tier: the order store, the adapters through
which validation asks the catalog, eligibility and feasibility contexts (built over their own
use cases and repositories), the use cases and both servicers."""

from __future__ import annotations

import grpc
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.catalog.services import CatalogManagement
from domain.feasibility.services import FeasibilityChecking
from domain.ordering.policy import ValidationPolicy
from domain.ordering.services import OrderCapture, OrderHandoff
from domain.ordering.validation import OrderValidator
from domain.qualification.ports import EligibilityChecks
from domain.qualification.services import Qualification
from ordercapture.ordering.v1 import (
    handoff_service_pb2,
    handoff_service_pb2_grpc,
    ordering_service_pb2,
    ordering_service_pb2_grpc,
)
from servers.feasibility.catalog_reader import CatalogServiceReader
from servers.feasibility.events import FEASIBILITY_EVENTS
from servers.ordering.catalog_reader import OrderingCatalog
from servers.ordering.eligibility import EligibilityOfOrders, UnstoredChecks
from servers.ordering.feasibility import FeasibilityOfOrders
from servers.ordering.handoff.servicer import OrderHandoffServicer
from servers.ordering.search import ORDERING_SEARCH
from servers.ordering.servicer import ProductOrderingServicer
from servers.persistence.feasibility_unit_of_work import feasibility_uow_factory
from servers.persistence.ordering_documents import cancellation_from, order_from
from servers.persistence.ordering_queries import OrderingQueries
from servers.persistence.ordering_rows import CancellationRow, OrderRow
from servers.persistence.ordering_unit_of_work import ordering_uow_factory
from servers.persistence.qualification_repositories import (
    SqlCustomerProfiles,
    SqlEligibilityChecks,
    SqlEligibilityRules,
)
from servers.persistence.search_backfill import fill_search_documents
from servers.qualification.catalog_reader import CatalogReader
from servers.qualification.places import AddressRegisterPlaces
from servers.settings import Settings
from servers.system import SystemClock, UuidIds

ORDERING_SERVICE = ordering_service_pb2.DESCRIPTOR.services_by_name[
    "ProductOrderingService"
].full_name
HANDOFF_SERVICE = handoff_service_pb2.DESCRIPTOR.services_by_name["OrderHandoffService"].full_name


async def install_ordering(
    server: grpc.aio.Server,
    sessions: async_sessionmaker[AsyncSession],
    settings: Settings,
    catalog: CatalogManagement,
) -> tuple[str, str]:
    """Registers ProductOrderingService and OrderHandoffService; returns their full names."""
    clock, ids = SystemClock(), UuidIds()
    validator = OrderValidator(
        catalog=OrderingCatalog(catalog),
        eligibility=EligibilityOfOrders(
            _qualification(sessions, settings, catalog, SqlEligibilityChecks(sessions)),
            _qualification(sessions, settings, catalog, UnstoredChecks()),
        ),
        feasibility=FeasibilityOfOrders(
            FeasibilityChecking(
                uow=feasibility_uow_factory(sessions, FEASIBILITY_EVENTS),
                catalog=CatalogServiceReader(catalog),
                clock=clock,
                ids=ids,
                check_lifetime=settings.feasibility_check_lifetime,
            )
        ),
        policy=ValidationPolicy(
            commercial=settings.commercial_policy, technical=settings.technical_policy
        ),
    )
    uow = ordering_uow_factory(sessions, clock.now, settings.idempotency_retention, ORDERING_SEARCH)
    await _fill_search_documents(sessions)
    queries = OrderingQueries(sessions)
    ordering_service_pb2_grpc.add_ProductOrderingServiceServicer_to_server(
        ProductOrderingServicer(OrderCapture(uow, clock, ids, validator), queries), server
    )
    handoff_service_pb2_grpc.add_OrderHandoffServiceServicer_to_server(
        OrderHandoffServicer(OrderHandoff(uow, clock, ids), queries), server
    )
    return ORDERING_SERVICE, HANDOFF_SERVICE


async def _fill_search_documents(sessions: async_sessionmaker[AsyncSession]) -> None:
    """Orders and cancellations stored before search documents existed (migration 0007)."""
    await fill_search_documents(
        sessions, OrderRow, lambda row: ORDERING_SEARCH.of_order(order_from(row.document))
    )
    await fill_search_documents(
        sessions,
        CancellationRow,
        lambda row: ORDERING_SEARCH.of_cancellation(cancellation_from(row.document)),
    )


def _qualification(
    sessions: async_sessionmaker[AsyncSession],
    settings: Settings,
    catalog: CatalogManagement,
    checks: EligibilityChecks,
) -> Qualification:
    """The eligibility use cases as servers/qualification/wiring.py builds them."""
    reader = CatalogReader(catalog)
    return Qualification(
        profiles=SqlCustomerProfiles(sessions),
        rules=SqlEligibilityRules(sessions),
        checks=checks,
        catalog=reader,
        configurations=reader,
        places=AddressRegisterPlaces(sessions),
        clock=SystemClock(),
        ids=UuidIds(),
        check_lifetime=settings.eligibility_check_lifetime,
    )
