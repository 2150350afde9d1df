"""TMF spellings <-> qualification enums: explicit tables, one per enum (a unit test checks
that every proto value is covered)."""

from __future__ import annotations

from collections.abc import Mapping

from ordercapture.qualification.v1 import check_pb2

CS = check_pb2.CheckState
OC = check_pb2.Outcome
A = check_pb2.ItemAction

# TaskStateType <-> CheckState. TMF's rejected and cancelled never happen here: a question the
# tier cannot judge is refused at creation (400/422), and checks are not cancelled.
TASK_STATES: Mapping[str, check_pb2.CheckState.ValueType] = {
    "acknowledged": CS.CHECK_STATE_ACKNOWLEDGED,
    "inProgress": CS.CHECK_STATE_IN_PROGRESS,
    "done": CS.CHECK_STATE_DONE,
    "terminatedWithError": CS.CHECK_STATE_TERMINATED_WITH_ERROR,
}
TASK_STATE_NAMES = {state: name for name, state in TASK_STATES.items()}

# qualificationItemResult / qualificationResult: TMF645's vocabulary, named in TMF679's
# description of the attribute.
OUTCOMES: Mapping[str, check_pb2.Outcome.ValueType] = {
    "qualified": OC.OUTCOME_QUALIFIED,
    "unqualified": OC.OUTCOME_UNQUALIFIED,
    "alternate": OC.OUTCOME_ALTERNATE,
}
OUTCOME_NAMES = {outcome: name for name, outcome in OUTCOMES.items()}

# The item action, spelled as in TMF622 order items. Absent means add.
ACTIONS: Mapping[str, check_pb2.ItemAction.ValueType] = {
    "add": A.ITEM_ACTION_ADD,
    "modify": A.ITEM_ACTION_MODIFY,
    "delete": A.ITEM_ACTION_DELETE,
    "noChange": A.ITEM_ACTION_NO_CHANGE,
}
ACTION_NAMES = {action: name for name, action in ACTIONS.items()} | {
    A.ITEM_ACTION_UNSPECIFIED: "add"
}
