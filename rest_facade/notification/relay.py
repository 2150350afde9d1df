"""The relay: claims due deliveries from the gRPC tier's work queue, renders each event in
its subscriber's TMF shape, and POSTs it to the listener path TMF names for that event,
signed. Only 2xx counts as delivered; 410 Gone disables the subscription; anything else (or
a timeout, or a refused destination) is reported as failed and the tier schedules the retry.
Redirects are not followed. Any number of relays may run: the queue gives each delivery to
one relay at a time, and a relay that dies only delays its claims until their lease ends."""

from __future__ import annotations

import asyncio
import json
import logging
import time
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field

import grpc
import httpx

from ordercapture.notification.v1 import relay_service_pb2 as rs
from ordercapture.notification.v1 import relay_service_pb2_grpc
from rest_facade.notification.egress import EgressRefused, Network, check_destination
from rest_facade.notification.envelopes import render
from rest_facade.notification.event_query import EventQuery
from rest_facade.notification.signing import signed_headers

logger = logging.getLogger("relay")


@dataclass(frozen=True, slots=True, kw_only=True)
class RelayOptions:
    relay_id: str = field(default_factory=lambda: f"relay-{uuid.uuid4().hex[:8]}")
    # Deliveries claimed per round, and attempted at once.
    batch: int = 50
    # How long a claim holds: longer than an attempt can take.
    lease_seconds: int = 60
    # A listener that has not answered by then has failed this attempt.
    timeout_seconds: float = 10.0
    # Pause when nothing is due.
    idle_seconds: float = 0.5
    # Networks callbacks may resolve into besides public addresses.
    allowed_networks: tuple[Network, ...] = ()
    # Base URL of the public TMF APIs, for the href of resources in events.
    public_base_url: str = "http://127.0.0.1:8080"


class Relay:
    def __init__(
        self, channel: grpc.aio.Channel, options: RelayOptions, client: httpx.AsyncClient
    ) -> None:
        self._queue = relay_service_pb2_grpc.RelayServiceStub(channel)
        self._options = options
        self._client = client
        self._queries: dict[str, EventQuery] = {}

    async def run(self) -> None:
        """Until cancelled; a tier that is down is waited for, not fatal."""
        while True:
            try:
                handled = await self.run_once()
            except grpc.aio.AioRpcError as error:
                logger.warning("relay: the work queue answered %s", error.code().name)
                await asyncio.sleep(max(self._options.idle_seconds, 1.0))
                continue
            if not handled:
                await asyncio.sleep(self._options.idle_seconds)

    async def run_once(self) -> int:
        """Claims one batch and attempts it; the number of deliveries handled."""
        claimed = await self._queue.ClaimDeliveries(
            rs.ClaimDeliveriesRequest(
                relay_id=self._options.relay_id,
                max_deliveries=self._options.batch,
                lease_seconds=self._options.lease_seconds,
            ),
            timeout=30,
        )
        await asyncio.gather(*(self._deliver(claim) for claim in claimed.deliveries))
        return len(claimed.deliveries)

    async def _deliver(self, claim: rs.ClaimedDelivery) -> None:
        try:
            report = await self._attempt(claim)
        except Exception as error:  # a bug in rendering one event must not stop the relay
            logger.exception("relay: delivery %s could not be attempted", claim.delivery.id)
            report = _report(claim, rs.DELIVERY_OUTCOME_FAILED, f"relay error: {error!r}")
        try:
            await self._queue.ReportDelivery(report, timeout=30)
        except grpc.aio.AioRpcError as error:
            # ABORTED: the lease ran out and another relay has the delivery now.
            logger.warning(
                "relay: report of delivery %s refused: %s %s",
                claim.delivery.id,
                error.code().name,
                error.details(),
            )

    async def _attempt(self, claim: rs.ClaimedDelivery) -> rs.ReportDeliveryRequest:
        subscription = claim.subscription
        rendered = render(claim.event, subscription.audience, self._options.public_base_url)
        if rendered is None or not self._query(subscription.query).matches(rendered.body):
            return _report(claim, rs.DELIVERY_OUTCOME_FILTERED)
        url = f"{subscription.callback.rstrip('/')}/{rendered.listener_path}"
        try:
            await check_destination(url, self._options.allowed_networks)
        except EgressRefused as refused:
            return _report(claim, rs.DELIVERY_OUTCOME_FAILED, f"destination refused: {refused}")
        body = json.dumps(rendered.body, separators=(",", ":")).encode()
        headers = {
            "content-type": "application/json",
            **signed_headers(claim.secret, claim.event.id, int(time.time()), body),
        }
        try:
            response = await self._client.post(
                url, content=body, headers=headers, timeout=self._options.timeout_seconds
            )
        except httpx.TimeoutException:
            return _report(claim, rs.DELIVERY_OUTCOME_FAILED, "timed out")
        except httpx.HTTPError as error:
            return _report(claim, rs.DELIVERY_OUTCOME_FAILED, f"{type(error).__name__}: {error}")
        if 200 <= response.status_code < 300:
            return _report(claim, rs.DELIVERY_OUTCOME_DELIVERED)
        if response.status_code == 410:
            return _report(claim, rs.DELIVERY_OUTCOME_GONE, "HTTP 410")
        return _report(
            claim,
            rs.DELIVERY_OUTCOME_FAILED,
            f"HTTP {response.status_code}",
            _retry_after(response.headers),
        )

    def _query(self, text: str) -> EventQuery:
        query = self._queries.get(text)
        if query is None:
            query = self._queries[text] = EventQuery.parse(text)
        return query


def _report(
    claim: rs.ClaimedDelivery,
    outcome: rs.DeliveryOutcome.ValueType,
    error: str = "",
    retry_after: int = 0,
) -> rs.ReportDeliveryRequest:
    return rs.ReportDeliveryRequest(
        delivery_id=claim.delivery.id,
        claim_token=claim.claim_token,
        outcome=outcome,
        error=error,
        retry_after_seconds=retry_after,
    )


def _retry_after(headers: Mapping[str, str]) -> int:
    """Retry-After in seconds (the HTTP-date form is taken as no hint)."""
    raw = headers.get("retry-after", "").strip()
    return min(int(raw), 86_400) if raw.isdigit() else 0


def http_client() -> httpx.AsyncClient:
    """Redirects are not followed (a listener could bounce the relay into a private
    network); no cookies or proxies from the environment."""
    return httpx.AsyncClient(follow_redirects=False, trust_env=False)
