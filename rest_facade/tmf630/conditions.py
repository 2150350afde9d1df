"""Filters on any attribute: a TMF attribute path becomes an AttributeCondition on the proto
field path it maps to, which the tier evaluates in its database whatever the operator.

A resource declares a table `{TMF path: ConditionPath}`; the tier knows each field's type from
its contract, so comparisons are typed there (dates, numbers, booleans, text) and a value of
the wrong type comes back as INVALID_CONDITION naming the condition, which is told to the
client as a 400 naming its query parameter.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

import grpc

from ordercapture.type.v1 import condition_pb2
from rest_facade.errors import TmfError, field_violations, rich_status, status_reason
from rest_facade.tmf630.query_string import query_error

COMPARISONS: Mapping[str, condition_pb2.Comparison.ValueType] = {
    "eq": condition_pb2.COMPARISON_EQUAL,
    "ne": condition_pb2.COMPARISON_NOT_EQUAL,
    "gt": condition_pb2.COMPARISON_GREATER,
    "gte": condition_pb2.COMPARISON_GREATER_OR_EQUAL,
    "lt": condition_pb2.COMPARISON_LESS,
    "lte": condition_pb2.COMPARISON_LESS_OR_EQUAL,
    "regex": condition_pb2.COMPARISON_MATCHES,
}
_CONDITION = "conditions["


@dataclass(frozen=True, slots=True)
class ConditionPath:
    """The proto field path a TMF attribute maps to; `values` translates TMF values of an
    enumerated attribute (`acknowledged`) into the proto's value names."""

    path: str
    values: Mapping[str, str] | None = None
    absent_value: str | None = None  # what the tier compares an absent attribute as


def polymorphic(tmf_type: str) -> dict[str, ConditionPath]:
    """`@type`: a subtype's name is kept with the resource's extension attributes; a resource
    of the base type keeps none, and compares as `tmf_type`."""
    return {"@type": ConditionPath("extension.@type", absent_value=tmf_type)}


def prefixed(tmf: str, proto: str, table: Mapping[str, ConditionPath]) -> dict[str, ConditionPath]:
    """A shared sub-table (a reference, a characteristic) placed under an attribute."""
    return {
        f"{tmf}.{name}": ConditionPath(f"{proto}.{target.path}", target.values, target.absent_value)
        for name, target in table.items()
    }


def condition(
    target: ConditionPath, operator: str, values: Sequence[str]
) -> condition_pb2.AttributeCondition:
    """ValueError (client-facing) for a value outside an enumerated attribute's values."""
    if target.values is not None:
        unknown = [value for value in values if value not in target.values]
        if unknown:
            allowed = ", ".join(sorted(target.values))
            raise ValueError(f"'{unknown[0]}' is not one of: {allowed}")
        values = [target.values[value] for value in values]
    made = condition_pb2.AttributeCondition(
        path=target.path, comparison=COMPARISONS[operator], values=list(values)
    )
    if target.absent_value is not None:
        made.absent_value = target.absent_value
    return made


@contextmanager
def conditions_named(parameters: Sequence[str]) -> Iterator[None]:
    """Around a List call: the tier's refusal of condition i becomes a 400 naming the i-th
    condition's query parameter, in the client's words rather than the contract's paths."""
    try:
        yield
    except grpc.aio.AioRpcError as error:
        refusal = _refusal(error, parameters)
        if refusal is None:
            raise
        raise refusal from None


def _refusal(error: grpc.aio.AioRpcError, parameters: Sequence[str]) -> TmfError | None:
    status = rich_status(error)
    if status is None or status_reason(status) != "INVALID_CONDITION":
        return None
    for violation in field_violations(status):
        if violation.field.startswith(_CONDITION) and violation.field.endswith("]"):
            index = violation.field[len(_CONDITION) : -1]
            if index.isdigit() and int(index) < len(parameters):
                return query_error(parameters[int(index)], violation.description)
    return None
