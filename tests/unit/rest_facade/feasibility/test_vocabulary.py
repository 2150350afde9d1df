"""Every enum value of the contract has its TMF645 spelling (UNSPECIFIED excepted)."""

from __future__ import annotations

from ordercapture.feasibility.v1 import check_pb2
from rest_facade.feasibility.mapping.vocabulary import RESULT_NAMES, STATE_NAMES, STATES

OFFICIAL_TASK_STATES = {"accepted", "terminatedWithError", "inProgress", "done"}


def test_every_check_state_is_mapped_to_an_official_task_state() -> None:
    values = set(check_pb2.CheckState.values()) - {check_pb2.CHECK_STATE_UNSPECIFIED}
    assert set(STATE_NAMES) == values
    assert set(STATES) == OFFICIAL_TASK_STATES


def test_every_feasibility_has_a_qualification_result() -> None:
    values = set(check_pb2.Feasibility.values()) - {check_pb2.FEASIBILITY_UNSPECIFIED}
    assert set(RESULT_NAMES) == values
    assert set(RESULT_NAMES.values()) == {"qualified", "unqualified", "alternate"}
