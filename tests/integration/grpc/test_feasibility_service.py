"""FeasibilityService over a real gRPC tier on each backend: the network administered through
its RPCs, checks judged now and in the background, stored checks kept, and every refusal as
its status code with a stable ErrorInfo reason."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

import grpc
import pytest
from google.protobuf.field_mask_pb2 import FieldMask

from ordercapture.catalog.v1 import catalog_service_pb2 as cs
from ordercapture.catalog.v1 import offering_pb2, specification_pb2
from ordercapture.feasibility.v1 import (
    check_pb2,
    feasibility_service_pb2_grpc,
    network_pb2,
    query_pb2,
)
from ordercapture.feasibility.v1 import feasibility_service_pb2 as fs
from ordercapture.type.v1 import characteristic_pb2
from tests.integration.grpc.conftest import Tier
from tests.integration.grpc.status import Failure, failure

if TYPE_CHECKING:
    from collections.abc import Awaitable

    from ordercapture.feasibility.v1.feasibility_service_pb2_grpc import (
        FeasibilityServiceAsyncStub,
    )

DOMAIN = "ordercapture.feasibility"
EVERYTHING = check_pb2.CheckOptions(provide_alternatives=True, provide_reasons=True)


def _address(id_: str, street: str, number: str, postcode: str) -> network_pb2.Address:
    return network_pb2.Address(
        id=id_, street=street, number=number, postcode=postcode, city="Northwick", region="north"
    )


def _cover(
    technology: str, down: int, up: int, node: str, **scope: str
) -> network_pb2.CoverageEntry:
    return network_pb2.CoverageEntry(
        technology=technology,
        max_download_mbps=down,
        max_upload_mbps=up,
        access_node_id=node,
        **scope,
    )


def _network_spec(
    spec_id: str, technology: str, down: int, up: int
) -> specification_pb2.ProductSpecification:
    def fixed(
        name: str, value: characteristic_pb2.CharacteristicValue
    ) -> specification_pb2.CharacteristicSpecification:
        number = value.WhichOneof("kind") == "number"
        return specification_pb2.CharacteristicSpecification(
            name=name,
            value_type=specification_pb2.VALUE_TYPE_INTEGER
            if number
            else specification_pb2.VALUE_TYPE_TEXT,
            configurable=False,
            min_cardinality=1,
            max_cardinality=1,
            allowed_values=[specification_pb2.AllowedValue(value=value, is_default=True)],
        )

    return specification_pb2.ProductSpecification(
        id=spec_id,
        name=spec_id,
        lifecycle_status="Active",
        characteristics=[
            fixed("accessTechnology", characteristic_pb2.CharacteristicValue(text=technology)),
            fixed("downloadSpeed", characteristic_pb2.CharacteristicValue(number=str(down))),
            fixed("uploadSpeed", characteristic_pb2.CharacteristicValue(number=str(up))),
        ],
    )


@pytest.fixture
async def feasibility(tier: Tier) -> FeasibilityServiceAsyncStub:
    """The service over a small network: fibre at a-fibre, a full node at a-full, planned
    fibre in NW1 2AA, copper and fixed wireless by postcode in NW1 2AB; two catalog specs."""
    stub: FeasibilityServiceAsyncStub = feasibility_service_pb2_grpc.FeasibilityServiceStub(
        tier.channel
    )
    await stub.UpsertAccessNodes(
        fs.UpsertAccessNodesRequest(
            nodes=[
                network_pb2.AccessNode(id="olt-1", total_ports=64, free_ports=4),
                network_pb2.AccessNode(id="olt-full", total_ports=64, free_ports=0),
                network_pb2.AccessNode(id="olt-new", total_ports=64, free_ports=64),
                network_pb2.AccessNode(id="cab-1", total_ports=48, free_ports=2),
                network_pb2.AccessNode(id="cell-1", total_ports=99, free_ports=9),
            ]
        )
    )
    await stub.UpsertAddresses(
        fs.UpsertAddressesRequest(
            addresses=[
                _address("a-fibre", "High Street", "1", "NW1 1AA"),
                _address("a-full", "High Street", "3", "NW1 1AA"),
                _address("a-planned", "Mill Road", "5", "NW1 2AA"),
                _address("a-copper", "Mill Road", "7", "NW1 2AB"),
            ]
        )
    )
    await stub.UpsertCoverage(
        fs.UpsertCoverageRequest(
            entries=[
                _cover("FTTH", 1000, 500, "olt-1", address_id="a-fibre"),
                _cover("FTTH", 1000, 500, "olt-full", address_id="a-full"),
                _cover(
                    "FTTH", 1000, 500, "olt-new", postcode="NW1 2AA", available_from="2099-01-01"
                ),
                _cover("VDSL", 100, 40, "cab-1", postcode="NW1 2AB"),
                _cover("5G-FWA", 300, 50, "cell-1", postcode="NW1 2AB"),
            ]
        )
    )
    for spec in (
        _network_spec("spec-fibre-500", "FTTH", 500, 200),
        _network_spec("spec-vdsl-100", "VDSL2 vectoring", 100, 40),
    ):
        await tier.stub.CreateProductSpecification(
            cs.CreateProductSpecificationRequest(product_specification=spec)
        )
    await tier.stub.CreateOffering(
        cs.CreateOfferingRequest(
            offering=offering_pb2.Offering(
                id="off-fibre",
                name="Fibre 500",
                lifecycle_status="Active",
                specification_id="spec-fibre-500",
            )
        )
    )
    return stub


def item(item_id: str, address_id: str, spec: str = "spec-fibre-500") -> check_pb2.ServiceItem:
    return check_pb2.ServiceItem(
        id=item_id,
        place=check_pb2.PlaceSelector(address_id=address_id),
        product_specification_id=spec,
    )


async def _failure(call: Awaitable[object]) -> Failure:
    with pytest.raises(grpc.aio.AioRpcError) as raised:
        await call
    return failure(raised.value)


async def _settled(stub: FeasibilityServiceAsyncStub, check_id: str) -> check_pb2.FeasibilityCheck:
    """The check once the background judging has ended (bounded: no test waits for ever)."""
    for _ in range(500):
        check = (await stub.GetFeasibilityCheck(fs.GetFeasibilityCheckRequest(id=check_id))).check
        if check.state not in (check_pb2.CHECK_STATE_ACCEPTED, check_pb2.CHECK_STATE_IN_PROGRESS):
            return check
        await asyncio.sleep(0.01)
    raise AssertionError("the check was never judged")


async def test_synchronous_check_answers_every_item(
    feasibility: FeasibilityServiceAsyncStub,
) -> None:
    response = await feasibility.CheckFeasibility(
        fs.CheckFeasibilityRequest(
            party_id="p-1",
            items=[
                item("fibre", "a-fibre"),
                item("full", "a-full"),
                item("planned", "a-planned"),
                item("copper", "a-copper", "spec-vdsl-100"),
            ],
            options=EVERYTHING,
            external_id="ext-1",
        )
    )
    check = response.check
    assert check.state == check_pb2.CHECK_STATE_DONE
    assert check.outcome == check_pb2.FEASIBILITY_UNQUALIFIED  # the full node
    by_item = {r.item_id: r for r in check.results}
    assert [r.item_id for r in check.results] == ["fibre", "full", "planned", "copper"]
    assert (by_item["fibre"].outcome, by_item["fibre"].technology) == (
        check_pb2.FEASIBILITY_QUALIFIED,
        "FTTH",
    )
    assert [r.code for r in by_item["full"].reasons] == ["NO_CAPACITY"]
    planned = by_item["planned"]
    assert planned.outcome == check_pb2.FEASIBILITY_ALTERNATE
    assert [(a.technology, a.available_from) for a in planned.alternatives] == [
        ("FTTH", "2099-01-01")
    ]
    assert (by_item["copper"].outcome, by_item["copper"].technology) == (
        check_pb2.FEASIBILITY_QUALIFIED,
        "VDSL",
    )
    assert list(by_item["copper"].need.technologies) == ["VDSL2 vectoring"]
    assert check.expire_time.ToDatetime() > check.judge_time.ToDatetime()
    stored = await feasibility.GetFeasibilityCheck(fs.GetFeasibilityCheckRequest(id=check.id))
    assert stored.check == check


async def test_unknown_places_and_specifications_are_item_answers(
    feasibility: FeasibilityServiceAsyncStub,
) -> None:
    typed = network_pb2.Address(street="High St.", number="2", postcode="nw1 1aa")
    response = await feasibility.CheckFeasibility(
        fs.CheckFeasibilityRequest(
            items=[
                check_pb2.ServiceItem(
                    id="typed",
                    place=check_pb2.PlaceSelector(address=typed),
                    offering_id="off-fibre",
                ),
                item("spec", "a-fibre", "spec-nope"),
            ],
            options=check_pb2.CheckOptions(provide_reasons=True),
        )
    )
    typed_result, spec_result = response.check.results
    assert typed_result.outcome == check_pb2.FEASIBILITY_UNQUALIFIED
    assert [r.code for r in typed_result.reasons] == ["ADDRESS_NOT_FOUND"]
    assert {a.id for a in typed_result.suggested_addresses} == {"a-fibre", "a-full"}
    assert [r.code for r in spec_result.reasons] == ["PRODUCT_SPECIFICATION_NOT_FOUND"]


async def test_asynchronous_check_is_accepted_then_done(
    feasibility: FeasibilityServiceAsyncStub,
) -> None:
    response = await feasibility.CheckFeasibility(
        fs.CheckFeasibilityRequest(items=[item("i", "a-fibre")], asynchronous=True)
    )
    assert response.check.state == check_pb2.CHECK_STATE_ACCEPTED
    assert not response.check.results
    judged = await _settled(feasibility, response.check.id)
    assert judged.state == check_pb2.CHECK_STATE_DONE
    assert judged.outcome == check_pb2.FEASIBILITY_QUALIFIED
    assert judged.HasField("expire_time")


async def test_find_available_services(feasibility: FeasibilityServiceAsyncStub) -> None:
    found = await feasibility.FindAvailableServices(
        fs.FindAvailableServicesRequest(place=check_pb2.PlaceSelector(address_id="a-copper"))
    )
    assert found.address.id == "a-copper"
    assert [(s.technology, s.max_download_mbps, s.has_capacity) for s in found.services] == [
        ("5G-FWA", 300, True),
        ("VDSL", 100, True),
    ]
    assert list(found.services[1].product_specification_ids) == ["spec-vdsl-100"]
    fibre = await feasibility.FindAvailableServices(
        fs.FindAvailableServicesRequest(place=check_pb2.PlaceSelector(address_id="a-fibre"))
    )
    assert list(fibre.services[0].product_specification_ids) == ["spec-fibre-500"]
    unknown = await feasibility.FindAvailableServices(
        fs.FindAvailableServicesRequest(
            place=check_pb2.PlaceSelector(
                address=network_pb2.Address(street="Mill Road", number="6", postcode="NW1 2AB")
            )
        )
    )
    assert not unknown.HasField("address")
    assert not unknown.services
    assert "a-copper" in [a.id for a in unknown.suggestions]


async def test_validate_address(feasibility: FeasibilityServiceAsyncStub) -> None:
    matched = await feasibility.ValidateAddress(
        fs.ValidateAddressRequest(
            address=network_pb2.Address(street="MILL RD", number="7", postcode="nw12ab")
        )
    )
    assert (matched.valid, matched.matched.id, matched.matched.region) == (
        True,
        "a-copper",
        "north",
    )
    near = await feasibility.ValidateAddress(
        fs.ValidateAddressRequest(
            address=network_pb2.Address(street="Mill Road", number="9", city="northwick")
        )
    )
    assert not near.valid
    assert 1 <= len(near.suggestions) <= 5


async def test_list_update_and_delete_checks(feasibility: FeasibilityServiceAsyncStub) -> None:
    ids = []
    for n in range(3):
        made = await feasibility.CheckFeasibility(
            fs.CheckFeasibilityRequest(items=[item("i", "a-fibre")], description=f"d{n}")
        )
        ids.append(made.check.id)
    listed = await feasibility.ListFeasibilityChecks(
        fs.ListFeasibilityChecksRequest(states=[check_pb2.CHECK_STATE_DONE], page_size=2)
    )
    assert listed.total_size == 3
    assert [c.id for c in listed.checks] == [ids[2], ids[1]]
    none = await feasibility.ListFeasibilityChecks(
        fs.ListFeasibilityChecksRequest(states=[check_pb2.CHECK_STATE_ACCEPTED])
    )
    assert (none.total_size, list(none.checks)) == (0, [])

    updated = await feasibility.UpdateFeasibilityCheck(
        fs.UpdateFeasibilityCheckRequest(
            check=check_pb2.FeasibilityCheck(id=ids[0], description="new", external_id="x"),
            update_mask=FieldMask(paths=["description"]),
        )
    )
    assert (updated.check.description, updated.check.external_id) == ("new", "")
    refused = await _failure(
        feasibility.UpdateFeasibilityCheck(
            fs.UpdateFeasibilityCheckRequest(
                check=check_pb2.FeasibilityCheck(id=ids[0], party_id="p"),
                update_mask=FieldMask(paths=["party_id"]),
            )
        )
    )
    assert (refused.code, refused.reason, refused.domain) == (
        grpc.StatusCode.INVALID_ARGUMENT,
        "FIELD_NOT_UPDATABLE",
        DOMAIN,
    )
    assert refused.violations[0][0] == "update_mask.paths[0]"

    await feasibility.DeleteFeasibilityCheck(fs.DeleteFeasibilityCheckRequest(id=ids[0]))
    gone = await _failure(feasibility.GetFeasibilityCheck(fs.GetFeasibilityCheckRequest(id=ids[0])))
    assert (gone.code, gone.reason, gone.metadata) == (
        grpc.StatusCode.NOT_FOUND,
        "FEASIBILITY_CHECK_NOT_FOUND",
        {"id": ids[0]},
    )
    again = await _failure(
        feasibility.DeleteFeasibilityCheck(fs.DeleteFeasibilityCheckRequest(id=ids[0]))
    )
    assert again.code == grpc.StatusCode.NOT_FOUND


async def test_malformed_checks_are_invalid_arguments(
    feasibility: FeasibilityServiceAsyncStub,
) -> None:
    empty = await _failure(feasibility.CheckFeasibility(fs.CheckFeasibilityRequest()))
    assert (empty.code, empty.reason) == (
        grpc.StatusCode.INVALID_ARGUMENT,
        "INVALID_FEASIBILITY_REQUEST",
    )
    assert empty.violations[0][0] == "items"
    no_place = await _failure(
        feasibility.CheckFeasibility(
            fs.CheckFeasibilityRequest(
                items=[check_pb2.ServiceItem(id="i", product_specification_id="spec-fibre-500")]
            )
        )
    )
    assert [v[0] for v in no_place.violations] == ["items[0].place"]
    page = await _failure(
        feasibility.ListFeasibilityChecks(fs.ListFeasibilityChecksRequest(page_size=1001))
    )
    assert (page.code, page.reason) == (grpc.StatusCode.INVALID_ARGUMENT, "INVALID_PAGE")
    blank = await _failure(feasibility.ValidateAddress(fs.ValidateAddressRequest()))
    assert (blank.code, blank.reason) == (grpc.StatusCode.INVALID_ARGUMENT, "INVALID_ADDRESS")


async def test_administration_is_validated_all_or_nothing(
    feasibility: FeasibilityServiceAsyncStub,
) -> None:
    address = await _failure(
        feasibility.UpsertAddresses(
            fs.UpsertAddressesRequest(
                addresses=[_address("ok", "A Road", "1", "NW9 9AA"), network_pb2.Address(id="x")]
            )
        )
    )
    assert (address.code, address.reason) == (grpc.StatusCode.INVALID_ARGUMENT, "INVALID_ADDRESS")
    assert ("addresses[1].street", "required") in address.violations
    listed = await feasibility.ListAddresses(fs.ListAddressesRequest(postcodes=["NW9 9AA"]))
    assert listed.total_size == 0

    coverage = await _failure(
        feasibility.UpsertCoverage(
            fs.UpsertCoverageRequest(
                entries=[
                    _cover("FTTH", 100, 10, "olt-nope", address_id="a-fibre"),
                    _cover("FTTH", 100, 10, "olt-1", postcode="NW1 1AA", available_from="soon"),
                ]
            )
        )
    )
    assert (coverage.code, coverage.reason) == (
        grpc.StatusCode.INVALID_ARGUMENT,
        "INVALID_COVERAGE",
    )
    nodes = await _failure(
        feasibility.UpsertAccessNodes(
            fs.UpsertAccessNodesRequest(
                nodes=[network_pb2.AccessNode(id="n", total_ports=2, free_ports=3)]
            )
        )
    )
    assert (nodes.code, nodes.reason, nodes.violations[0][0]) == (
        grpc.StatusCode.INVALID_ARGUMENT,
        "INVALID_ACCESS_NODE",
        "nodes[0].free_ports",
    )


async def test_coverage_upsert_replaces_and_capacity_changes_take_effect(
    feasibility: FeasibilityServiceAsyncStub,
) -> None:
    stored = await feasibility.UpsertCoverage(
        fs.UpsertCoverageRequest(entries=[_cover("VDSL", 50, 10, "cab-1", address_id="a-full")])
    )
    assert stored.stored == 1
    await feasibility.UpsertAccessNodes(
        fs.UpsertAccessNodesRequest(
            nodes=[network_pb2.AccessNode(id="cab-1", total_ports=48, free_ports=0)]
        )
    )
    found = await feasibility.FindAvailableServices(
        fs.FindAvailableServicesRequest(place=check_pb2.PlaceSelector(address_id="a-full"))
    )
    assert [(s.technology, s.has_capacity) for s in found.services] == [("VDSL", False)]


async def test_addresses_list_by_postcode_with_ids_filled_in(
    feasibility: FeasibilityServiceAsyncStub,
) -> None:
    created = await feasibility.UpsertAddresses(
        fs.UpsertAddressesRequest(
            addresses=[
                network_pb2.Address(street="Quay St", number="4", postcode="so3 1ab", city="S")
            ]
        )
    )
    (new,) = created.addresses
    assert new.id
    assert (new.postcode, new.country) == ("SO3 1AB", "GB")
    listed = await feasibility.ListAddresses(
        fs.ListAddressesRequest(postcodes=["nw1 1aa", "SO31AB"], page_size=2, skip=1)
    )
    assert listed.total_size == 3
    assert (
        [a.id for a in listed.checks]
        if False
        else [a.id for a in listed.addresses] == sorted(["a-fibre", "a-full", new.id])[1:]
    )


async def test_availability_queries_are_stored_like_checks(
    feasibility: FeasibilityServiceAsyncStub,
) -> None:
    created = await feasibility.CreateAvailabilityQuery(
        fs.CreateAvailabilityQueryRequest(
            place=check_pb2.PlaceSelector(address_id="a-copper"), party_id="p", external_id="e"
        )
    )
    query = created.query
    assert query.state == check_pb2.CHECK_STATE_DONE
    assert query.address.id == "a-copper"
    assert [s.technology for s in query.services] == ["5G-FWA", "VDSL"]
    assert query.place.address_id == "a-copper"
    got = await feasibility.GetAvailabilityQuery(fs.GetAvailabilityQueryRequest(id=query.id))
    assert got.query == query

    later = await feasibility.CreateAvailabilityQuery(
        fs.CreateAvailabilityQueryRequest(
            place=check_pb2.PlaceSelector(address_id="a-fibre"), asynchronous=True
        )
    )
    assert later.query.state == check_pb2.CHECK_STATE_ACCEPTED
    for _ in range(500):
        answered = (
            await feasibility.GetAvailabilityQuery(
                fs.GetAvailabilityQueryRequest(id=later.query.id)
            )
        ).query
        if answered.state == check_pb2.CHECK_STATE_DONE:
            break
        await asyncio.sleep(0.01)
    assert answered.state == check_pb2.CHECK_STATE_DONE
    assert [s.technology for s in answered.services] == ["FTTH"]

    listed = await feasibility.ListAvailabilityQueries(fs.ListAvailabilityQueriesRequest())
    assert [q.id for q in listed.queries] == [later.query.id, query.id]
    assert listed.total_size == 2
    updated = await feasibility.UpdateAvailabilityQuery(
        fs.UpdateAvailabilityQueryRequest(
            query=query_pb2.AvailabilityQuery(id=query.id, description="kept"),
            update_mask=FieldMask(paths=["description"]),
        )
    )
    assert (updated.query.description, updated.query.external_id) == ("kept", "e")
    refused = await _failure(
        feasibility.UpdateAvailabilityQuery(
            fs.UpdateAvailabilityQueryRequest(
                query=query_pb2.AvailabilityQuery(id=query.id),
                update_mask=FieldMask(paths=["state"]),
            )
        )
    )
    assert (refused.code, refused.reason) == (
        grpc.StatusCode.INVALID_ARGUMENT,
        "FIELD_NOT_UPDATABLE",
    )
    await feasibility.DeleteAvailabilityQuery(fs.DeleteAvailabilityQueryRequest(id=query.id))
    gone = await _failure(
        feasibility.GetAvailabilityQuery(fs.GetAvailabilityQueryRequest(id=query.id))
    )
    assert (gone.code, gone.reason) == (grpc.StatusCode.NOT_FOUND, "AVAILABILITY_QUERY_NOT_FOUND")
    no_place = await _failure(
        feasibility.CreateAvailabilityQuery(fs.CreateAvailabilityQueryRequest())
    )
    assert (no_place.code, no_place.reason) == (
        grpc.StatusCode.INVALID_ARGUMENT,
        "INVALID_AVAILABILITY_QUERY",
    )


async def test_characteristic_values_come_back_in_the_kind_they_were_given(
    feasibility: FeasibilityServiceAsyncStub,
) -> None:
    """Numbers, flags and text survive storage: asked, answered and read back unchanged."""
    value = characteristic_pb2.CharacteristicValue
    asked = check_pb2.ServiceItem(
        id="kinds",
        place=check_pb2.PlaceSelector(address_id="a-fibre"),
        characteristics=[
            characteristic_pb2.ConfiguredCharacteristic(
                name="accessTechnology", values=[value(text="FTTH"), value(text="VDSL")]
            ),
            characteristic_pb2.ConfiguredCharacteristic(
                name="downloadSpeed", values=[value(number="300")]
            ),
            characteristic_pb2.ConfiguredCharacteristic(name="staticIp", values=[value(flag=True)]),
        ],
    )
    created = await feasibility.CheckFeasibility(fs.CheckFeasibilityRequest(items=[asked]))
    assert list(created.check.items) == [asked]
    stored = await feasibility.GetFeasibilityCheck(
        fs.GetFeasibilityCheckRequest(id=created.check.id)
    )
    assert list(stored.check.items) == [asked]
