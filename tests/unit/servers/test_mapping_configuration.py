"""Requested configurations and violations."""

from __future__ import annotations

from decimal import Decimal

import pytest

from domain.catalog.errors import InvalidEntity
from domain.catalog.model import (
    ConfigurationViolation,
    ConfiguredCharacteristic,
    RequestedComponent,
    RequestedConfiguration,
)
from ordercapture.type.v1 import characteristic_pb2, configuration_pb2
from servers.catalog.mapping.configuration import (
    configuration_from,
    configuration_to,
    violation_from,
    violation_to,
)

NESTED = RequestedConfiguration(
    characteristics=(
        ConfiguredCharacteristic("speed", (Decimal("500"),)),
        ConfiguredCharacteristic("router", ("FRITZ!Box", "Speedport")),
        ConfiguredCharacteristic("staticIp", (False,)),
    ),
    components=(
        RequestedComponent(
            "o-tv",
            2,
            RequestedConfiguration(characteristics=(ConfiguredCharacteristic("hd", (True,)),)),
        ),
        RequestedComponent("o-mobile", 1, None),
    ),
)


def test_configuration_round_trip() -> None:
    assert configuration_from(configuration_to(NESTED)) == NESTED


def test_violation_round_trip() -> None:
    violation = ConfigurationViolation("components[o-tv]", "COMPONENT_QUANTITY", "3 chosen")
    assert violation_from(violation_to(violation)) == violation


def test_quantity_zero_means_one() -> None:
    message = configuration_pb2.RequestedConfiguration(
        components=[configuration_pb2.RequestedComponent(offering_id="o")]
    )
    assert configuration_from(message).components == (RequestedComponent("o", 1, None),)


def test_a_value_without_kind_names_its_place() -> None:
    message = configuration_pb2.RequestedConfiguration(
        components=[
            configuration_pb2.RequestedComponent(
                offering_id="o",
                configuration=configuration_pb2.RequestedConfiguration(
                    characteristics=[
                        characteristic_pb2.ConfiguredCharacteristic(
                            name="x",
                            values=[
                                characteristic_pb2.CharacteristicValue(text="a"),
                                characteristic_pb2.CharacteristicValue(),
                            ],
                        )
                    ]
                ),
            )
        ]
    )
    with pytest.raises(InvalidEntity) as raised:
        configuration_from(message)
    assert [v.field for v in raised.value.violations] == [
        "configuration.components[0].characteristics[0].values[1]"
    ]


def test_a_bad_number_names_its_place() -> None:
    message = configuration_pb2.RequestedConfiguration(
        characteristics=[
            characteristic_pb2.ConfiguredCharacteristic(
                name="speed", values=[characteristic_pb2.CharacteristicValue(number="fast")]
            )
        ]
    )
    with pytest.raises(InvalidEntity) as raised:
        configuration_from(message)
    assert [v.field for v in raised.value.violations] == [
        "configuration.characteristics[0].values[0].number"
    ]
