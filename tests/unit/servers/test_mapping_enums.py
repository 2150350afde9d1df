"""Every enum value has a deliberate mapping: each proto number except UNSPECIFIED maps to a
domain member, each domain member maps back, and UNSPECIFIED does what the protos say."""

from __future__ import annotations

import enum
from typing import Any

import pytest
from google.protobuf.descriptor import EnumDescriptor

from domain.catalog.errors import InvalidEntity
from domain.catalog.model import ImportJobState, PriceKind, ValueType
from domain.catalog.queries import SortField
from ordercapture.catalog.v1 import import_pb2, price_pb2, query_pb2, specification_pb2
from servers.catalog.mapping import enums

TABLES: list[tuple[EnumDescriptor, dict[Any, Any], dict[Any, Any] | None, type[enum.Enum]]] = [
    (
        specification_pb2.ValueType.DESCRIPTOR,
        enums.VALUE_TYPES,
        enums.VALUE_TYPES_OUT,
        ValueType,
    ),
    (price_pb2.PriceKind.DESCRIPTOR, enums.PRICE_KINDS, enums.PRICE_KINDS_OUT, PriceKind),
    (
        import_pb2.ImportJobState.DESCRIPTOR,
        enums.IMPORT_JOB_STATES,
        enums.IMPORT_JOB_STATES_OUT,
        ImportJobState,
    ),
    (query_pb2.SortField.DESCRIPTOR, enums.SORT_FIELDS, None, SortField),
]
IDS = [t[0].name for t in TABLES]


@pytest.mark.parametrize(("descriptor", "table", "out", "domain"), TABLES, ids=IDS)
def test_every_proto_value_but_unspecified_maps(
    descriptor: EnumDescriptor,
    table: dict[Any, Any],
    out: dict[Any, Any] | None,
    domain: type[enum.Enum],
) -> None:
    numbers = {v.number for v in descriptor.values if v.number != 0}
    assert numbers <= table.keys()
    assert set(table) <= {v.number for v in descriptor.values}


@pytest.mark.parametrize(("descriptor", "table", "out", "domain"), TABLES, ids=IDS)
def test_every_domain_member_is_reachable_and_maps_back(
    descriptor: EnumDescriptor,
    table: dict[Any, Any],
    out: dict[Any, Any] | None,
    domain: type[enum.Enum],
) -> None:
    assert set(table.values()) == set(domain)
    if out is not None:
        assert set(out) == set(domain)
        assert all(table[out[member]] is member for member in domain)
        assert 0 not in out.values()  # never send UNSPECIFIED


def test_unspecified_value_type_is_text() -> None:
    assert enums.value_type_from(specification_pb2.VALUE_TYPE_UNSPECIFIED, "f") is ValueType.TEXT


def test_unspecified_sort_field_is_id() -> None:
    assert enums.sort_field_from(query_pb2.SORT_FIELD_UNSPECIFIED, "f") is SortField.ID


@pytest.mark.parametrize(
    "convert",
    [enums.price_kind_from, enums.import_job_state_from],
    ids=["price_kind", "import_job_state"],
)
def test_unspecified_is_refused_where_there_is_no_default(convert: Any) -> None:
    with pytest.raises(InvalidEntity) as raised:
        convert(0, "the.field")
    assert [(v.field, v.description) for v in raised.value.violations] == [
        ("the.field", "required")
    ]


@pytest.mark.parametrize(
    "convert",
    [
        enums.value_type_from,
        enums.price_kind_from,
        enums.import_job_state_from,
        enums.sort_field_from,
    ],
)
def test_numbers_from_a_newer_client_are_refused(convert: Any) -> None:
    with pytest.raises(InvalidEntity) as raised:
        convert(99, "the.field")
    assert raised.value.violations[0].field == "the.field"
    assert "99" in raised.value.violations[0].description
