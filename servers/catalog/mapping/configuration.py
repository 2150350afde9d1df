"""Requested configurations in, violations out (and back, for clients and tests).
RequestedComponent.quantity 0 means 1, as the proto documents."""

from __future__ import annotations

from domain.catalog.model import (
    ConfigurationViolation,
    ConfiguredCharacteristic,
    RequestedComponent,
    RequestedConfiguration,
)
from ordercapture.type.v1 import characteristic_pb2, configuration_pb2
from servers.catalog.mapping.values import value_from, value_to


def configuration_from(
    message: configuration_pb2.RequestedConfiguration, field: str = "configuration"
) -> RequestedConfiguration:
    characteristics = tuple(
        ConfiguredCharacteristic(
            item.name,
            tuple(
                value_from(v, f"{field}.characteristics[{i}].values[{j}]")
                for j, v in enumerate(item.values)
            ),
        )
        for i, item in enumerate(message.characteristics)
    )
    components = tuple(
        RequestedComponent(
            offering_id=c.offering_id,
            quantity=c.quantity or 1,
            configuration=configuration_from(c.configuration, f"{field}.components[{i}]")
            if c.HasField("configuration")
            else None,
        )
        for i, c in enumerate(message.components)
    )
    return RequestedConfiguration(characteristics, components)


def configuration_to(
    configuration: RequestedConfiguration,
) -> configuration_pb2.RequestedConfiguration:
    return configuration_pb2.RequestedConfiguration(
        characteristics=[
            characteristic_pb2.ConfiguredCharacteristic(
                name=c.name, values=[value_to(v) for v in c.values]
            )
            for c in configuration.characteristics
        ],
        components=[
            configuration_pb2.RequestedComponent(
                offering_id=c.offering_id,
                quantity=c.quantity,
                configuration=(
                    configuration_to(c.configuration) if c.configuration is not None else None
                ),
            )
            for c in configuration.components
        ],
    )


def violation_to(violation: ConfigurationViolation) -> configuration_pb2.ConfigurationViolation:
    return configuration_pb2.ConfigurationViolation(
        path=violation.path, reason=violation.reason, message=violation.message
    )


def violation_from(message: configuration_pb2.ConfigurationViolation) -> ConfigurationViolation:
    return ConfigurationViolation(path=message.path, reason=message.reason, message=message.message)
