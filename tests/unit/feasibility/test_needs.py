"""The service need: from the specification's characteristics, overridden by the request;
technologies compared by family."""

from __future__ import annotations

from decimal import Decimal

import pytest

from domain.catalog.model import AllowedValue, CharacteristicSpecification, ProductSpecification
from domain.feasibility.checks import RequestedCharacteristic
from domain.feasibility.coverage import ServiceNeed
from domain.feasibility.needs import SpecifiedNeed, need_for, problems_in
from domain.feasibility.technology import same_family, technology_family
from servers.feasibility.catalog_reader import specified_need

FIBRE = SpecifiedNeed(specification_id="s", technologies=("FTTH",), down_mbps=500, up_mbps=200)


def asked(name: str, *values: str) -> RequestedCharacteristic:
    return RequestedCharacteristic(name, values)


def test_specification_alone() -> None:
    assert need_for(FIBRE, ()) == ServiceNeed(technologies=("FTTH",), down_mbps=500, up_mbps=200)


def test_requested_values_override_and_commercial_ones_are_ignored() -> None:
    need = need_for(
        FIBRE,
        (
            asked("downloadSpeed", "300"),
            asked("contractTerm", "24"),
            asked("accessTechnology", "VDSL", "FTTH"),
        ),
    )
    assert need == ServiceNeed(technologies=("VDSL", "FTTH"), down_mbps=300, up_mbps=200)


def test_requested_values_stand_alone() -> None:
    assert need_for(None, (asked("uploadSpeed", "20.0"),)) == ServiceNeed(up_mbps=20)
    assert need_for(None, ()) == ServiceNeed()


@pytest.mark.parametrize("bad", ["fast", "1.5", "-3", "NaN", "2000000"])
def test_speeds_must_be_whole_mbps(bad: str) -> None:
    assert [v.field for v in problems_in((asked("downloadSpeed", bad),), "c")] == ["c[0]"]


def test_a_speed_takes_exactly_one_value_and_technologies_no_blank() -> None:
    problems = problems_in(
        (asked("uploadSpeed", "1", "2"), asked("accessTechnology", " "), asked("colour", "")), "c"
    )
    assert [v.field for v in problems] == ["c[0]", "c[1]"]


@pytest.mark.parametrize(
    ("name", "family"),
    [
        ("FTTH", "FTTH"),
        ("FTTH (XGS-PON)", "FTTH"),
        ("fibre", "FTTH"),
        ("VDSL2 vectoring", "VDSL"),
        ("vdsl", "VDSL"),
        ("5G NR fixed wireless", "5G-FWA"),
        ("5G-FWA", "5G-FWA"),
        ("ADSL2+", "ADSL"),
        ("satellite  link", "SATELLITE LINK"),
    ],
)
def test_technology_families(name: str, family: str) -> None:
    assert technology_family(name) == family


def test_families_compare_across_spellings() -> None:
    assert same_family("VDSL2", "VDSL")
    assert not same_family("VDSL2", "FTTH")
    assert ServiceNeed(technologies=("VDSL2 vectoring",)).accepts("VDSL")
    assert ServiceNeed().accepts("anything")


def _characteristic(
    name: str, *values: object, default: object = None
) -> CharacteristicSpecification:
    return CharacteristicSpecification(
        name=name,
        allowed_values=tuple(
            AllowedValue(value=v, is_default=v == default)  # type: ignore[arg-type]
            for v in values
        ),
    )


def test_catalog_specification_names_its_need() -> None:
    specification = ProductSpecification(
        id="spec-1",
        characteristics=(
            _characteristic("accessTechnology", "FTTH", "VDSL2"),
            _characteristic("downloadSpeed", Decimal(100), Decimal(300), default=Decimal(300)),
            _characteristic("uploadSpeed", Decimal(50), Decimal(20)),  # no default: the lowest
            _characteristic("contractTerm", Decimal(24)),
        ),
    )
    assert specified_need(specification) == SpecifiedNeed(
        specification_id="spec-1", technologies=("FTTH", "VDSL2"), down_mbps=300, up_mbps=20
    )
    bare = specified_need(ProductSpecification(id="spec-tv"))
    assert (bare.names_access, bare.down_mbps, bare.up_mbps) == (False, None, None)
