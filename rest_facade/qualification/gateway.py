"""EligibilityService calls: the handlers' only way to the tier.

Each method builds the request message, awaits the stub with the facade's deadline and unwraps
the response. gRPC errors propagate to the one error handler (rest_facade.errors).
"""

from __future__ import annotations

from collections.abc import Sequence

from google.protobuf.field_mask_pb2 import FieldMask

from ordercapture.qualification.v1 import (
    check_pb2,
    eligibility_service_pb2,
    eligibility_service_pb2_grpc,
    query_pb2,
)
from rest_facade.backend import GrpcBackend

es = eligibility_service_pb2
Check = check_pb2.EligibilityCheck
Query = query_pb2.EligibilityQuery


class EligibilityGateway:
    def __init__(self, backend: GrpcBackend) -> None:
        self._backend = backend
        self._channel: object = None
        self._stub: eligibility_service_pb2_grpc.EligibilityServiceAsyncStub | None = None

    @property
    def _rpc(self) -> eligibility_service_pb2_grpc.EligibilityServiceAsyncStub:
        """The stub on the backend's current channel (a new one after a lifespan restart)."""
        channel = self._backend.channel
        if self._stub is None or self._channel is not channel:
            self._stub = eligibility_service_pb2_grpc.EligibilityServiceStub(channel)
            self._channel = channel
        return self._stub

    @property
    def _timeout(self) -> float:
        return self._backend.deadline_seconds

    async def check(self, request: es.CheckEligibilityRequest) -> Check:
        return (await self._rpc.CheckEligibility(request, timeout=self._timeout)).check

    async def get(self, check_id: str) -> Check:
        request = es.GetEligibilityCheckRequest(id=check_id)
        return (await self._rpc.GetEligibilityCheck(request, timeout=self._timeout)).check

    async def list(self, request: es.ListEligibilityChecksRequest) -> tuple[Sequence[Check], int]:
        response = await self._rpc.ListEligibilityChecks(request, timeout=self._timeout)
        return response.checks, response.total_size

    async def update(self, check: Check, mask: Sequence[str]) -> Check:
        request = es.UpdateEligibilityCheckRequest(check=check, update_mask=FieldMask(paths=mask))
        return (await self._rpc.UpdateEligibilityCheck(request, timeout=self._timeout)).check

    async def delete(self, check_id: str) -> None:
        request = es.DeleteEligibilityCheckRequest(id=check_id)
        await self._rpc.DeleteEligibilityCheck(request, timeout=self._timeout)

    async def create_query(self, request: es.CreateEligibilityQueryRequest) -> Query:
        return (await self._rpc.CreateEligibilityQuery(request, timeout=self._timeout)).query

    async def get_query(self, query_id: str) -> Query:
        request = es.GetEligibilityQueryRequest(id=query_id)
        return (await self._rpc.GetEligibilityQuery(request, timeout=self._timeout)).query

    async def list_queries(
        self, request: es.ListEligibilityQueriesRequest
    ) -> tuple[Sequence[Query], int]:
        response = await self._rpc.ListEligibilityQueries(request, timeout=self._timeout)
        return response.queries, response.total_size

    async def update_query(self, query: Query, mask: Sequence[str]) -> Query:
        request = es.UpdateEligibilityQueryRequest(query=query, update_mask=FieldMask(paths=mask))
        return (await self._rpc.UpdateEligibilityQuery(request, timeout=self._timeout)).query

    async def delete_query(self, query_id: str) -> None:
        request = es.DeleteEligibilityQueryRequest(id=query_id)
        await self._rpc.DeleteEligibilityQuery(request, timeout=self._timeout)
