"""The catalog as ordering sees it (domain.ordering.ports.CatalogReader), over the catalog's
own use cases: whether each item's offering exists and is orderable, what its configuration
breaks (the catalog's validate_configurations, one batch per order) and which offerings are
network services delivered at a place (their specification names an access technology)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime

from google.protobuf import json_format

from domain.catalog.configuration_checks import ConfigurationRequest
from domain.catalog.model import RequestedConfiguration
from domain.catalog.services import CatalogManagement
from domain.ordering.model import OrderItem
from domain.ordering.ports import Problem
from ordercapture.type.v1 import configuration_pb2
from servers.catalog.mapping.configuration import configuration_from
from servers.feasibility.catalog_reader import CatalogServiceReader
from servers.qualification.catalog_reader import CatalogReader as OfferingAvailability

OFFERING_NOT_FOUND = "OFFERING_NOT_FOUND"
OFFERING_NOT_ORDERABLE = "OFFERING_NOT_ORDERABLE"


class OrderingCatalog:
    def __init__(self, catalog: CatalogManagement) -> None:
        self._catalog = catalog
        self._availability = OfferingAvailability(catalog)
        self._services = CatalogServiceReader(catalog)

    async def review(
        self, items: Sequence[OrderItem], at: datetime
    ) -> Mapping[str, Sequence[Problem]]:
        offered = [i for i in items if i.offering_id]
        known = await self._availability.availability((i.offering_id for i in offered), at)
        found: dict[str, list[Problem]] = {}
        configured: list[OrderItem] = []
        for item in offered:
            availability = known.get(item.offering_id)
            if availability is None:
                message = f"offering {item.offering_id!r} does not exist"
                found.setdefault(item.id, []).append(Problem(OFFERING_NOT_FOUND, message))
                continue
            if not availability.orderable:
                message = f"offering {item.offering_id!r} cannot be ordered: {availability.why_not}"
                found.setdefault(item.id, []).append(Problem(OFFERING_NOT_ORDERABLE, message))
            if item.configuration is not None:
                configured.append(item)
        answers = await self._catalog.validate_configurations(
            [ConfigurationRequest(i.offering_id, _configuration(i)) for i in configured]
        )
        for item, violations in zip(configured, answers, strict=True):
            found.setdefault(item.id, []).extend(
                Problem(v.reason, v.message, f"configuration.{v.path}" if v.path else "")
                for v in violations
            )
        return found

    async def offerings_needing_a_place(
        self, offering_ids: Iterable[str], at: datetime
    ) -> frozenset[str]:
        needing: set[str] = set()
        for offering_id in dict.fromkeys(offering_ids):
            specification_id = await self._services.offering_specification(offering_id)
            if not specification_id:
                continue
            need = await self._services.specification_need(specification_id)
            if need is not None and need.names_access:
                needing.add(offering_id)
        return frozenset(needing)


def _configuration(item: OrderItem) -> RequestedConfiguration:
    assert item.configuration is not None
    message = json_format.Parse(
        item.configuration.document, configuration_pb2.RequestedConfiguration()
    )
    return configuration_from(message)
