from __future__ import annotations

import argparse

import pytest

from cli.addresses import ListenAddress, parse_listen_address


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("8080", ListenAddress("127.0.0.1", 8080)),
        ("127.0.0.1:0", ListenAddress("127.0.0.1", 0)),
        ("0.0.0.0:50051", ListenAddress("0.0.0.0", 50051)),
        ("[::1]:8080", ListenAddress("::1", 8080)),
        ("localhost:9000", ListenAddress("localhost", 9000)),
    ],
)
def test_parses_host_port_or_a_bare_port(text: str, expected: ListenAddress) -> None:
    assert parse_listen_address(text) == expected


@pytest.mark.parametrize("text", ["", "host:", "host:port", "127.0.0.1:70000", "-1"])
def test_rejects_what_is_not_an_address(text: str) -> None:
    with pytest.raises(argparse.ArgumentTypeError):
        parse_listen_address(text)


def test_local_clients_dial_loopback_when_listening_on_every_interface() -> None:
    assert ListenAddress("0.0.0.0", 5).dial_target == "127.0.0.1:5"
    assert ListenAddress("::", 5).dial_target == "127.0.0.1:5"
    assert ListenAddress("::1", 5).dial_target == "[::1]:5"
    assert ListenAddress("::1", 5).grpc_address == "[::1]:5"
    assert ListenAddress("127.0.0.1", 0).with_port(41000).dial_target == "127.0.0.1:41000"
