"""The simulator: one task follows WatchOrderEvents and queues the step each event asks for,
due `delay` seconds after the event arrived; another performs the steps in event order.

Cursors. `received` is the last event taken from the stream: after an interruption (the gRPC
tier restarted, the network broke) the watch reconnects with backoff and resumes after it,
every event up to it being handled or queued in memory. `handled` is the last event whose step
is done (performed, refused by the server, or none needed): as steps run in event order,
every event up to it is handled, so a new simulator resumes without loss with
`--from-cursor <handled>` (logged on stop)."""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import grpc

from cli.fulfilment.handoff import DEFAULT_CLIENT_ID, metadata, perform
from cli.fulfilment.policy import FulfilmentPolicy
from cli.fulfilment.steps import Step, StepKind, plan
from cli.rpc_errors import describe
from ordercapture.ordering.v1 import events_pb2, handoff_service_pb2_grpc
from ordercapture.ordering.v1 import handoff_service_pb2 as hs

if TYPE_CHECKING:
    from ordercapture.ordering.v1.handoff_service_pb2_grpc import OrderHandoffServiceAsyncStub

logger = logging.getLogger("fulfilment")

# Failures worth waiting out: the tier is restarting, overloaded or unreachable.
RETRIED = frozenset({grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.DEADLINE_EXCEEDED})
# Failures no retry mends: the target is not an ordercapture gRPC tier, or refuses us.
FATAL = frozenset(
    {
        grpc.StatusCode.UNIMPLEMENTED,
        grpc.StatusCode.UNAUTHENTICATED,
        grpc.StatusCode.PERMISSION_DENIED,
        grpc.StatusCode.INVALID_ARGUMENT,
    }
)
# grpc's own reconnect backoff grows to 120 s; a simulator following a restart wants less.
CHANNEL_OPTIONS = (
    ("grpc.initial_reconnect_backoff_ms", 250),
    ("grpc.min_reconnect_backoff_ms", 250),
    ("grpc.max_reconnect_backoff_ms", 5000),
)


class WatchRefused(Exception):
    """The gRPC tier refuses the watch for a reason retrying does not mend."""


@dataclass(frozen=True, slots=True)
class Backoff:
    """Seconds between attempts: `first`, doubling up to `most`."""

    first: float = 0.25
    most: float = 5.0

    def after(self, wait: float) -> float:
        return min(wait * 2, self.most)


@dataclass(frozen=True, slots=True, kw_only=True)
class SimulatorOptions:
    delay: float = 2.0  # seconds between an event and the step it asks for
    # None: only events from now on (the log is read from its start, older events passed
    # over); 0: from the start of the log; n: resume after event n.
    after_sequence: int | None = None
    client_id: str = DEFAULT_CLIENT_ID
    backoff: Backoff = field(default_factory=Backoff)


@dataclass(frozen=True, slots=True)
class _Queued:
    sequence: int
    step: Step | None
    due: float


class Simulator:
    def __init__(
        self,
        handoff: OrderHandoffServiceAsyncStub,
        policy: FulfilmentPolicy,
        options: SimulatorOptions,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._handoff = handoff
        self._policy = policy
        self._options = options
        self._since = now() if options.after_sequence is None else None
        self.received = max(options.after_sequence or 0, 0)
        self.handled = self.received
        self.steps_done = 0
        self._queue: asyncio.Queue[_Queued] = asyncio.Queue()

    async def run(self, stop: asyncio.Event) -> None:
        """Until `stop` is set; raises WatchRefused when the tier refuses for good."""
        logger.info(
            "following order events after %d%s (delay %g s, failure ratio %g, "
            "cancellation reject ratio %g, seed %s)",
            self.received,
            " (only those from now on)" if self._since else "",
            self._options.delay,
            self._policy.failure_ratio,
            self._policy.cancellation_reject_ratio,
            self._policy.seed,
        )
        tasks = [
            asyncio.create_task(self._watch(), name="fulfilment-watch"),
            asyncio.create_task(self._work(), name="fulfilment-steps"),
            asyncio.create_task(stop.wait(), name="fulfilment-stop"),
        ]
        try:
            await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for task in tasks:
                task.cancel()
            results = await asyncio.gather(*tasks, return_exceptions=True)
            logger.info(
                "stopped: events handled up to %d (resume with --from-cursor %d); "
                "%d step(s) done, %d event(s) waiting dropped",
                self.handled,
                self.handled,
                self.steps_done,
                self._queue.qsize(),
            )
        for result in results:
            if isinstance(result, Exception):
                raise result

    async def _watch(self) -> None:
        wait = self._options.backoff.first
        while True:
            request = hs.WatchOrderEventsRequest(after_sequence=self.received)
            sent = metadata(self._options.client_id, _correlation_id())
            call = self._handoff.WatchOrderEvents(request, metadata=sent)
            try:
                if await call.initial_metadata():  # the ordering tier answers at once
                    logger.info("watching order events after %d", self.received)
                    wait = self._options.backoff.first
                async for response in call:
                    self._receive(response.event)
                reason = "the stream ended"
            except grpc.aio.AioRpcError as error:
                failure = describe(error)
                if failure.code in FATAL:
                    raise WatchRefused(f"{failure.code.name}: {failure.message}") from error
                reason = f"{failure.code.name}: {failure.message}"
            finally:
                call.cancel()
            logger.warning(
                "event watch interrupted (%s); reconnecting in %g s, after event %d",
                reason,
                wait,
                self.received,
            )
            await asyncio.sleep(wait)
            wait = self._options.backoff.after(wait)

    def _receive(self, event: events_pb2.OrderEvent) -> None:
        if event.sequence <= self.received:
            return  # delivered again (at least once): already queued or handled
        self.received = event.sequence
        old = self._since is not None and event.time.ToDatetime(tzinfo=UTC) < self._since
        step = None if old else plan(event, self._policy)
        due = time.monotonic() + (self._options.delay if step else 0.0)
        self._queue.put_nowait(_Queued(event.sequence, step, due))

    async def _work(self) -> None:
        while True:
            queued = await self._queue.get()
            if queued.step is not None:
                await asyncio.sleep(max(queued.due - time.monotonic(), 0.0))
                await self._perform(queued.step)
            self.handled = queued.sequence

    async def _perform(self, step: Step) -> None:
        """Returns once the step is done or refused; an unreachable tier is waited for."""
        correlation_id = _correlation_id()  # the same on every attempt: one request
        wait = self._options.backoff.first
        while True:
            try:
                await perform(self._handoff, step, self._options.client_id, correlation_id)
            except grpc.aio.AioRpcError as error:
                failure = describe(error)
                if failure.code not in RETRIED:
                    why = failure.reason or failure.code.name
                    _log(correlation_id, "%s skipped: %s (%s)", _told(step), why, failure.message)
                    return
                _log(
                    correlation_id,
                    "%s not done yet (%s); retrying in %g s",
                    _told(step),
                    failure.code.name,
                    wait,
                    level=logging.WARNING,
                )
                await asyncio.sleep(wait)
                wait = self._options.backoff.after(wait)
                continue
            self.steps_done += 1
            _log(correlation_id, "%s", _told(step))
            return


def _told(step: Step) -> str:
    """'event 12 order 0b1c...: acknowledged -> inProgress' and the like."""
    subject = f"event {step.sequence} order {step.order_id}"
    if step.cancellation_id:
        subject += f" cancellation {step.cancellation_id}"
    return f"{subject}: {step.kind.value}"


def _log(correlation_id: str, message: str, *args: object, level: int = logging.INFO) -> None:
    # The id sent goes in the log format's correlation field, as on the server's lines.
    logger.log(level, message, *args, extra={"correlation_id": correlation_id})


def _correlation_id() -> str:
    return f"fulfilment-{uuid.uuid4().hex[:16]}"


async def follow(
    target: str, policy: FulfilmentPolicy, options: SimulatorOptions, stop: asyncio.Event
) -> Simulator:
    """Runs a simulator against the gRPC tier at `target` until `stop` is set."""
    async with grpc.aio.insecure_channel(target, options=CHANNEL_OPTIONS) as channel:
        handoff: OrderHandoffServiceAsyncStub = handoff_service_pb2_grpc.OrderHandoffServiceStub(
            channel
        )
        simulator = Simulator(handoff, policy, options)
        await simulator.run(stop)
    return simulator


__all__ = ["Backoff", "Simulator", "SimulatorOptions", "StepKind", "WatchRefused", "follow"]
