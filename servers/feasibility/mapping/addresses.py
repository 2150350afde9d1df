"""Address <-> proto."""

from __future__ import annotations

from domain.feasibility.addresses import Address
from ordercapture.feasibility.v1 import network_pb2


def address_from(message: network_pb2.Address) -> Address:
    return Address(
        id=message.id,
        street=message.street,
        number=message.number,
        postcode=message.postcode,
        city=message.city,
        country=message.country or "GB",
        region=message.region,
    )


def address_to(address: Address) -> network_pb2.Address:
    return network_pb2.Address(
        id=address.id,
        street=address.street,
        number=address.number,
        postcode=address.postcode,
        city=address.city,
        country=address.country,
        region=address.region,
    )
