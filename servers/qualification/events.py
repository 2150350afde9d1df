"""How the qualification context's stored resources appear in the shared event outbox
(source QUALIFICATION): eligibility checks and eligibility queries, each as
EligibilityService returns it, identified by its id, its state the task state. The
repositories take these descriptions from the wiring, so the persistence layer needs no proto
mapping of its own. Rules and customer profiles are internal reference data and publish no
events.

The answer (outcome, results or offerings, the prospect flag, an error, judge and expire
times) only ever changes with the state: judging an asynchronous check is one state change
event carrying the answer; a description changed by an update is an attribute change."""

from __future__ import annotations

from domain.qualification.checks import EligibilityCheck
from domain.qualification.offering_queries import EligibilityQuery
from servers.persistence.outbox import Published
from servers.qualification.mapping.checks import check_to
from servers.qualification.mapping.queries import query_to

ELIGIBILITY_CHECKS: Published[EligibilityCheck] = Published(
    message=check_to,
    identity=lambda check: check.id,
    state=lambda check: check.state.value,
    state_fields=(
        "outcome",
        "results",
        "customer_is_prospect",
        "error",
        "judge_time",
        "expire_time",
    ),
)

ELIGIBILITY_QUERIES: Published[EligibilityQuery] = Published(
    message=query_to,
    identity=lambda query: query.id,
    state=lambda query: query.state.value,
    state_fields=("offerings", "customer_is_prospect", "error", "judge_time", "expire_time"),
)
