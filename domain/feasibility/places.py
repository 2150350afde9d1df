"""Finding a place in the register: by id, or by postal fields matched against the candidates
of the same postcode or town."""

from __future__ import annotations

from domain.feasibility.addresses import (
    Address,
    AddressMatch,
    city_key,
    match_address,
    postcode_key,
)
from domain.feasibility.checks import Place
from domain.feasibility.ports import AddressRegister

# Candidates read per lookup: a postcode or a small town, never the whole register.
MAX_CANDIDATES = 2000


async def locate(register: AddressRegister, place: Place) -> AddressMatch:
    if place.address_id:
        return AddressMatch(await register.get(place.address_id))
    if place.address is None:
        return AddressMatch(None)
    return await match_typed(register, place.address)


async def match_typed(register: AddressRegister, typed: Address) -> AddressMatch:
    candidates = await register.candidates(
        postcode_key(typed.postcode), city_key(typed.city), MAX_CANDIDATES
    )
    return match_address(typed, candidates)
