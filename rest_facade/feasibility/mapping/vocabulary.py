"""Explicit enum tables: TMF645 spellings <-> ordercapture.feasibility.v1 enums."""

from __future__ import annotations

from collections.abc import Mapping

from ordercapture.feasibility.v1 import check_pb2

CS = check_pb2.CheckState
FS = check_pb2.Feasibility

# TaskStateType <-> CheckState.
STATES: Mapping[str, check_pb2.CheckState.ValueType] = {
    "accepted": CS.CHECK_STATE_ACCEPTED,
    "inProgress": CS.CHECK_STATE_IN_PROGRESS,
    "done": CS.CHECK_STATE_DONE,
    "terminatedWithError": CS.CHECK_STATE_TERMINATED_WITH_ERROR,
}
STATE_NAMES = {state: name for name, state in STATES.items()}

# qualificationResult (a free string in TMF645 v4; its documented vocabulary) <- Feasibility.
RESULT_NAMES: Mapping[check_pb2.Feasibility.ValueType, str] = {
    FS.FEASIBILITY_QUALIFIED: "qualified",
    FS.FEASIBILITY_UNQUALIFIED: "unqualified",
    FS.FEASIBILITY_ALTERNATE: "alternate",
}
