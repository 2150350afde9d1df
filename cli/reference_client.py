"""The client side of the reference-data upserts: one blocking unary call per batch.

Synchronous on purpose, like cli/import_client.py: a CLI needs no event loop, and a sync stub
can be driven by grpcio-testing in unit tests."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic

import grpc

from cli.reference_batches import Batch
from cli.reference_data import M
from ordercapture.feasibility.v1 import feasibility_service_pb2 as feasibility
from ordercapture.feasibility.v1 import feasibility_service_pb2_grpc as feasibility_grpc
from ordercapture.qualification.v1 import eligibility_service_pb2 as eligibility
from ordercapture.qualification.v1 import eligibility_service_pb2_grpc as eligibility_grpc

# One request of messages, sent with a deadline in seconds; returns how many were stored.
Send = Callable[[list[Any], float | None], int]


@dataclass(frozen=True)
class Upsert:
    """One upsert RPC: its name for messages, the request field that carries the messages
    (the prefix of the server's field violations), and how to call it on a channel."""

    method: str  # "EligibilityService.UpsertEligibilityRules"
    request_field: str
    bind: Callable[[grpc.Channel], Send]


def _upsert_rules(channel: grpc.Channel) -> Send:
    stub = eligibility_grpc.EligibilityServiceStub(channel)
    return lambda rules, timeout: len(
        stub.UpsertEligibilityRules(
            eligibility.UpsertEligibilityRulesRequest(rules=rules), timeout=timeout
        ).rules
    )


def _upsert_profiles(channel: grpc.Channel) -> Send:
    stub = eligibility_grpc.EligibilityServiceStub(channel)
    return lambda profiles, timeout: len(
        stub.UpsertCustomerProfiles(
            eligibility.UpsertCustomerProfilesRequest(profiles=profiles), timeout=timeout
        ).profiles
    )


def _upsert_addresses(channel: grpc.Channel) -> Send:
    stub = feasibility_grpc.FeasibilityServiceStub(channel)
    return lambda addresses, timeout: len(
        stub.UpsertAddresses(
            feasibility.UpsertAddressesRequest(addresses=addresses), timeout=timeout
        ).addresses
    )


def _upsert_coverage(channel: grpc.Channel) -> Send:
    stub = feasibility_grpc.FeasibilityServiceStub(channel)
    return lambda entries, timeout: (
        stub.UpsertCoverage(
            feasibility.UpsertCoverageRequest(entries=entries), timeout=timeout
        ).stored
    )


def _upsert_access_nodes(channel: grpc.Channel) -> Send:
    stub = feasibility_grpc.FeasibilityServiceStub(channel)
    return lambda nodes, timeout: len(
        stub.UpsertAccessNodes(
            feasibility.UpsertAccessNodesRequest(nodes=nodes), timeout=timeout
        ).nodes
    )


UPSERT_RULES = Upsert("EligibilityService.UpsertEligibilityRules", "rules", _upsert_rules)
UPSERT_PROFILES = Upsert("EligibilityService.UpsertCustomerProfiles", "profiles", _upsert_profiles)
UPSERT_ADDRESSES = Upsert("FeasibilityService.UpsertAddresses", "addresses", _upsert_addresses)
UPSERT_COVERAGE = Upsert("FeasibilityService.UpsertCoverage", "entries", _upsert_coverage)
UPSERT_ACCESS_NODES = Upsert("FeasibilityService.UpsertAccessNodes", "nodes", _upsert_access_nodes)


class BatchRefused(Exception, Generic[M]):
    """A batch failed; the batches before it were stored, it and the ones after were not."""

    def __init__(self, error: grpc.RpcError, number: int, batch: Batch[M], stored: int) -> None:
        super().__init__(f"batch {number} failed")
        self.error = error
        self.number = number  # 1-based
        self.batch = batch
        self.stored = stored  # records stored by the earlier batches


def send_batches(
    send: Send,
    batches: Sequence[Batch[M]],
    *,
    timeout: float | None = None,
    on_sent: Callable[[int], None] = lambda _: None,
) -> int:
    """Sends the batches in order, stopping at the first failure (BatchRefused). Returns
    what the server says it stored. `on_sent(n)` runs once n records have been accepted."""
    sent = stored = 0
    for number, batch in enumerate(batches, start=1):
        try:
            stored += send(batch.messages, timeout)
        except grpc.RpcError as error:
            raise BatchRefused(error, number, batch, sent) from error
        sent += len(batch.records)
        on_sent(sent)
    return stored
