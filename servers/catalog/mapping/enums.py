"""Explicit enum tables, proto <-> domain. UNSPECIFIED is decided here, never by accident:
ValueType UNSPECIFIED means text, SortField UNSPECIFIED means id, and PriceKind or
ImportJobState UNSPECIFIED (or a number this server does not know) is refused."""

from __future__ import annotations

from typing import TypeAlias, TypeVar

from domain.catalog.errors import InvalidEntity
from domain.catalog.model import ImportJobState, PriceKind, ValueType
from domain.catalog.queries import SortField
from domain.shared.errors import FieldViolation
from ordercapture.catalog.v1 import import_pb2, price_pb2, query_pb2, specification_pb2

ValueTypeNumber: TypeAlias = specification_pb2.ValueType.ValueType
PriceKindNumber: TypeAlias = price_pb2.PriceKind.ValueType
ImportJobStateNumber: TypeAlias = import_pb2.ImportJobState.ValueType
SortFieldNumber: TypeAlias = query_pb2.SortField.ValueType
K = TypeVar("K")
V = TypeVar("V")

VALUE_TYPES: dict[ValueTypeNumber, ValueType] = {
    specification_pb2.VALUE_TYPE_UNSPECIFIED: ValueType.TEXT,  # documented default
    specification_pb2.VALUE_TYPE_TEXT: ValueType.TEXT,
    specification_pb2.VALUE_TYPE_NUMBER: ValueType.NUMBER,
    specification_pb2.VALUE_TYPE_INTEGER: ValueType.INTEGER,
    specification_pb2.VALUE_TYPE_FLAG: ValueType.FLAG,
}
VALUE_TYPES_OUT: dict[ValueType, ValueTypeNumber] = {
    ValueType.TEXT: specification_pb2.VALUE_TYPE_TEXT,
    ValueType.NUMBER: specification_pb2.VALUE_TYPE_NUMBER,
    ValueType.INTEGER: specification_pb2.VALUE_TYPE_INTEGER,
    ValueType.FLAG: specification_pb2.VALUE_TYPE_FLAG,
}

PRICE_KINDS: dict[PriceKindNumber, PriceKind] = {
    price_pb2.PRICE_KIND_ONE_TIME: PriceKind.ONE_TIME,
    price_pb2.PRICE_KIND_RECURRING: PriceKind.RECURRING,
    price_pb2.PRICE_KIND_USAGE: PriceKind.USAGE,
    price_pb2.PRICE_KIND_DISCOUNT: PriceKind.DISCOUNT,
}
PRICE_KINDS_OUT: dict[PriceKind, PriceKindNumber] = {v: k for k, v in PRICE_KINDS.items()}

IMPORT_JOB_STATES: dict[ImportJobStateNumber, ImportJobState] = {
    import_pb2.IMPORT_JOB_STATE_NOT_STARTED: ImportJobState.NOT_STARTED,
    import_pb2.IMPORT_JOB_STATE_RUNNING: ImportJobState.RUNNING,
    import_pb2.IMPORT_JOB_STATE_SUCCEEDED: ImportJobState.SUCCEEDED,
    import_pb2.IMPORT_JOB_STATE_FAILED: ImportJobState.FAILED,
}
IMPORT_JOB_STATES_OUT: dict[ImportJobState, ImportJobStateNumber] = {
    v: k for k, v in IMPORT_JOB_STATES.items()
}

SORT_FIELDS: dict[SortFieldNumber, SortField] = {
    query_pb2.SORT_FIELD_UNSPECIFIED: SortField.ID,  # documented default order
    query_pb2.SORT_FIELD_ID: SortField.ID,
    query_pb2.SORT_FIELD_NAME: SortField.NAME,
    query_pb2.SORT_FIELD_LIFECYCLE_STATUS: SortField.LIFECYCLE_STATUS,
    query_pb2.SORT_FIELD_VERSION: SortField.VERSION,
    query_pb2.SORT_FIELD_UPDATE_TIME: SortField.UPDATE_TIME,
    query_pb2.SORT_FIELD_CREATE_TIME: SortField.CREATE_TIME,
}


def value_type_from(number: ValueTypeNumber, field: str) -> ValueType:
    return _lookup(VALUE_TYPES, number, field, "value type")


def price_kind_from(number: PriceKindNumber, field: str) -> PriceKind:
    return _lookup(PRICE_KINDS, number, field, "price kind")


def import_job_state_from(number: ImportJobStateNumber, field: str) -> ImportJobState:
    return _lookup(IMPORT_JOB_STATES, number, field, "import job state")


def sort_field_from(number: SortFieldNumber, field: str) -> SortField:
    return _lookup(SORT_FIELDS, number, field, "sort field")


def _lookup(table: dict[K, V], number: K, field: str, what: str) -> V:
    found = table.get(number)
    if found is None:
        problem = "required" if number == 0 else f"{number} is not a known {what}"
        raise InvalidEntity(
            f"{field}: {what} {problem}", violations=(FieldViolation(field, problem),)
        )
    return found
