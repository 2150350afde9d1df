"""The attribute conditions of List requests, from the contract to the domain's terms."""

from __future__ import annotations

from collections.abc import Iterable

from domain.shared.conditions import AttributeCondition, Comparison
from domain.shared.errors import FieldViolation, InvalidCondition
from ordercapture.type.v1 import condition_pb2

_COMPARISONS = {
    condition_pb2.COMPARISON_EQUAL: Comparison.EQUAL,
    condition_pb2.COMPARISON_NOT_EQUAL: Comparison.NOT_EQUAL,
    condition_pb2.COMPARISON_GREATER: Comparison.GREATER,
    condition_pb2.COMPARISON_GREATER_OR_EQUAL: Comparison.GREATER_OR_EQUAL,
    condition_pb2.COMPARISON_LESS: Comparison.LESS,
    condition_pb2.COMPARISON_LESS_OR_EQUAL: Comparison.LESS_OR_EQUAL,
    condition_pb2.COMPARISON_MATCHES: Comparison.MATCHES,
}


def conditions_from(
    messages: Iterable[condition_pb2.AttributeCondition],
) -> tuple[AttributeCondition, ...]:
    conditions = []
    for index, message in enumerate(messages):
        comparison = _COMPARISONS.get(message.comparison)
        if comparison is None:
            raise InvalidCondition(
                f"Condition on '{message.path}': a comparison is required",
                violations=(FieldViolation(f"conditions[{index}]", "a comparison is required"),),
            )
        absent = message.absent_value if message.HasField("absent_value") else None
        conditions.append(
            AttributeCondition(message.path, comparison, tuple(message.values), absent)
        )
    return tuple(conditions)
