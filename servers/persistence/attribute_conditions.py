"""Attribute conditions of the List calls -> SQL over a row's search document.

A condition names a path of field names in the listed message; the message's descriptor says
what each step is (a repeated field, a nested message, a leaf and its type), so one compiler
serves every resource. A repeated field on the path becomes an EXISTS over the JSON array's
elements (any element satisfies), nested as deep as the path goes. Everything runs in the
database, values are bound parameters, and the two dialects differ only in how JSON is read.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from google.protobuf.descriptor import Descriptor, EnumDescriptor, FieldDescriptor
from sqlalchemy import (
    Boolean,
    ColumnElement,
    FromClause,
    Numeric,
    Text,
    cast,
    exists,
    false,
    func,
    literal,
    not_,
    or_,
    select,
)
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import InstrumentedAttribute

from domain.shared.conditions import AttributeCondition, Comparison
from domain.shared.errors import FieldViolation, InvalidCondition
from servers.persistence.search_documents import STRUCT, TIMESTAMP

Condition = ColumnElement[bool]

# Keys of kept attributes a path may name: TMF attribute names, markers included.
_KEY = re.compile(r"@?[A-Za-z][A-Za-z0-9_-]*")
MAX_PATTERN = 200  # a regular expression runs over every candidate row: keep it small
_EQUALITY = frozenset({Comparison.EQUAL, Comparison.NOT_EQUAL})
_ORDERED = _EQUALITY | {
    Comparison.GREATER,
    Comparison.GREATER_OR_EQUAL,
    Comparison.LESS,
    Comparison.LESS_OR_EQUAL,
}
_NUMBERS = frozenset(
    {
        FieldDescriptor.TYPE_DOUBLE,
        FieldDescriptor.TYPE_FLOAT,
        FieldDescriptor.TYPE_INT32,
        FieldDescriptor.TYPE_INT64,
        FieldDescriptor.TYPE_UINT32,
        FieldDescriptor.TYPE_UINT64,
        FieldDescriptor.TYPE_SINT32,
        FieldDescriptor.TYPE_SINT64,
        FieldDescriptor.TYPE_FIXED32,
        FieldDescriptor.TYPE_FIXED64,
        FieldDescriptor.TYPE_SFIXED32,
        FieldDescriptor.TYPE_SFIXED64,
    }
)


class Kind(enum.Enum):
    TEXT = "text"
    ENUM = "enum"
    BOOLEAN = "boolean"
    NUMBER = "number"
    TIME = "time"


@dataclass(frozen=True, slots=True)
class Step:
    name: str
    repeated: bool


@dataclass(frozen=True, slots=True)
class Attribute:
    """A resolved path: its steps and the type of its leaf."""

    steps: tuple[Step, ...]
    kind: Kind
    enum_type: EnumDescriptor | None = None


def conditions_sql(
    conditions: Sequence[AttributeCondition],
    message: Descriptor,
    document: ColumnElement[Any] | InstrumentedAttribute[Any],
    dialect: str,
) -> list[Condition]:
    """One SQL condition per attribute condition; InvalidCondition names the first bad one.
    `document` is the search document column (a row class's `search`)."""
    json = _POSTGRES if dialect == "postgresql" else _SQLITE
    if isinstance(document, InstrumentedAttribute):
        document = document.expression
    return [
        _compiled(condition, index, message, document, json)
        for index, condition in enumerate(conditions)
    ]


def resolve(path: str, message: Descriptor) -> Attribute:
    """The attribute a path names; ValueError says why it names none."""
    steps: list[Step] = []
    current: Descriptor | None = message
    field: FieldDescriptor | None = None
    names = path.split(".")
    for position, name in enumerate(names):
        if current is None:
            assert field is not None
            raise ValueError(f"'{field.name}' has no attributes of its own")
        field = current.fields_by_name.get(name)
        if field is None:
            raise ValueError(f"'{current.name}' has no attribute '{name}'")
        steps.append(Step(name, field.is_repeated))
        if _is_struct(field) and not field.is_repeated:
            return _struct_member(tuple(steps), names[position + 1 :], path)
        current = _descend(field)
    assert field is not None
    if current is not None:
        raise ValueError(f"'{path}' is an object: name one of its attributes")
    return Attribute(tuple(steps), _kind(field), field.enum_type)


def _is_struct(field: FieldDescriptor) -> bool:
    return field.message_type is not None and field.message_type.full_name == STRUCT


def _struct_member(steps: tuple[Step, ...], keys: list[str], path: str) -> Attribute:
    """A key of a free-form object (kept attributes): text, no arrays on the way."""
    if not keys:
        raise ValueError(f"'{path}' is an object: name one of its attributes")
    if any(not _KEY.fullmatch(key) for key in keys):
        raise ValueError(f"'{path}' names a key this server cannot filter on")
    return Attribute(steps + tuple(Step(key, False) for key in keys), Kind.TEXT)


def _descend(field: FieldDescriptor) -> Descriptor | None:
    """The message a path may continue into, None for a leaf; refuses what cannot be named."""
    message_type = field.message_type
    if message_type is None:
        return None
    if message_type.full_name == TIMESTAMP:
        return None
    if message_type.GetOptions().map_entry or message_type.full_name.startswith("google."):
        kept = " (attributes kept uninterpreted)" if message_type.full_name == STRUCT else ""
        raise ValueError(f"'{field.name}' cannot be filtered on{kept}")
    return message_type


def _kind(field: FieldDescriptor) -> Kind:
    if field.type == FieldDescriptor.TYPE_MESSAGE:
        return Kind.TIME
    if field.type == FieldDescriptor.TYPE_ENUM:
        return Kind.ENUM
    if field.type == FieldDescriptor.TYPE_BOOL:
        return Kind.BOOLEAN
    if field.type in _NUMBERS:
        return Kind.NUMBER
    return Kind.TEXT


def _compiled(
    condition: AttributeCondition,
    index: int,
    message: Descriptor,
    document: ColumnElement[Any],
    json: _Json,
) -> Condition:
    where = f"conditions[{index}]"
    try:
        attribute = resolve(condition.path, message)
        values = _values(attribute, condition.comparison, condition.values)
    except ValueError as exc:
        raise InvalidCondition(
            f"Condition on '{condition.path}': {exc}",
            violations=(FieldViolation(where, str(exc)),),
        ) from None
    negated = condition.comparison == Comparison.NOT_EQUAL
    comparison = Comparison.EQUAL if negated else condition.comparison

    absent = condition.absent_value

    def holds(leaf: ColumnElement[Any]) -> Condition:
        if absent is not None:
            leaf = func.coalesce(leaf, absent)
        typed = json.typed(leaf, attribute.kind)
        return or_(*(_compare(typed, comparison, json.bound(value)) for value in values))

    if comparison == Comparison.EQUAL and json.indexed_equality and absent is None:
        found = or_(*(json.contains(document, attribute, value) for value in values))
    else:
        found = _along(document, attribute.steps, holds, json)
    if negated:  # equal to none of the values, an absent attribute included
        return not_(func.coalesce(found, false(), type_=Boolean))
    return found


def _along(
    base: ColumnElement[Any],
    steps: tuple[Step, ...],
    holds: Callable[[ColumnElement[Any]], Condition],
    json: _Json,
) -> Condition:
    """`holds` applied at the end of the path; each repeated step an EXISTS over its elements."""
    for position, step in enumerate(steps):
        if step.repeated:
            names = tuple(s.name for s in steps[: position + 1])
            elements, element = json.elements(base, names)
            inner = _along(element, steps[position + 1 :], holds, json)
            return exists(select(literal(1)).select_from(elements).where(inner))
    return holds(json.extract(base, tuple(s.name for s in steps)))


def _compare(leaf: ColumnElement[Any], comparison: Comparison, value: object) -> Condition:
    if comparison == Comparison.EQUAL:
        return leaf == value
    if comparison == Comparison.GREATER:
        return leaf > value
    if comparison == Comparison.GREATER_OR_EQUAL:
        return leaf >= value
    if comparison == Comparison.LESS:
        return leaf < value
    if comparison == Comparison.LESS_OR_EQUAL:
        return leaf <= value
    assert isinstance(value, str)
    return leaf.regexp_match(value)


def _values(attribute: Attribute, comparison: Comparison, texts: Sequence[str]) -> list[object]:
    if not texts:
        raise ValueError("at least one value is required")
    allowed = {
        Kind.TEXT: _ORDERED | {Comparison.MATCHES},
        Kind.NUMBER: _ORDERED,
        Kind.TIME: _ORDERED,
        Kind.ENUM: _EQUALITY,
        Kind.BOOLEAN: _EQUALITY,
    }[attribute.kind]
    if comparison not in allowed:
        spelt = comparison.name
        raise ValueError(f"{spelt} does not apply to a {attribute.kind.value} attribute")
    if comparison == Comparison.MATCHES:
        return [_pattern(text) for text in texts]
    return [_value(attribute, text) for text in texts]


def _value(attribute: Attribute, text: str) -> object:
    if attribute.kind == Kind.ENUM:
        assert attribute.enum_type is not None
        if text not in attribute.enum_type.values_by_name:
            raise ValueError(f"'{text}' is not a value of {attribute.enum_type.name}")
        return text
    if attribute.kind == Kind.BOOLEAN:
        if text not in {"true", "false"}:
            raise ValueError(f"'{text}' is not true or false")
        return text
    if attribute.kind == Kind.NUMBER:
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValueError(f"'{text}' is not a number") from None
        if not number.is_finite():
            raise ValueError(f"'{text}' is not a finite number")
        return number
    if attribute.kind == Kind.TIME:
        return _instant(text)
    return text


def _instant(text: str) -> str:
    try:
        instant = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"'{text}' is not an RFC 3339 date-time") from None
    if instant.tzinfo is None:
        raise ValueError(f"'{text}' has no time zone offset")
    return instant.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _pattern(text: str) -> str:
    if len(text) > MAX_PATTERN:
        raise ValueError(f"a pattern may have {MAX_PATTERN} characters at most")
    try:
        re.compile(text)
    except re.error as exc:
        raise ValueError(f"'{text}' is not a regular expression: {exc}") from None
    return text


class _Json:
    """How one dialect reads a JSON document: a leaf, the elements of an array, typed values."""

    # Equality as containment of a document fragment, which an index serves.
    indexed_equality = False

    def contains(
        self, document: ColumnElement[Any], attribute: Attribute, value: object
    ) -> Condition:
        raise NotImplementedError

    def extract(self, base: ColumnElement[Any], names: tuple[str, ...]) -> ColumnElement[Any]:
        raise NotImplementedError

    def elements(
        self, base: ColumnElement[Any], names: tuple[str, ...]
    ) -> tuple[FromClause, ColumnElement[Any]]:
        raise NotImplementedError

    def typed(self, leaf: ColumnElement[Any], kind: Kind) -> ColumnElement[Any]:
        raise NotImplementedError

    def bound(self, value: object) -> object:
        return value


class _SqliteJson(_Json):
    """json_extract gives SQL values (text, numbers, 1/0 for booleans); json_each an array's
    elements, scalars as SQL values and objects as JSON text."""

    def extract(self, base: ColumnElement[Any], names: tuple[str, ...]) -> ColumnElement[Any]:
        return func.json_extract(base, _sqlite_path(names)) if names else base

    def elements(
        self, base: ColumnElement[Any], names: tuple[str, ...]
    ) -> tuple[FromClause, ColumnElement[Any]]:
        each = func.json_each(base, _sqlite_path(names)).table_valued("value")
        return each, each.c.value

    def typed(self, leaf: ColumnElement[Any], kind: Kind) -> ColumnElement[Any]:
        if kind == Kind.BOOLEAN:
            return func.iif(leaf, "true", "false")
        return leaf

    def bound(self, value: object) -> object:
        # SQLite has no decimal type: numbers in JSON are integers or doubles already.
        return float(value) if isinstance(value, Decimal) else value


class _PostgresJson(_Json):
    """`#>>` gives text (cast for numbers), jsonb_array_elements an array's elements; equality
    is `search @> fragment` (any element of an array on the way may hold it), served by the
    GIN index on search documents."""

    indexed_equality = True

    def contains(
        self, document: ColumnElement[Any], attribute: Attribute, value: object
    ) -> Condition:
        fragment: object = _json_value(attribute.kind, value)
        for step in reversed(attribute.steps):
            fragment = {step.name: [fragment] if step.repeated else fragment}
        return document.op("@>", return_type=Boolean)(literal(fragment, postgresql.JSONB))

    def extract(self, base: ColumnElement[Any], names: tuple[str, ...]) -> ColumnElement[Any]:
        return base.op("#>>", return_type=Text)(_pg_path(names))

    def elements(
        self, base: ColumnElement[Any], names: tuple[str, ...]
    ) -> tuple[FromClause, ColumnElement[Any]]:
        array = base.op("#>", return_type=postgresql.JSONB)(_pg_path(names))
        each = func.jsonb_array_elements(array).table_valued("value")
        return each, each.c.value

    def typed(self, leaf: ColumnElement[Any], kind: Kind) -> ColumnElement[Any]:
        # Text orders by code point, as on SQLite, whatever the database's collation.
        return cast(leaf, Numeric) if kind == Kind.NUMBER else leaf.collate("C")


def _json_value(kind: Kind, value: object) -> object:
    """A condition's value as the search document holds it."""
    if kind == Kind.BOOLEAN:
        return value == "true"
    if kind == Kind.NUMBER:
        assert isinstance(value, Decimal)
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _sqlite_path(names: tuple[str, ...]) -> str:
    # Quoted: kept attributes' keys may start with '@'; names are checked against _KEY or are
    # proto field names, so they hold no quote.
    return "$." + ".".join(f'"{name}"' for name in names)


def _pg_path(names: tuple[str, ...]) -> ColumnElement[Any]:
    return literal(list(names), type_=postgresql.ARRAY(Text))


_SQLITE = _SqliteJson()
_POSTGRES = _PostgresJson()
