"""Every value of the qualification enums has its TMF spelling (and back)."""

from __future__ import annotations

from ordercapture.qualification.v1 import check_pb2
from rest_facade.qualification.mapping import vocabulary


def values_of(enum: object) -> set[int]:
    descriptor = enum.DESCRIPTOR  # type: ignore[attr-defined]
    return {value.number for value in descriptor.values if not value.name.endswith("UNSPECIFIED")}


def test_every_check_state_has_a_task_state() -> None:
    assert set(vocabulary.TASK_STATE_NAMES) == values_of(check_pb2.CheckState)
    for name, state in vocabulary.TASK_STATES.items():
        assert vocabulary.TASK_STATE_NAMES[state] == name


def test_every_outcome_has_a_qualification_result() -> None:
    assert set(vocabulary.OUTCOME_NAMES) == values_of(check_pb2.Outcome)
    assert set(vocabulary.OUTCOMES) == {"qualified", "unqualified", "alternate"}


def test_every_action_has_a_spelling_and_unset_reads_as_add() -> None:
    assert values_of(check_pb2.ItemAction) <= set(vocabulary.ACTION_NAMES)
    for name, action in vocabulary.ACTIONS.items():
        assert vocabulary.ACTION_NAMES[action] == name
    assert vocabulary.ACTION_NAMES[check_pb2.ItemAction.ITEM_ACTION_UNSPECIFIED] == "add"
