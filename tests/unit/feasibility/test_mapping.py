"""Proto <-> domain mapping of the feasibility context: enum tables complete, a check
round-trips through its proto, coverage dates parsed strictly."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from domain.feasibility.addresses import Address
from domain.feasibility.checks import (
    CheckOptions,
    CheckState,
    FeasibilityCheck,
    Place,
    Reason,
    RequestedCharacteristic,
    ServiceItem,
    ServiceResult,
    ValueKind,
)
from domain.feasibility.coverage import Alternative, Feasibility, ServiceNeed
from domain.feasibility.errors import InvalidCoverage, InvalidFeasibilityRequest
from ordercapture.feasibility.v1 import check_pb2, network_pb2
from servers.feasibility.mapping import enums
from servers.feasibility.mapping.checks import check_to, item_from, item_to
from servers.feasibility.mapping.network import coverage_from, coverage_to


def test_every_check_state_and_feasibility_is_mapped_both_ways() -> None:
    proto_states = {v.number for v in check_pb2.CheckState.DESCRIPTOR.values} - {0}
    assert set(enums.CHECK_STATES) == proto_states
    assert set(enums.CHECK_STATES_OUT) == set(CheckState)
    proto_outcomes = {v.number for v in check_pb2.Feasibility.DESCRIPTOR.values} - {0}
    assert set(enums.FEASIBILITIES) == proto_outcomes
    assert set(enums.FEASIBILITIES_OUT) == set(Feasibility)
    assert enums.feasibility_to(None) == check_pb2.FEASIBILITY_UNSPECIFIED


def test_unspecified_or_unknown_states_are_refused_in_filters() -> None:
    with pytest.raises(InvalidFeasibilityRequest) as raised:
        enums.states_from([check_pb2.CHECK_STATE_DONE, 0, 42])  # type: ignore[list-item]
    assert [v.field for v in raised.value.violations] == ["states[1]", "states[2]"]


def test_a_check_maps_to_its_proto_and_items_map_back() -> None:
    typed = Address(street="Mill Rd", number="5", postcode="NW1 2AA", city="N", country="GB")
    items = (
        ServiceItem(
            id="i1",
            place=Place(address=typed),
            offering_id="off-1",
            characteristics=(RequestedCharacteristic("downloadSpeed", ("300",)),),
        ),
        ServiceItem(id="i2", place=Place(address_id="a-1"), product_specification_id="s-1"),
    )
    moment = datetime(2026, 11, 28, 9, 30, tzinfo=UTC)
    check = FeasibilityCheck(
        id="c1",
        items=items,
        options=CheckOptions(provide_reasons=True),
        state=CheckState.DONE,
        outcome=Feasibility.ALTERNATE,
        results=(
            ServiceResult(
                item_id="i1",
                outcome=Feasibility.ALTERNATE,
                address_id="a-2",
                need=ServiceNeed(technologies=("FTTH",), down_mbps=300),
                reasons=(Reason("NOT_YET_AVAILABLE", "planned"),),
                alternatives=(
                    Alternative(
                        technology="FTTH",
                        max_down_mbps=1000,
                        max_up_mbps=500,
                        available_from=date(2027, 3, 1),
                    ),
                ),
            ),
        ),
        create_time=moment,
        judge_time=moment,
    )
    message = check_to(check)
    assert message.state == check_pb2.CHECK_STATE_DONE
    assert message.outcome == check_pb2.FEASIBILITY_ALTERNATE
    assert message.results[0].alternatives[0].available_from == "2027-03-01"
    assert message.create_time.ToDatetime(tzinfo=UTC) == moment
    assert not message.HasField("expire_time")
    assert tuple(item_from(i) for i in message.items) == items


def test_number_and_flag_values_are_read_as_text_and_keep_their_kind() -> None:
    message = check_pb2.ServiceItem(id="i")
    message.characteristics.add(name="downloadSpeed").values.add(number="500")
    message.characteristics.add(name="x").values.add(flag=True)
    message.characteristics.add(name="accessTechnology").values.add(text="FTTH")
    item = item_from(message)
    assert item.characteristics == (
        RequestedCharacteristic("downloadSpeed", ("500",), (ValueKind.NUMBER,)),
        RequestedCharacteristic("x", ("true",), (ValueKind.FLAG,)),
        RequestedCharacteristic("accessTechnology", ("FTTH",), (ValueKind.TEXT,)),
    )
    assert list(item_to(item).characteristics) == list(message.characteristics)


def test_a_characteristic_needs_one_kind_per_value() -> None:
    assert RequestedCharacteristic("x", ("a", "b")).kinds == (ValueKind.TEXT, ValueKind.TEXT)
    with pytest.raises(ValueError, match="one kind per value"):
        RequestedCharacteristic("x", ("a", "b"), (ValueKind.NUMBER,))


def test_coverage_round_trips_and_bad_dates_are_named() -> None:
    entry = network_pb2.CoverageEntry(
        postcode="NW1 2AA",
        technology="FTTH",
        max_download_mbps=1000,
        max_upload_mbps=500,
        access_node_id="olt",
        available_from="2027-03-01",
    )
    (domain,) = coverage_from([entry])
    assert domain.available_from == date(2027, 3, 1)
    assert coverage_to(domain) == entry
    bad = network_pb2.CoverageEntry(address_id="a", available_from="2027-3-1")
    with pytest.raises(InvalidCoverage) as raised:
        coverage_from([entry, bad])
    assert [v.field for v in raised.value.violations] == ["entries[1].available_from"]
