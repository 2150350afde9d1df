"""How the feasibility context's stored resources appear in the shared event outbox (source
FEASIBILITY): feasibility checks and availability queries, each as FeasibilityService returns
it, identified by its id, its state the task state. The unit of work takes these
descriptions from the wiring, so the persistence layer needs no proto mapping of its own.
Addresses, coverage and access nodes are internal reference data and publish no events.

The answer (outcome and results, or the address, services and suggestions found; an error;
judge and expire times) only ever changes with the state: judging an asynchronous check is one
state change event carrying the answer; a description or external id changed by an update is
an attribute change."""

from __future__ import annotations

from domain.feasibility.checks import FeasibilityCheck
from domain.feasibility.queries import AvailabilityQuery
from servers.feasibility.mapping.checks import check_to
from servers.feasibility.mapping.queries import query_to
from servers.persistence.feasibility_unit_of_work import FeasibilityEvents
from servers.persistence.outbox import Published

FEASIBILITY_CHECKS: Published[FeasibilityCheck] = Published(
    message=check_to,
    identity=lambda check: check.id,
    state=lambda check: check.state.value,
    state_fields=("outcome", "results", "error", "judge_time", "expire_time"),
)

AVAILABILITY_QUERIES: Published[AvailabilityQuery] = Published(
    message=query_to,
    identity=lambda query: query.id,
    state=lambda query: query.state.value,
    state_fields=("address", "services", "suggestions", "error", "judge_time", "expire_time"),
)

FEASIBILITY_EVENTS = FeasibilityEvents(checks=FEASIBILITY_CHECKS, queries=AVAILABILITY_QUERIES)
