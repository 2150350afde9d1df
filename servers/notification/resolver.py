"""Host names to addresses, through the event loop's resolver (no blocking)."""

from __future__ import annotations

import asyncio
import ipaddress
import socket

from domain.notification.callbacks import Address


class SystemResolver:
    async def resolve(self, host: str) -> list[Address]:
        try:
            found = await asyncio.get_running_loop().getaddrinfo(
                host, None, type=socket.SOCK_STREAM
            )
        except socket.gaierror:
            return []
        return [ipaddress.ip_address(info[4][0]) for info in found]
