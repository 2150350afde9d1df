"""Administration of the address register, the coverage and the access nodes: validated as a
whole, then written all or nothing."""

from __future__ import annotations

import re
from collections.abc import Sequence

from domain.feasibility.addresses import Address, postcode_key
from domain.feasibility.errors import InvalidAccessNode, InvalidAddress, InvalidCoverage
from domain.feasibility.network import AccessNode, CoverageEntry
from domain.feasibility.paging import Page, PageRequest
from domain.feasibility.ports import IdGenerator, UnitOfWorkFactory
from domain.shared.errors import FieldViolation

MAX_BATCH = 10_000
_COUNTRY = re.compile(r"[A-Z]{2}")


class NetworkAdministration:
    def __init__(self, *, uow: UnitOfWorkFactory, ids: IdGenerator) -> None:
        self._uow = uow
        self._ids = ids

    async def upsert_addresses(self, addresses: Sequence[Address]) -> tuple[Address, ...]:
        problems = _batch_problems("addresses", addresses)
        problems += _address_problems(addresses)
        if problems:
            raise InvalidAddress("the addresses were not stored", violations=tuple(problems))
        stored = tuple(_completed(a, self._ids) for a in addresses)
        async with self._uow() as uow:
            await uow.addresses.upsert(stored)
            await uow.commit()
        return stored

    async def list_addresses(self, postcodes: Sequence[str], page: PageRequest) -> Page[Address]:
        keys = sorted({postcode_key(p) for p in postcodes if p.strip()})
        async with self._uow() as uow:
            return await uow.addresses.list(keys, page)

    async def upsert_coverage(self, entries: Sequence[CoverageEntry]) -> int:
        problems = _batch_problems("entries", entries) + _coverage_problems(entries)
        if problems:
            raise InvalidCoverage("the coverage was not stored", violations=tuple(problems))
        async with self._uow() as uow:
            addresses = await uow.addresses.existing_ids(e.address_id for e in entries)
            nodes = await uow.nodes.existing_ids(e.access_node_id for e in entries)
            problems = [
                *(
                    FieldViolation(
                        f"entries[{i}].address_id", f"{e.address_id!r} is not registered"
                    )
                    for i, e in enumerate(entries)
                    if e.address_id and e.address_id not in addresses
                ),
                *(
                    FieldViolation(f"entries[{i}].access_node_id", f"{e.access_node_id!r} unknown")
                    for i, e in enumerate(entries)
                    if e.access_node_id not in nodes
                ),
            ]
            if problems:
                raise InvalidCoverage("the coverage was not stored", violations=tuple(problems))
            stored = await uow.coverage.replace(entries)
            await uow.commit()
        return stored

    async def upsert_access_nodes(self, nodes: Sequence[AccessNode]) -> tuple[AccessNode, ...]:
        problems = _batch_problems("nodes", nodes) + _node_problems(nodes)
        if problems:
            raise InvalidAccessNode("the access nodes were not stored", violations=tuple(problems))
        async with self._uow() as uow:
            await uow.nodes.upsert(nodes)
            await uow.commit()
        return tuple(nodes)


def _completed(address: Address, ids: IdGenerator) -> Address:
    return Address(
        id=address.id.strip() or ids.new_id(),
        street=address.street.strip(),
        number=address.number.strip(),
        postcode=" ".join(address.postcode.upper().split()),
        city=address.city.strip(),
        country=address.country.strip().upper() or "GB",
        region=address.region.strip(),
    )


def _batch_problems(field: str, batch: Sequence[object]) -> list[FieldViolation]:
    if not 1 <= len(batch) <= MAX_BATCH:
        return [FieldViolation(field, f"1..{MAX_BATCH} required")]
    return []


def _address_problems(addresses: Sequence[Address]) -> list[FieldViolation]:
    found: list[FieldViolation] = []
    ids: set[str] = set()
    keys: set[tuple[str, str, str, str]] = set()
    for index, address in enumerate(addresses):
        path = f"addresses[{index}]"
        for name in ("street", "number", "postcode", "city"):
            if not getattr(address, name).strip():
                found.append(FieldViolation(f"{path}.{name}", "required"))
        country = address.country.strip().upper() or "GB"
        if not _COUNTRY.fullmatch(country):
            found.append(FieldViolation(f"{path}.country", "an ISO 3166-1 alpha-2 code"))
        if address.id.strip():
            if address.id in ids:
                found.append(FieldViolation(f"{path}.id", "appears twice"))
            ids.add(address.id)
        key = address.key()
        if key in keys:
            found.append(FieldViolation(path, "the same address appears twice"))
        keys.add(key)
    return found


def _coverage_problems(entries: Sequence[CoverageEntry]) -> list[FieldViolation]:
    found: list[FieldViolation] = []
    for index, entry in enumerate(entries):
        path = f"entries[{index}]"
        if bool(entry.address_id) == bool(entry.postcode.strip()):
            found.append(FieldViolation(f"{path}.scope", "exactly one of address_id, postcode"))
        if not entry.technology.strip():
            found.append(FieldViolation(f"{path}.technology", "required"))
        if entry.max_down_mbps <= 0:
            found.append(FieldViolation(f"{path}.max_download_mbps", "must be positive"))
        if entry.max_up_mbps <= 0:
            found.append(FieldViolation(f"{path}.max_upload_mbps", "must be positive"))
        if not entry.access_node_id.strip():
            found.append(FieldViolation(f"{path}.access_node_id", "required"))
    return found


def _node_problems(nodes: Sequence[AccessNode]) -> list[FieldViolation]:
    found: list[FieldViolation] = []
    ids: set[str] = set()
    for index, node in enumerate(nodes):
        path = f"nodes[{index}]"
        if not node.id.strip():
            found.append(FieldViolation(f"{path}.id", "required"))
        elif node.id in ids:
            found.append(FieldViolation(f"{path}.id", "appears twice"))
        ids.add(node.id)
        if node.total_ports < 0:
            found.append(FieldViolation(f"{path}.total_ports", "0 or more"))
        if not 0 <= node.free_ports <= max(node.total_ports, 0):
            found.append(FieldViolation(f"{path}.free_ports", "between 0 and total_ports"))
    return found
