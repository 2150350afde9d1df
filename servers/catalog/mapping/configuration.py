"""Requested configurations in, violations out."""

from __future__ import annotations

from domain.catalog.model import (
    ConfigurationViolation,
    ConfiguredCharacteristic,
    RequestedComponent,
    RequestedConfiguration,
    Value,
)
from ordercapture.type.v1 import configuration_pb2
from servers.catalog.mapping.values import value_from


def configuration_from(
    message: configuration_pb2.RequestedConfiguration, field: str = "configuration"
) -> RequestedConfiguration:
    characteristics = []
    for i, item in enumerate(message.characteristics):
        values: list[Value] = []
        for j, raw in enumerate(item.values):
            value = value_from(raw, f"{field}.characteristics[{i}].values[{j}]")
            if value is not None:
                values.append(value)
        characteristics.append(ConfiguredCharacteristic(item.name, tuple(values)))
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
    return RequestedConfiguration(tuple(characteristics), components)


def violation_to(violation: ConfigurationViolation) -> configuration_pb2.ConfigurationViolation:
    return configuration_pb2.ConfigurationViolation(
        path=violation.path, reason=violation.reason, message=violation.message
    )
