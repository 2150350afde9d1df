from __future__ import annotations

import ipaddress

import pytest

from domain.notification.callbacks import CallbackPolicy, parse_networks
from domain.notification.errors import CallbackHostUnknown, CallbackNotAllowed

OPEN = CallbackPolicy()
LOOPBACK = CallbackPolicy(parse_networks("127.0.0.0/8, ::1"))


def address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address:
    return ipaddress.ip_address(text)


@pytest.mark.parametrize(
    "url", ["https://hooks.example.com/x", "http://hooks.example.com:8443/path?q=1"]
)
def test_http_urls_name_their_host(url: str) -> None:
    assert OPEN.host_of(url) == "hooks.example.com"


@pytest.mark.parametrize(
    "url",
    ["gopher://x.example/", "http://u:p@x.example/", "http://:80/", "http://x.example:99999/"],
)
def test_malformed_or_foreign_urls_are_refused(url: str) -> None:
    with pytest.raises(CallbackNotAllowed):
        OPEN.host_of(url)


def test_public_addresses_pass() -> None:
    OPEN.check_addresses("x", [address("93.184.216.34"), address("2606:2800:220:1::")])


@pytest.mark.parametrize(
    "found",
    [
        "10.0.0.1",
        "172.16.0.1",
        "127.0.0.1",
        "169.254.169.254",
        "::1",
        "fe80::1",
        "::ffff:192.168.1.1",
        "0.0.0.0",
        "100.64.0.1",
    ],
)
def test_private_and_special_addresses_are_refused(found: str) -> None:
    with pytest.raises(CallbackNotAllowed):
        OPEN.check_addresses("x", [address(found)])


def test_one_private_address_among_public_ones_is_enough_to_refuse() -> None:
    with pytest.raises(CallbackNotAllowed):
        OPEN.check_addresses("x", [address("93.184.216.34"), address("10.1.1.1")])


def test_an_allowed_network_passes_and_only_it() -> None:
    LOOPBACK.check_addresses("localhost", [address("127.0.0.1"), address("::1")])
    with pytest.raises(CallbackNotAllowed):
        LOOPBACK.check_addresses("x", [address("10.0.0.1")])


def test_a_host_that_resolves_to_nothing_is_refused_as_unknown() -> None:
    with pytest.raises(CallbackHostUnknown, match="does not resolve"):
        OPEN.check_addresses("nowhere.invalid", [])
