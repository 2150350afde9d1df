"""The facade's channel to the gRPC tier.

Opened inside the serving event loop (the app's lifespan), never at import: a grpc.aio channel
is bound to the loop that created it (TOOLCHAIN gotcha 1).
"""

from __future__ import annotations

import grpc

from ordercapture.notification.v1 import notification_service_pb2_grpc
from rest_facade.correlation_metadata import correlation_interceptors

DEFAULT_DEADLINE_SECONDS = 5.0


class GrpcBackend:
    def __init__(self, target: str, deadline_seconds: float = DEFAULT_DEADLINE_SECONDS) -> None:
        self.target = target
        # Every call the facade makes carries this deadline: a slow tier yields 504, not a hang.
        self.deadline_seconds = deadline_seconds
        self._channel: grpc.aio.Channel | None = None
        self._notifications: (
            tuple[grpc.aio.Channel, notification_service_pb2_grpc.NotificationServiceAsyncStub]
            | None
        ) = None

    def open(self) -> None:
        self._channel = grpc.aio.insecure_channel(
            self.target, interceptors=correlation_interceptors()
        )

    async def close(self) -> None:
        channel, self._channel = self._channel, None
        if channel is not None:
            await channel.close()

    @property
    def channel(self) -> grpc.aio.Channel:
        if self._channel is None:
            raise RuntimeError("the gRPC channel is not open (is the app's lifespan running?)")
        return self._channel

    @property
    def notifications(self) -> notification_service_pb2_grpc.NotificationServiceAsyncStub:
        """The NotificationService stub on the current channel (a new one after a restart)."""
        channel = self.channel
        if self._notifications is None or self._notifications[0] is not channel:
            stub = notification_service_pb2_grpc.NotificationServiceStub(channel)
            self._notifications = (channel, stub)
        return self._notifications[1]
