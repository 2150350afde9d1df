"""One schemathesis run (every phase, every check, a fixed seed) against one served API, and
the totals a run report quotes.

The run goes through schemathesis' engine, the same one `schemathesis run` drives, so the
phases are those of the CLI: examples, coverage, fuzzing and stateful (links inferred from the
`Location` headers of the creates). The configuration is the `schemathesis.toml` a CLI run
would read, written out here so the test needs no file in the repository root.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import schemathesis
from schemathesis import engine
from schemathesis.engine import events
from schemathesis.engine.statistic import Statistic

SEED = 20261129
PHASES = ("examples", "coverage", "fuzzing", "stateful")
# Hypothesis examples per operation in the fuzzing phase, and per run of the state machine.
FUZZING_EXAMPLES = 6
STATEFUL_EXAMPLES = 8
STATEFUL_MAX_STEPS = 6

# Statuses a schema-valid request may legitimately get from this product. schemathesis' default
# (2xx, 3xx, 401, 403, 404, 409, 429, 5xx) assumes a schema says everything a server checks;
# these documents describe the TMF shapes, and the product refuses more than they can express,
# each refusal documented in the document's introduction and README:
# - 400: an attribute the product does not keep inside a modelled object of a create or patch
#   body (`ATTRIBUTE_NOT_SUPPORTED`; TMF schemas are open), an unknown name in `fields`, an
#   empty or unknown filter value or sort key (`INVALID_QUERY_PARAMETER`), a create without the
#   attributes the domain requires (`name`, a catalog file `url`), a callback that is not an
#   http(s) URL, a JSON Patch path that does not start with `/` (the schema types `path` as a
#   string only);
# - 404: an unknown id or reference (already in the default);
# - 409: a state conflict (already in the default);
# - 417: an `Expect` other than `202-Accepted` / `100-continue` (RFC 9110);
# - 422: a well-formed request the domain refuses (an order naming an unknown offering, an entity
#   still referenced, a patch the resource's state forbids);
# - 501: `filter` (JSONPath), `depth` and `expand`, declared by TMF630 and not implemented yet.
# 5xx other than 501 are left out on purpose: a server error is never an acceptable answer
# (and not_a_server_error reports it as well).
POSITIVE_DATA_STATUSES = ["2xx", "400", "404", "409", "417", "422", "501"]

# A response slower than this fails max_response_time; generous, the point is to catch a hang
# (the facade's own gRPC deadline is 5 s and answers 504 after it).
MAX_RESPONSE_SECONDS = 10.0


def configuration() -> schemathesis.Config:
    """What a `schemathesis.toml` for these runs would say."""
    return schemathesis.Config.from_dict(
        {
            "seed": SEED,
            # Nothing written to the working tree (no .hypothesis/ example database, no cache).
            "cache": {"enabled": False},
            "generation": {
                "mode": "all",
                "max-examples": FUZZING_EXAMPLES,
                "database": "none",
            },
            "checks": {
                "enabled": True,
                "positive_data_acceptance": {"expected-statuses": POSITIVE_DATA_STATUSES},
                "max_response_time": MAX_RESPONSE_SECONDS,
            },
            "phases": {
                # The creates of TMF622 and TMF645 carry a demo-data example in their documents
                # (an order and checks that succeed, so their Location headers feed the
                # stateful links); every other operation gets one generated example.
                "examples": {"fill-missing": True},
                "coverage": {"enabled": True},
                "fuzzing": {"enabled": True},
                "stateful": {
                    "max-steps": STATEFUL_MAX_STEPS,
                    "generation": {"max-examples": STATEFUL_EXAMPLES},
                    "inference": {"algorithms": ["location-headers"]},
                },
            },
            # The time budget (all four APIs in about 90 s of the CI run): the coverage phase
            # sends every invalid variant of every nested attribute of a request body, thousands
            # of requests for an order alone. GET and DELETE operations get the whole coverage
            # phase, positive and negative; POST operations its positive variants only (invalid
            # bodies, parameters and headers are still sent by the fuzzing and stateful phases,
            # mode "all"); PATCH operations, whose bodies are the create schemas without
            # `required`, are left to the examples, fuzzing and stateful phases.
            "operations": [
                {
                    "include-method": "POST",
                    "phases": {"coverage": {"generation": {"mode": "positive"}}},
                },
                {
                    "include-method": "PATCH",
                    "phases": {"coverage": {"enabled": False}},
                },
            ],
        }
    )


@dataclass
class PhaseTotals:
    cases: int = 0
    failures: int = 0
    errored_cases: int = 0
    operations: set[str] = field(default_factory=set)
    status: str = "not run"
    seconds: float = 0.0


@dataclass
class ApiRun:
    name: str
    operations: int = 0
    phases: dict[str, PhaseTotals] = field(default_factory=dict)
    # Stateful: links inferred from Location headers, and links in all.
    inferred_links: int = 0
    links: int = 0
    failures: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    statuses: Counter[int] = field(default_factory=Counter)
    seconds: float = 0.0
    # CPU time of this process (schemathesis, the facade and the gRPC tier all run in it).
    cpu_seconds: float = 0.0

    @property
    def cases(self) -> int:
        return sum(phase.cases for phase in self.phases.values())

    def summary(self) -> str:
        per_phase = ", ".join(
            f"{name} {self.phases[name].cases} in {self.phases[name].seconds:.1f} s"
            if name in self.phases
            else f"{name} -"
            for name in PHASES
        )
        return (
            f"schemathesis {self.name}: {self.operations} operations, {self.cases} test cases "
            f"({per_phase}), {self.links} stateful links ({self.inferred_links} inferred), "
            f"{len(self.failures)} failures, {len(self.errors)} errors, {self.seconds:.1f} s "
            f"({self.cpu_seconds:.1f} s CPU)"
        )


def _failures(phase: str, statistic: Statistic) -> list[str]:
    found = []
    for label, groups in statistic.failures.items():
        for group in groups.values():
            response = group.response
            answer = (
                f"{response.status_code} {(response.content or b'')[:300]!r}"
                if response is not None
                else "no response"
            )
            for failure in group.failures:
                found.append(
                    f"[{phase}] {label}: {failure.title}: {(failure.message or '').strip()}\n"
                    f"    response: {answer}\n    reproduce: {group.code_sample}"
                )
    return found


def run_api(name: str, document_url: str) -> ApiRun:
    """Every phase against the API whose served document is at `document_url`."""
    started, cpu_started = time.monotonic(), time.process_time()
    schema = schemathesis.openapi.from_url(document_url, config=configuration())
    run = ApiRun(name)
    statistics: dict[str, Statistic] = {}
    phase_started = started
    for event in engine.from_schema(schema).execute():
        if isinstance(event, events.PhaseStarted):
            phase_started = time.monotonic()
            if event.phase.name.value == "stateful" and event.payload is not None:
                run.inferred_links = event.payload.inferred_transitions
                run.links = event.payload.transitions_total
        elif isinstance(event, events.PhaseFinished):
            phase = event.phase.name.value
            if phase in PHASES:
                totals = run.phases.setdefault(phase, PhaseTotals())
                totals.seconds = time.monotonic() - phase_started
                totals.status = (
                    f"skipped ({event.phase.skip_reason})"
                    if event.phase.skip_reason is not None
                    else str(event.status)
                )
        elif isinstance(event, events.ScenarioFinished):
            phase = event.phase.value
            statistics.setdefault(phase, Statistic()).on_scenario_finished(event.recorder)
            for interaction in event.recorder.interactions.values():
                if interaction.response is not None:
                    run.statuses[interaction.response.status_code] += 1
        elif isinstance(event, events.NonFatalError):
            run.errors.append(f"{event.label}: {event.info.title}: {event.info.message}")
        elif isinstance(event, events.FatalError):
            run.errors.append(f"fatal: {event.exception!r}")
        elif isinstance(event, events.EngineFinished):
            run.operations = schema.statistic.operations.selected
    for phase, statistic in statistics.items():
        totals = run.phases.setdefault(phase, PhaseTotals())
        totals.cases = statistic.total_cases
        totals.failures = statistic.total_failures
        totals.errored_cases = statistic.errored_cases
        totals.operations = set(statistic.tested_operations)
        run.failures += _failures(phase, statistic)
    run.seconds = time.monotonic() - started
    run.cpu_seconds = time.process_time() - cpu_started
    return run


def describe(run: ApiRun) -> dict[str, Any]:
    """The per-phase figures as plain data (for the assertion messages)."""
    return {
        name: {
            "status": totals.status,
            "cases": totals.cases,
            "failures": totals.failures,
            "errored": totals.errored_cases,
            "seconds": round(totals.seconds, 1),
        }
        for name, totals in run.phases.items()
    }


__all__ = ["PHASES", "ApiRun", "configuration", "describe", "run_api"]
