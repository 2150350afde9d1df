"""Which callback URLs a listener may register: a guard against server-side request forgery.
Only http and https, no credentials in the URL, and no address in a private, loopback,
link-local, multicast or reserved range unless the deployment allows that network (the demo
allows loopback so listeners on the same machine work)."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from domain.notification.errors import CallbackHostUnknown, CallbackNotAllowed

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network
MAXIMUM_LENGTH = 2000


@dataclass(frozen=True, slots=True)
class CallbackPolicy:
    allowed_networks: tuple[Network, ...] = ()

    def host_of(self, url: str) -> str:
        """The host to resolve, once the URL's form is acceptable."""
        if len(url) > MAXIMUM_LENGTH:
            raise CallbackNotAllowed(f"a callback is at most {MAXIMUM_LENGTH} characters")
        try:
            parts = urlsplit(url)
            parts.port  # noqa: B018 - raises on a malformed port
        except ValueError:
            raise CallbackNotAllowed(f"{url!r} is not a URL") from None
        if parts.scheme not in ("http", "https"):
            raise CallbackNotAllowed("a callback must be an http or https URL")
        if parts.username is not None or parts.password is not None:
            raise CallbackNotAllowed("a callback must not carry credentials")
        if not parts.hostname:
            raise CallbackNotAllowed("a callback must name a host")
        return parts.hostname

    def check_addresses(self, host: str, addresses: Iterable[Address]) -> None:
        """Every address the host resolves to must be public or in an allowed network."""
        found = list(addresses)
        if not found:
            raise CallbackHostUnknown(f"the callback host {host!r} does not resolve")
        for address in found:
            if _public(address) or any(address in net for net in self.allowed_networks):
                continue
            raise CallbackNotAllowed(
                f"the callback host {host!r} resolves to {address}, in a network listeners "
                "may not be reached in"
            )


def literal_address(host: str) -> Address | None:
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


def parse_networks(spelt: str) -> tuple[Network, ...]:
    """ "127.0.0.0/8, ::1" -> networks; raises ValueError naming a bad entry."""
    return tuple(
        ipaddress.ip_network(part.strip(), strict=False)
        for part in spelt.split(",")
        if part.strip()
    )


def _public(address: Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return _public(address.ipv4_mapped)
    return address.is_global and not address.is_multicast
