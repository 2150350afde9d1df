"""schemathesis against each API the facade serves, over real HTTP on 127.0.0.1: the gRPC tier on
a copy of the seeded demo database (so positive requests can find offerings, customers and
addresses), the facade under uvicorn, each API tested from its own served document.

Every phase (examples, coverage, fuzzing, stateful with links inferred from `Location`), every
check, a fixed seed; zero failures. The totals are printed (`pytest -s` shows them), e.g.

    schemathesis TMF622 v5: 11 operations, 719 test cases (examples 11 in 0.5 s, coverage 591
    in 7.2 s, fuzzing 61 in 9.3 s, stateful 56 in 7.4 s), 24 stateful links (24 inferred),
    0 failures, 0 errors, 24.6 s (14.3 s CPU)

The configuration (and why each check expects what it does) is in schemathesis_run.py.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.contract.schemathesis_run import PHASES, ApiRun, describe, run_api
from tests.contract.schemathesis_stack import ServedFacade, served_facade
from tests.integration.rest.harness import grpc_tier

APIS = {
    "TMF620 v5": "/tmf-api/productCatalogManagement/v5",
    "TMF679 v5": "/tmf-api/productOfferingQualification/v5",
    "TMF645 v4": "/tmf-api/serviceQualificationManagement/v4",
    "TMF622 v5": "/tmf-api/productOrderingManagement/v5",
}

RUNS: list[ApiRun] = []


@pytest.fixture(scope="module", autouse=True)
def totals() -> Iterator[None]:
    yield
    if RUNS:
        print(
            f"\nschemathesis, all APIs: {sum(run.operations for run in RUNS)} operations, "
            f"{sum(run.cases for run in RUNS)} test cases, "
            f"{sum(len(run.failures) for run in RUNS)} failures, "
            f"{sum(run.seconds for run in RUNS):.1f} s"
        )


@pytest.fixture
def served(sqlite_templates: dict[bool, Path], tmp_path: Path) -> Iterator[ServedFacade]:
    """A stack of its own per API: one API's run changes the demo data (the TMF620 run retires
    and deletes offerings) that the next one needs (an order names an orderable offering)."""
    # A copy of the session's seeded template (the demo data `ordercapture serve` loads).
    database = tmp_path / "ordercapture.db"
    for suffix in ("", "-wal"):
        source = sqlite_templates[True].with_name(sqlite_templates[True].name + suffix)
        if source.exists():
            shutil.copyfile(source, database.with_name(database.name + suffix))
    with (
        grpc_tier(tmp_path, f"sqlite+aiosqlite:///{database}") as tier,
        served_facade(tier.target) as facade,
    ):
        yield facade


@pytest.mark.parametrize("name", list(APIS))
def test_every_phase_and_check_pass(served: ServedFacade, name: str) -> None:
    run = run_api(name, f"{served.base_url}{APIS[name]}/openapi.json")
    RUNS.append(run)
    print(f"\n{run.summary()}")
    print(f"  statuses: {dict(sorted(run.statuses.items()))}")

    assert not run.errors, "\n".join(run.errors)
    assert not run.failures, f"{len(run.failures)} failures:\n" + "\n".join(run.failures)
    # Every phase ran and sent requests (a skipped phase would pass vacuously).
    for phase in PHASES:
        assert phase in run.phases, (phase, describe(run))
        assert run.phases[phase].cases > 0, (phase, describe(run))
    assert run.links > 0, "no stateful links: nothing chains a create to its resource"
