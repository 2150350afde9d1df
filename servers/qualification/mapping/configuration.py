"""Requested configurations cross the qualification domain unread: they are kept as their
protobuf JSON text and handed back to the catalog's own mapping when a check is judged."""

from __future__ import annotations

from google.protobuf import json_format

from domain.catalog.errors import InvalidEntity
from domain.qualification.errors import InvalidEligibilityQuestion
from domain.qualification.model import RequestedConfiguration
from ordercapture.type.v1 import configuration_pb2
from servers.catalog.mapping.configuration import configuration_from


def configuration_of(
    message: configuration_pb2.RequestedConfiguration, field: str
) -> RequestedConfiguration:
    """The configuration to keep with the item; values the catalog could never read (a
    number that is no decimal, a value of no kind) are refused now, before anything is stored."""
    try:
        configuration_from(message, field)
    except InvalidEntity as problem:
        raise InvalidEligibilityQuestion(
            "a requested configuration is malformed", violations=problem.violations
        ) from problem
    return RequestedConfiguration(json_format.MessageToJson(message, indent=None, sort_keys=True))


def configuration_message(
    configuration: RequestedConfiguration,
) -> configuration_pb2.RequestedConfiguration:
    return json_format.Parse(configuration.document, configuration_pb2.RequestedConfiguration())
