"""FeasibilityService calls: the handlers' only way to the tier.

Each method builds the request message, awaits the stub with the facade's deadline and unwraps
the response. gRPC errors propagate to the one error handler (rest_facade.errors).
"""

from __future__ import annotations

from collections.abc import Sequence

from google.protobuf.field_mask_pb2 import FieldMask

from ordercapture.feasibility.v1 import (
    check_pb2,
    feasibility_service_pb2,
    feasibility_service_pb2_grpc,
    query_pb2,
)
from rest_facade.backend import GrpcBackend

fs = feasibility_service_pb2
Check = check_pb2.FeasibilityCheck
Query = query_pb2.AvailabilityQuery


class FeasibilityGateway:
    def __init__(self, backend: GrpcBackend) -> None:
        self._backend = backend
        self._channel: object = None
        self._stub: feasibility_service_pb2_grpc.FeasibilityServiceAsyncStub | None = None

    @property
    def _rpc(self) -> feasibility_service_pb2_grpc.FeasibilityServiceAsyncStub:
        channel = self._backend.channel
        if self._stub is None or self._channel is not channel:
            self._stub = feasibility_service_pb2_grpc.FeasibilityServiceStub(channel)
            self._channel = channel
        return self._stub

    @property
    def _timeout(self) -> float:
        return self._backend.deadline_seconds

    async def check(self, request: fs.CheckFeasibilityRequest) -> Check:
        return (await self._rpc.CheckFeasibility(request, timeout=self._timeout)).check

    async def get(self, check_id: str) -> Check:
        request = fs.GetFeasibilityCheckRequest(id=check_id)
        return (await self._rpc.GetFeasibilityCheck(request, timeout=self._timeout)).check

    async def list(self, request: fs.ListFeasibilityChecksRequest) -> tuple[Sequence[Check], int]:
        response = await self._rpc.ListFeasibilityChecks(request, timeout=self._timeout)
        return response.checks, response.total_size

    async def update(self, check: Check, mask: Sequence[str]) -> Check:
        request = fs.UpdateFeasibilityCheckRequest(check=check, update_mask=FieldMask(paths=mask))
        return (await self._rpc.UpdateFeasibilityCheck(request, timeout=self._timeout)).check

    async def delete(self, check_id: str) -> None:
        request = fs.DeleteFeasibilityCheckRequest(id=check_id)
        await self._rpc.DeleteFeasibilityCheck(request, timeout=self._timeout)

    async def create_query(self, request: fs.CreateAvailabilityQueryRequest) -> Query:
        return (await self._rpc.CreateAvailabilityQuery(request, timeout=self._timeout)).query

    async def get_query(self, query_id: str) -> Query:
        request = fs.GetAvailabilityQueryRequest(id=query_id)
        return (await self._rpc.GetAvailabilityQuery(request, timeout=self._timeout)).query

    async def list_queries(
        self, request: fs.ListAvailabilityQueriesRequest
    ) -> tuple[Sequence[Query], int]:
        response = await self._rpc.ListAvailabilityQueries(request, timeout=self._timeout)
        return response.queries, response.total_size

    async def update_query(self, query: Query, mask: Sequence[str]) -> Query:
        request = fs.UpdateAvailabilityQueryRequest(query=query, update_mask=FieldMask(paths=mask))
        return (await self._rpc.UpdateAvailabilityQuery(request, timeout=self._timeout)).query

    async def delete_query(self, query_id: str) -> None:
        request = fs.DeleteAvailabilityQueryRequest(id=query_id)
        await self._rpc.DeleteAvailabilityQuery(request, timeout=self._timeout)
