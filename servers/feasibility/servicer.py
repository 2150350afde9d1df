"""The FeasibilityService gRPC servicer: decode, call the use case, encode. No error handling
here: servers.errors.DomainErrorInterceptor turns every failure into a status."""

from __future__ import annotations

from typing import TypeAlias

import grpc

from domain.feasibility.administration import NetworkAdministration
from domain.feasibility.checks import CheckState
from domain.feasibility.paging import PageRequest
from domain.feasibility.queries import AvailabilityQuerying
from domain.feasibility.services import FeasibilityChecking
from ordercapture.feasibility.v1 import feasibility_service_pb2 as pb
from ordercapture.feasibility.v1 import feasibility_service_pb2_grpc
from servers.background import BackgroundTasks
from servers.conditions import conditions_from
from servers.extensions import extension_from
from servers.feasibility.mapping.addresses import address_from, address_to
from servers.feasibility.mapping.availability import place_services_to
from servers.feasibility.mapping.checks import check_request_from, check_to, place_from
from servers.feasibility.mapping.enums import states_from
from servers.feasibility.mapping.network import coverage_from, node_from, node_to
from servers.feasibility.mapping.queries import query_to

Context: TypeAlias = "grpc.aio.ServicerContext[object, object]"


class FeasibilityServicer(feasibility_service_pb2_grpc.FeasibilityServiceServicer):
    def __init__(
        self,
        checking: FeasibilityChecking,
        querying: AvailabilityQuerying,
        administration: NetworkAdministration,
        jobs: BackgroundTasks,
    ) -> None:
        self._checking = checking
        self._querying = querying
        self._administration = administration
        self._jobs = jobs  # asynchronous checks are judged after CheckFeasibility has answered

    async def ValidateAddress(
        self, request: pb.ValidateAddressRequest, context: Context
    ) -> pb.ValidateAddressResponse:
        found = await self._checking.validate_address(address_from(request.address))
        return pb.ValidateAddressResponse(
            valid=found.address is not None,
            matched=address_to(found.address) if found.address else None,
            suggestions=[address_to(a) for a in found.suggestions],
        )

    async def CheckFeasibility(
        self, request: pb.CheckFeasibilityRequest, context: Context
    ) -> pb.CheckFeasibilityResponse:
        check = await self._checking.check(check_request_from(request))
        if check.state is CheckState.ACCEPTED:
            self._jobs.spawn(
                self._checking.judge_accepted(check.id), name=f"feasibility-check-{check.id}"
            )
        return pb.CheckFeasibilityResponse(check=check_to(check))

    async def FindAvailableServices(
        self, request: pb.FindAvailableServicesRequest, context: Context
    ) -> pb.FindAvailableServicesResponse:
        found = await self._checking.find_available_services(place_from(request.place))
        return place_services_to(found)

    async def GetFeasibilityCheck(
        self, request: pb.GetFeasibilityCheckRequest, context: Context
    ) -> pb.GetFeasibilityCheckResponse:
        return pb.GetFeasibilityCheckResponse(
            check=check_to(await self._checking.get_check(request.id))
        )

    async def ListFeasibilityChecks(
        self, request: pb.ListFeasibilityChecksRequest, context: Context
    ) -> pb.ListFeasibilityChecksResponse:
        page = await self._checking.list_checks(
            states_from(request.states),
            PageRequest.checked(request.page_size, request.skip),
            conditions_from(request.conditions),
        )
        return pb.ListFeasibilityChecksResponse(
            checks=[check_to(c) for c in page.items], total_size=page.total
        )

    async def UpdateFeasibilityCheck(
        self, request: pb.UpdateFeasibilityCheckRequest, context: Context
    ) -> pb.UpdateFeasibilityCheckResponse:
        updated = await self._checking.update_check(
            request.check.id,
            description=request.check.description,
            external_id=request.check.external_id,
            fields=list(request.update_mask.paths),
            extension=extension_from(request.check.extension),
        )
        return pb.UpdateFeasibilityCheckResponse(check=check_to(updated))

    async def DeleteFeasibilityCheck(
        self, request: pb.DeleteFeasibilityCheckRequest, context: Context
    ) -> pb.DeleteFeasibilityCheckResponse:
        await self._checking.delete_check(request.id)
        return pb.DeleteFeasibilityCheckResponse()

    async def CreateAvailabilityQuery(
        self, request: pb.CreateAvailabilityQueryRequest, context: Context
    ) -> pb.CreateAvailabilityQueryResponse:
        query = await self._querying.create(
            place_from(request.place),
            party_id=request.party_id,
            description=request.description,
            external_id=request.external_id,
            asynchronous=request.asynchronous,
            extension=extension_from(request.extension),
        )
        if query.state is CheckState.ACCEPTED:
            self._jobs.spawn(
                self._querying.answer_accepted(query.id), name=f"availability-query-{query.id}"
            )
        return pb.CreateAvailabilityQueryResponse(query=query_to(query))

    async def GetAvailabilityQuery(
        self, request: pb.GetAvailabilityQueryRequest, context: Context
    ) -> pb.GetAvailabilityQueryResponse:
        return pb.GetAvailabilityQueryResponse(query=query_to(await self._querying.get(request.id)))

    async def ListAvailabilityQueries(
        self, request: pb.ListAvailabilityQueriesRequest, context: Context
    ) -> pb.ListAvailabilityQueriesResponse:
        page = await self._querying.list(
            states_from(request.states),
            PageRequest.checked(request.page_size, request.skip),
            conditions_from(request.conditions),
        )
        return pb.ListAvailabilityQueriesResponse(
            queries=[query_to(q) for q in page.items], total_size=page.total
        )

    async def UpdateAvailabilityQuery(
        self, request: pb.UpdateAvailabilityQueryRequest, context: Context
    ) -> pb.UpdateAvailabilityQueryResponse:
        updated = await self._querying.update(
            request.query.id,
            description=request.query.description,
            external_id=request.query.external_id,
            fields=list(request.update_mask.paths),
            extension=extension_from(request.query.extension),
        )
        return pb.UpdateAvailabilityQueryResponse(query=query_to(updated))

    async def DeleteAvailabilityQuery(
        self, request: pb.DeleteAvailabilityQueryRequest, context: Context
    ) -> pb.DeleteAvailabilityQueryResponse:
        await self._querying.delete(request.id)
        return pb.DeleteAvailabilityQueryResponse()

    async def UpsertAddresses(
        self, request: pb.UpsertAddressesRequest, context: Context
    ) -> pb.UpsertAddressesResponse:
        stored = await self._administration.upsert_addresses(
            [address_from(a) for a in request.addresses]
        )
        return pb.UpsertAddressesResponse(addresses=[address_to(a) for a in stored])

    async def ListAddresses(
        self, request: pb.ListAddressesRequest, context: Context
    ) -> pb.ListAddressesResponse:
        page = await self._administration.list_addresses(
            list(request.postcodes), PageRequest.checked(request.page_size, request.skip)
        )
        return pb.ListAddressesResponse(
            addresses=[address_to(a) for a in page.items], total_size=page.total
        )

    async def UpsertCoverage(
        self, request: pb.UpsertCoverageRequest, context: Context
    ) -> pb.UpsertCoverageResponse:
        stored = await self._administration.upsert_coverage(coverage_from(request.entries))
        return pb.UpsertCoverageResponse(stored=stored)

    async def UpsertAccessNodes(
        self, request: pb.UpsertAccessNodesRequest, context: Context
    ) -> pb.UpsertAccessNodesResponse:
        stored = await self._administration.upsert_access_nodes(
            [node_from(n) for n in request.nodes]
        )
        return pb.UpsertAccessNodesResponse(nodes=[node_to(n) for n in stored])
