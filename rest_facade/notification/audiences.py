"""The audiences of the facade's hubs: one per TMF API and version it serves.

A subscription records the audience it was registered through (NotificationService keeps it
opaque); the relay renders each event in that audience's shape. An audience string is the part
of the API root after `/tmf-api/`, so `api_root` is derived from it, never restated.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ordercapture.notification.v1 import event_pb2

ES = event_pb2.EventSource
API_PREFIX = "/tmf-api/"

PRODUCT_CATALOG_V5 = "productCatalogManagement/v5"
PRODUCT_OFFERING_QUALIFICATION_V5 = "productOfferingQualification/v5"
SERVICE_QUALIFICATION_V4 = "serviceQualificationManagement/v4"
PRODUCT_ORDERING_V5 = "productOrderingManagement/v5"


@dataclass(frozen=True, slots=True)
class Audience:
    name: str  # e.g. "productOrderingManagement/v5"
    source: event_pb2.EventSource.ValueType  # the bounded context whose events it receives
    tmf_version: int  # 4 or 5: the shape of hubs and event envelopes

    @property
    def api_root(self) -> str:
        """The API's base path, e.g. `/tmf-api/productOrderingManagement/v5`."""
        return API_PREFIX + self.name


CATALOG = Audience(PRODUCT_CATALOG_V5, ES.EVENT_SOURCE_CATALOG, 5)
QUALIFICATION = Audience(PRODUCT_OFFERING_QUALIFICATION_V5, ES.EVENT_SOURCE_QUALIFICATION, 5)
FEASIBILITY = Audience(SERVICE_QUALIFICATION_V4, ES.EVENT_SOURCE_FEASIBILITY, 4)
ORDERING = Audience(PRODUCT_ORDERING_V5, ES.EVENT_SOURCE_ORDERING, 5)

AUDIENCES: Mapping[str, Audience] = {
    audience.name: audience for audience in (CATALOG, QUALIFICATION, FEASIBILITY, ORDERING)
}


def audience_named(name: str) -> Audience:
    """The audience of that name; ValueError for one this facade does not serve."""
    try:
        return AUDIENCES[name]
    except KeyError:
        raise ValueError(f"unknown audience {name!r}") from None
