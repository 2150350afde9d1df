"""Feasibility verdicts: coverage fallback, speeds, capacity, planned rollouts, alternatives."""

from __future__ import annotations

from datetime import date

from domain.feasibility.coverage import (
    Alternative,
    CoverageMap,
    CoverageOffer,
    Feasibility,
    ServiceNeed,
    check_feasibility,
)

TODAY = date(2026, 11, 28)
FTTH_1000 = CoverageOffer(
    technology="FTTH", max_down_mbps=1000, max_up_mbps=500, access_node_id="olt-1"
)
VDSL_100 = CoverageOffer(
    technology="VDSL", max_down_mbps=100, max_up_mbps=40, access_node_id="dslam-1"
)
FWA_300 = CoverageOffer(
    technology="5G-FWA", max_down_mbps=300, max_up_mbps=50, access_node_id="cell-1"
)
FTTH_PLANNED = CoverageOffer(
    technology="FTTH",
    max_down_mbps=1000,
    max_up_mbps=500,
    access_node_id="olt-2",
    available_from=date(2027, 3, 1),
)
FIBRE_500 = ServiceNeed(technologies=("FTTH",), down_mbps=500, up_mbps=100)


def coverage(free: dict[str, int] | None = None, **by_address: list[CoverageOffer]) -> CoverageMap:
    return CoverageMap(
        by_address=by_address,
        by_postcode={"AB12CD": [VDSL_100]},
        free_ports=free
        if free is not None
        else {"olt-1": 4, "dslam-1": 2, "cell-1": 9, "olt-2": 0},
    )


def test_address_coverage_first_then_the_postcode_area() -> None:
    cov = coverage(a1=[FTTH_1000])
    assert cov.offers("a1", "AB1 2CD") == [FTTH_1000]
    assert cov.offers("a2", "ab1 2cd".upper()) == [VDSL_100]
    assert cov.offers("a9", "ZZ9 9ZZ") == ()


def test_qualified_when_technology_speed_and_a_free_port_meet() -> None:
    cov = coverage(a1=[FTTH_1000])
    verdict = check_feasibility(FIBRE_500, cov.offers("a1", ""), cov, TODAY)
    assert verdict.outcome is Feasibility.QUALIFIED
    assert verdict.technology == "FTTH"


def test_no_coverage_is_unqualified() -> None:
    verdict = check_feasibility(FIBRE_500, (), coverage(), TODAY)
    assert verdict.outcome is Feasibility.UNQUALIFIED
    assert verdict.reasons[0][0] == "NO_COVERAGE"


def test_capacity_exhausted_is_unqualified_without_other_options() -> None:
    cov = coverage(free={"olt-1": 0}, a1=[FTTH_1000])
    verdict = check_feasibility(FIBRE_500, cov.offers("a1", ""), cov, TODAY)
    assert verdict.outcome is Feasibility.UNQUALIFIED
    assert [code for code, _ in verdict.reasons] == ["NO_CAPACITY"]


def test_lower_speed_of_the_same_technology_is_an_alternative() -> None:
    slow = CoverageOffer(
        technology="FTTH", max_down_mbps=300, max_up_mbps=100, access_node_id="olt-1"
    )
    cov = coverage(a1=[slow])
    verdict = check_feasibility(FIBRE_500, cov.offers("a1", ""), cov, TODAY)
    assert verdict.outcome is Feasibility.ALTERNATE
    assert [code for code, _ in verdict.reasons] == ["SPEED_NOT_AVAILABLE"]
    assert verdict.alternatives == (
        Alternative(technology="FTTH", max_down_mbps=300, max_up_mbps=100),
    )


def test_another_technology_meeting_the_need_is_an_alternative() -> None:
    need = ServiceNeed(technologies=("FTTH",), down_mbps=200, up_mbps=20)
    cov = coverage(a1=[FWA_300, VDSL_100])
    verdict = check_feasibility(need, cov.offers("a1", ""), cov, TODAY)
    assert verdict.outcome is Feasibility.ALTERNATE
    assert [code for code, _ in verdict.reasons] == ["TECHNOLOGY_NOT_AVAILABLE"]
    assert [a.technology for a in verdict.alternatives] == ["5G-FWA"]


def test_planned_rollout_is_offered_with_its_date() -> None:
    cov = coverage(a1=[FTTH_PLANNED])
    verdict = check_feasibility(FIBRE_500, cov.offers("a1", ""), cov, TODAY)
    assert verdict.outcome is Feasibility.ALTERNATE
    assert [code for code, _ in verdict.reasons] == ["NOT_YET_AVAILABLE"]
    assert verdict.alternatives[0].available_from == date(2027, 3, 1)


def test_planned_rollout_counts_once_built() -> None:
    cov = coverage(free={"olt-2": 3}, a1=[FTTH_PLANNED])
    verdict = check_feasibility(FIBRE_500, cov.offers("a1", ""), cov, date(2027, 3, 1))
    assert verdict.outcome is Feasibility.QUALIFIED


def test_technology_preference_order_decides() -> None:
    need = ServiceNeed(technologies=("VDSL", "FTTH"), down_mbps=50)
    cov = coverage(a1=[FTTH_1000, VDSL_100])
    assert check_feasibility(need, cov.offers("a1", ""), cov, TODAY).technology == "VDSL"
