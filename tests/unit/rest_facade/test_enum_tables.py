"""Every internal enum value (but UNSPECIFIED) has exactly one TMF spelling, and back."""

from __future__ import annotations

from collections.abc import Mapping

import pytest
from google.protobuf.internal.enum_type_wrapper import EnumTypeWrapper

from ordercapture.catalog.v1 import import_pb2, price_pb2, specification_pb2
from rest_facade.catalog.mapping.characteristics import VALUE_SPEC_KINDS, VALUE_TYPES
from rest_facade.catalog.mapping.import_job import JOB_STATES
from rest_facade.catalog.mapping.product_offering_price import PRICE_TYPES

TABLES = [
    pytest.param(PRICE_TYPES, price_pb2.PriceKind, id="priceType"),
    pytest.param(VALUE_TYPES, specification_pb2.ValueType, id="valueType"),
    pytest.param(JOB_STATES, import_pb2.ImportJobState, id="jobState"),
]


@pytest.mark.parametrize(("table", "enum"), TABLES)
def test_table_covers_every_value_once(table: Mapping[str, int], enum: EnumTypeWrapper) -> None:
    specified = {value for name, value in enum.items() if not name.endswith("_UNSPECIFIED")}
    assert set(table.values()) == specified
    assert len(set(table.values())) == len(table)


def test_job_states_are_the_v5_job_state_type() -> None:
    assert list(JOB_STATES) == ["Not Started", "Running", "Succeeded", "Failed"]


def test_value_specification_subclasses_cover_every_value_kind() -> None:
    from ordercapture.type.v1 import characteristic_pb2

    kinds = {
        field.name
        for field in characteristic_pb2.CharacteristicValue.DESCRIPTOR.oneofs_by_name["kind"].fields
    }
    assert set(VALUE_SPEC_KINDS.values()) == kinds
