"""The demo network, seeded on first start next to the demo catalog: the register's size and
regions, and the places the README points at, judged against the demo catalog's
specifications. Seeding again changes nothing."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from ordercapture.feasibility.v1 import check_pb2, feasibility_service_pb2_grpc
from ordercapture.feasibility.v1 import feasibility_service_pb2 as fs
from servers.app import create_server, stop_server
from servers.settings import Settings
from tests.integration.grpc.conftest import Tier

if TYPE_CHECKING:
    from ordercapture.feasibility.v1.feasibility_service_pb2_grpc import (
        FeasibilityServiceAsyncStub,
    )


@pytest.fixture
def settings(seeded_database_url: str, import_folder: Path) -> Settings:
    return Settings(
        database_url=seeded_database_url, import_folder=import_folder, seed_demo_data=True
    )


@pytest.fixture
def stub(tier: Tier) -> FeasibilityServiceAsyncStub:
    return feasibility_service_pb2_grpc.FeasibilityServiceStub(tier.channel)


async def services_at(
    stub: FeasibilityServiceAsyncStub, address_id: str
) -> list[check_pb2.AvailableService]:
    found = await stub.FindAvailableServices(
        fs.FindAvailableServicesRequest(place=check_pb2.PlaceSelector(address_id=address_id))
    )
    assert found.address.id == address_id
    return list(found.services)


async def test_register_has_four_towns_with_regions(stub: FeasibilityServiceAsyncStub) -> None:
    page = await stub.ListAddresses(fs.ListAddressesRequest(page_size=1000))
    assert page.total_size >= 200
    assert {a.city for a in page.addresses} == {"Northwick", "Easton", "Southby", "Westmere"}
    assert {a.region for a in page.addresses} == {"north", "east", "south", "west"}


async def test_fibre_address_delivers_the_fibre_specifications(
    stub: FeasibilityServiceAsyncStub,
) -> None:
    fibre, copper = await services_at(stub, "addr-nw-001")
    assert (fibre.technology, fibre.max_download_mbps, fibre.has_capacity) == ("FTTH", 1000, True)
    assert set(fibre.product_specification_ids) == {
        "spec-fibre-150",
        "spec-fibre-300",
        "spec-fibre-500",
        "spec-fibre-1000",
    }
    assert set(copper.product_specification_ids) == {"spec-vdsl-50", "spec-vdsl-100"}


async def test_planned_fibre_only(stub: FeasibilityServiceAsyncStub) -> None:
    (planned,) = await services_at(stub, "addr-es-045")
    assert (planned.technology, planned.available_from) == ("FTTH", "2027-09-01")
    assert list(planned.product_specification_ids) == []


async def test_full_node_and_fixed_wireless_fallback(stub: FeasibilityServiceAsyncStub) -> None:
    fibre, wireless = await services_at(stub, "addr-so-001")
    assert (fibre.technology, fibre.has_capacity) == ("FTTH", False)
    assert (wireless.technology, list(wireless.product_specification_ids)) == (
        "5G-FWA",
        ["spec-fwa-5g"],
    )
    check = await stub.CheckFeasibility(
        fs.CheckFeasibilityRequest(
            items=[
                check_pb2.ServiceItem(
                    id="i",
                    place=check_pb2.PlaceSelector(address_id="addr-so-001"),
                    product_specification_id="spec-fibre-150",
                )
            ],
            options=check_pb2.CheckOptions(provide_alternatives=True, provide_reasons=True),
        )
    )
    (result,) = check.check.results
    assert result.outcome == check_pb2.FEASIBILITY_ALTERNATE
    assert [r.code for r in result.reasons] == ["NO_CAPACITY"]
    assert [a.technology for a in result.alternatives] == ["5G-FWA"]


async def test_postcode_only_and_uncovered_places(stub: FeasibilityServiceAsyncStub) -> None:
    station_road = await services_at(stub, "addr-nw-045")
    assert [s.technology for s in station_road] == ["5G-FWA", "VDSL"]
    assert await services_at(stub, "addr-wm-029") == []


async def test_a_register_with_addresses_is_not_seeded_again(
    tier: Tier, settings: Settings
) -> None:
    stub = feasibility_service_pb2_grpc.FeasibilityServiceStub(tier.channel)
    page = await stub.ListAddresses(fs.ListAddressesRequest(postcodes=["NW1 1AA"], page_size=1))
    changed = page.addresses[0]
    changed.region = "changed by an operator"
    await stub.UpsertAddresses(fs.UpsertAddressesRequest(addresses=[changed]))
    server, _ = await create_server("127.0.0.1:0", settings)
    await stop_server(server, grace=1.0)
    again = await stub.ListAddresses(fs.ListAddressesRequest(postcodes=["NW1 1AA"], page_size=1))
    assert again.addresses[0] == changed
    assert again.total_size == page.total_size
