"""Explicit enum tables, proto <-> domain. CHECK_STATE_UNSPECIFIED in a list filter is
refused; FEASIBILITY_UNSPECIFIED is what a check not judged yet says."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeAlias

from domain.feasibility.checks import CheckState
from domain.feasibility.coverage import Feasibility
from domain.feasibility.errors import InvalidFeasibilityRequest
from domain.shared.errors import FieldViolation
from ordercapture.feasibility.v1 import check_pb2

CheckStateNumber: TypeAlias = check_pb2.CheckState.ValueType
FeasibilityNumber: TypeAlias = check_pb2.Feasibility.ValueType

CHECK_STATES: dict[CheckStateNumber, CheckState] = {
    check_pb2.CHECK_STATE_ACCEPTED: CheckState.ACCEPTED,
    check_pb2.CHECK_STATE_IN_PROGRESS: CheckState.IN_PROGRESS,
    check_pb2.CHECK_STATE_DONE: CheckState.DONE,
    check_pb2.CHECK_STATE_TERMINATED_WITH_ERROR: CheckState.TERMINATED_WITH_ERROR,
}
CHECK_STATES_OUT: dict[CheckState, CheckStateNumber] = {v: k for k, v in CHECK_STATES.items()}

FEASIBILITIES: dict[FeasibilityNumber, Feasibility] = {
    check_pb2.FEASIBILITY_QUALIFIED: Feasibility.QUALIFIED,
    check_pb2.FEASIBILITY_UNQUALIFIED: Feasibility.UNQUALIFIED,
    check_pb2.FEASIBILITY_ALTERNATE: Feasibility.ALTERNATE,
}
FEASIBILITIES_OUT: dict[Feasibility, FeasibilityNumber] = {v: k for k, v in FEASIBILITIES.items()}


def states_from(numbers: Iterable[CheckStateNumber]) -> tuple[CheckState, ...]:
    found: list[CheckState] = []
    problems: list[FieldViolation] = []
    for index, number in enumerate(numbers):
        state = CHECK_STATES.get(number)
        if state is None:
            problems.append(FieldViolation(f"states[{index}]", f"unknown state {number}"))
        else:
            found.append(state)
    if problems:
        raise InvalidFeasibilityRequest("unknown check states", violations=tuple(problems))
    return tuple(dict.fromkeys(found))


def feasibility_to(outcome: Feasibility | None) -> FeasibilityNumber:
    return check_pb2.FEASIBILITY_UNSPECIFIED if outcome is None else FEASIBILITIES_OUT[outcome]
