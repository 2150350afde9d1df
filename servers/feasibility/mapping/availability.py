"""What a place can have -> FindAvailableServicesResponse."""

from __future__ import annotations

from domain.feasibility.availability import AvailableService, PlaceServices
from ordercapture.feasibility.v1 import check_pb2, feasibility_service_pb2
from servers.feasibility.mapping.addresses import address_to
from servers.feasibility.mapping.network import day_to


def place_services_to(
    found: PlaceServices,
) -> feasibility_service_pb2.FindAvailableServicesResponse:
    return feasibility_service_pb2.FindAvailableServicesResponse(
        address=address_to(found.address) if found.address else None,
        services=[service_to(s) for s in found.services],
        suggestions=[address_to(a) for a in found.suggestions],
    )


def service_to(service: AvailableService) -> check_pb2.AvailableService:
    return check_pb2.AvailableService(
        technology=service.technology,
        max_download_mbps=service.max_down_mbps,
        max_upload_mbps=service.max_up_mbps,
        available_from=day_to(service.available_from),
        has_capacity=service.has_capacity,
        product_specification_ids=list(service.product_specification_ids),
    )
