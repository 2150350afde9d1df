"""Explicit enum tables between the qualification protos and the domain. A test checks that
every proto value (but UNSPECIFIED) and every domain member is mapped."""

from __future__ import annotations

from typing import TypeAlias

from domain.qualification.checks import CheckState
from domain.qualification.model import ItemAction, Outcome, PartyType
from ordercapture.qualification.v1 import check_pb2, profile_pb2

ItemActionNumber: TypeAlias = check_pb2.ItemAction.ValueType
OutcomeNumber: TypeAlias = check_pb2.Outcome.ValueType
CheckStateNumber: TypeAlias = check_pb2.CheckState.ValueType
PartyTypeNumber: TypeAlias = profile_pb2.PartyType.ValueType

ITEM_ACTIONS: dict[ItemActionNumber, ItemAction] = {
    check_pb2.ITEM_ACTION_ADD: ItemAction.ADD,
    check_pb2.ITEM_ACTION_MODIFY: ItemAction.MODIFY,
    check_pb2.ITEM_ACTION_DELETE: ItemAction.DELETE,
    check_pb2.ITEM_ACTION_NO_CHANGE: ItemAction.NO_CHANGE,
}
ITEM_ACTION_CODES = {v: k for k, v in ITEM_ACTIONS.items()}

OUTCOMES: dict[OutcomeNumber, Outcome] = {
    check_pb2.OUTCOME_QUALIFIED: Outcome.QUALIFIED,
    check_pb2.OUTCOME_UNQUALIFIED: Outcome.UNQUALIFIED,
    check_pb2.OUTCOME_ALTERNATE: Outcome.ALTERNATE,
}
OUTCOME_CODES = {v: k for k, v in OUTCOMES.items()}

CHECK_STATES: dict[CheckStateNumber, CheckState] = {
    check_pb2.CHECK_STATE_ACKNOWLEDGED: CheckState.ACKNOWLEDGED,
    check_pb2.CHECK_STATE_IN_PROGRESS: CheckState.IN_PROGRESS,
    check_pb2.CHECK_STATE_DONE: CheckState.DONE,
    check_pb2.CHECK_STATE_TERMINATED_WITH_ERROR: CheckState.TERMINATED_WITH_ERROR,
}
CHECK_STATE_CODES = {v: k for k, v in CHECK_STATES.items()}

PARTY_TYPES: dict[PartyTypeNumber, PartyType] = {
    profile_pb2.PARTY_TYPE_INDIVIDUAL: PartyType.INDIVIDUAL,
    profile_pb2.PARTY_TYPE_ORGANIZATION: PartyType.ORGANIZATION,
}
PARTY_TYPE_CODES = {v: k for k, v in PARTY_TYPES.items()}
