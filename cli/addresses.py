"""Listen addresses as the flags take them: HOST:PORT, or a bare PORT on 127.0.0.1."""

from __future__ import annotations

import argparse
from dataclasses import dataclass

LOOPBACK = "127.0.0.1"
# Where the gRPC tier listens by default, and so where its local clients dial by default.
DEFAULT_GRPC_TARGET = f"{LOOPBACK}:50051"
# Hosts that mean "every interface": a client in the same process must dial loopback instead.
_WILDCARDS = frozenset({"", "0.0.0.0", "::"})


@dataclass(frozen=True, slots=True)
class ListenAddress:
    host: str
    port: int  # 0 lets the OS pick a free port

    @property
    def grpc_address(self) -> str:
        """What grpc's add_insecure_port expects (IPv6 hosts in brackets)."""
        return f"[{self.host}]:{self.port}" if ":" in self.host else f"{self.host}:{self.port}"

    def with_port(self, port: int) -> ListenAddress:
        return ListenAddress(self.host, port)

    @property
    def dial_host(self) -> str:
        """The host a local client connects to; bracketed for IPv6, loopback for wildcards."""
        if self.host in _WILDCARDS:
            return LOOPBACK
        return f"[{self.host}]" if ":" in self.host else self.host

    @property
    def dial_target(self) -> str:
        return f"{self.dial_host}:{self.port}"


def parse_listen_address(text: str) -> ListenAddress:
    """argparse type: '8080', '127.0.0.1:8080', '[::1]:8080', '0.0.0.0:0'."""
    host, sep, port_text = text.strip().rpartition(":")
    if not sep:
        host = LOOPBACK
    host = host.removeprefix("[").removesuffix("]")
    try:
        port = int(port_text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected HOST:PORT or PORT, got {text!r}") from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"port out of range in {text!r}")
    return ListenAddress(host, port)
