"""The relay's guard against server-side request forgery at delivery time: the callback's
host is resolved again before every attempt (it may have been re-pointed since it was
registered), and every address must be public or in a network the deployment allows."""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Iterable
from urllib.parse import urlsplit

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


class EgressRefused(Exception):
    pass


async def check_destination(url: str, allowed: Iterable[Network]) -> None:
    host = urlsplit(url).hostname or ""
    try:
        addresses = [ipaddress.ip_address(host)]
    except ValueError:
        try:
            found = await asyncio.get_running_loop().getaddrinfo(
                host, None, type=socket.SOCK_STREAM
            )
        except socket.gaierror as error:
            raise EgressRefused(f"{host!r} does not resolve: {error}") from None
        addresses = [ipaddress.ip_address(info[4][0]) for info in found]
    networks = tuple(allowed)
    for address in addresses:
        if not _reachable(address, networks):
            raise EgressRefused(f"{host!r} resolves to {address}, which listeners may not use")


def _reachable(address: Address, allowed: tuple[Network, ...]) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    if address.is_global and not address.is_multicast:
        return True
    return any(address in network for network in allowed)


def parse_networks(spelt: str) -> tuple[Network, ...]:
    return tuple(
        ipaddress.ip_network(part.strip(), strict=False)
        for part in spelt.split(",")
        if part.strip()
    )
