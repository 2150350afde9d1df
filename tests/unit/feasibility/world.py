"""A small network for the use-case tests: five addresses with fibre, a full node, planned
fibre, copper plus fixed wireless, and nothing at all; a catalog of four specifications."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from domain.feasibility.addresses import Address
from domain.feasibility.administration import NetworkAdministration
from domain.feasibility.checks import CheckOptions, Place, RequestedCharacteristic, ServiceItem
from domain.feasibility.needs import SpecifiedNeed
from domain.feasibility.network import AccessNode, CoverageEntry
from domain.feasibility.services import FeasibilityChecking
from tests.unit.feasibility.fakes import Catalog, Clock, Ids, Store, UnitOfWork

ROLLOUT = date(2027, 3, 1)


def _address(id_: str, street: str, number: str, postcode: str, city: str) -> Address:
    return Address(id=id_, street=street, number=number, postcode=postcode, city=city)


ADDRESSES = (
    _address("a-fibre", "High Street", "1", "NW1 1AA", "Northwick"),
    _address("a-full", "High Street", "3", "NW1 1AA", "Northwick"),
    _address("a-planned", "Mill Road", "5", "NW1 2AA", "Northwick"),
    _address("a-copper", "Mill Road", "7", "NW1 2AB", "Northwick"),
    _address("a-none", "Moor Lane", "9", "WM4 9ZZ", "Westmere"),
)
NODES = (
    AccessNode(id="olt-1", total_ports=64, free_ports=5),
    AccessNode(id="olt-full", total_ports=64, free_ports=0),
    AccessNode(id="olt-new", total_ports=128, free_ports=0),
    AccessNode(id="cab-1", total_ports=48, free_ports=2),
    AccessNode(id="cell-1", total_ports=100, free_ports=30),
)


def _cover(technology: str, down: int, up: int, node: str, **scope: object) -> CoverageEntry:
    return CoverageEntry(
        technology=technology,
        max_down_mbps=down,
        max_up_mbps=up,
        access_node_id=node,
        **scope,  # type: ignore[arg-type]
    )


COVERAGE = (
    _cover("FTTH", 1000, 500, "olt-1", address_id="a-fibre"),
    _cover("VDSL", 100, 40, "cab-1", address_id="a-fibre"),
    _cover("FTTH", 1000, 500, "olt-full", address_id="a-full"),
    # Postcode areas: NW1 1AA's VDSL never reaches the two addresses with their own entries.
    _cover("VDSL", 50, 10, "cab-1", postcode="NW1 1AA"),
    _cover("FTTH", 1000, 500, "olt-new", postcode="NW1 2AA", available_from=ROLLOUT),
    _cover("VDSL", 100, 40, "cab-1", postcode="nw1 2ab"),
    _cover("5G-FWA", 300, 50, "cell-1", postcode="NW1 2AB"),
)
SPECIFICATIONS = (
    SpecifiedNeed(
        specification_id="spec-fibre-500", technologies=("FTTH",), down_mbps=500, up_mbps=200
    ),
    SpecifiedNeed(
        specification_id="spec-fibre-1000", technologies=("FTTH",), down_mbps=1000, up_mbps=500
    ),
    SpecifiedNeed(
        specification_id="spec-vdsl-100",
        technologies=("VDSL2 vectoring",),
        down_mbps=100,
        up_mbps=40,
    ),
    SpecifiedNeed(
        specification_id="spec-broadband-80", technologies=("FTTH", "VDSL2"), down_mbps=80
    ),
    SpecifiedNeed(specification_id="spec-tv"),
)


@dataclass
class World:
    store: Store
    catalog: Catalog
    clock: Clock
    checking: FeasibilityChecking
    administration: NetworkAdministration


async def build_world(*, seeded: bool = True) -> World:
    store = Store()
    catalog = Catalog(SPECIFICATIONS, {"off-fibre-500": "spec-fibre-500", "off-bare": ""})
    clock = Clock()
    ids = Ids()

    def uow() -> UnitOfWork:
        return UnitOfWork(store)

    administration = NetworkAdministration(uow=uow, ids=ids)
    if seeded:
        await administration.upsert_access_nodes(NODES)
        await administration.upsert_addresses(ADDRESSES)
        await administration.upsert_coverage(COVERAGE)
    checking = FeasibilityChecking(uow=uow, catalog=catalog, clock=clock, ids=ids)
    return World(store, catalog, clock, checking, administration)


def at(address_id: str, spec: str = "") -> ServiceItem:
    return ServiceItem(id="i1", place=Place(address_id=address_id), product_specification_id=spec)


def wanting(*pairs: tuple[str, tuple[str, ...]]) -> tuple[RequestedCharacteristic, ...]:
    return tuple(RequestedCharacteristic(name, values) for name, values in pairs)


EVERYTHING = CheckOptions(provide_alternatives=True, provide_reasons=True)
