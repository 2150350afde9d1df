"""serviceCharacteristic <-> ConfiguredCharacteristic."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ordercapture.type.v1 import characteristic_pb2
from rest_facade.errors import TmfError
from rest_facade.feasibility.mapping.characteristics import (
    characteristic_to_tmf,
    characteristics_from_tmf,
    network_characteristics,
)

Value = characteristic_pb2.CharacteristicValue


def test_strings_numbers_flags_and_arrays_are_read() -> None:
    read = characteristics_from_tmf(
        [
            {"name": "accessTechnology", "value": ["FTTH", "VDSL"]},
            {"name": "downloadSpeed", "value": 500},
            {"name": "uploadSpeed", "value": Decimal("50.0")},
            {"name": "staticIp", "value": True},
        ],
        "c",
    )
    assert [c.name for c in read] == [
        "accessTechnology",
        "downloadSpeed",
        "uploadSpeed",
        "staticIp",
    ]
    assert list(read[0].values) == [Value(text="FTTH"), Value(text="VDSL")]
    assert list(read[1].values) == [Value(number="500")]
    assert list(read[2].values) == [Value(number="50.0")]
    assert list(read[3].values) == [Value(flag=True)]


@pytest.mark.parametrize(
    ("document", "fragment"),
    [
        ({"value": 1}, "c[0].name"),
        ({"name": "downloadSpeed"}, "c[0].value"),
        ({"name": "downloadSpeed", "value": []}, "c[0].value"),
        ({"name": "downloadSpeed", "value": {"a": 1}}, "c[0].value"),
        ({"name": "x", "value": 1, "characteristicRelationship": []}, "characteristicRelationship"),
    ],
)
def test_bad_characteristics_are_refused(document: dict[str, object], fragment: str) -> None:
    with pytest.raises(TmfError) as raised:
        characteristics_from_tmf([document], "c")
    assert fragment in raised.value.message


def test_rendering_gives_back_what_was_asked() -> None:
    asked = [
        {"name": "accessTechnology", "value": ["FTTH", "VDSL"]},
        {"name": "downloadSpeed", "value": 500},
        {"name": "ratio", "value": Decimal("0.5")},
        {"name": "staticIp", "value": False},
    ]
    rendered = [characteristic_to_tmf(c) for c in characteristics_from_tmf(asked, "c")]
    assert [(r["name"], r["value"], r["valueType"]) for r in rendered] == [
        ("accessTechnology", ["FTTH", "VDSL"], "array"),
        ("downloadSpeed", 500, "integer"),
        ("ratio", 0.5, "number"),
        ("staticIp", False, "boolean"),
    ]


def test_network_characteristics_leave_out_what_is_unknown() -> None:
    assert [c["name"] for c in network_characteristics("FTTH", 0, 0)] == ["accessTechnology"]
    assert [c["value"] for c in network_characteristics("VDSL", 100, 40)] == ["VDSL", 100, 40]


def test_values_are_rendered_in_the_kind_the_tier_gives() -> None:
    """The tier keeps each value's kind: text stays text, even for a speed."""
    as_text = characteristic_pb2.ConfiguredCharacteristic(
        name="downloadSpeed", values=[Value(text="500")]
    )
    assert characteristic_to_tmf(as_text)["value"] == "500"
    as_number = characteristic_pb2.ConfiguredCharacteristic(
        name="downloadSpeed", values=[Value(number="500")]
    )
    assert characteristic_to_tmf(as_number)["value"] == 500
