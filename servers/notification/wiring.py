"""Installs notifications in the gRPC tier: subscriptions, the relays' work queue and the
internal event stream, over one store."""

from __future__ import annotations

import grpc
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.notification.callbacks import CallbackPolicy
from domain.notification.services import Notifications, Relaying
from ordercapture.notification.v1 import (
    event_stream_service_pb2,
    event_stream_service_pb2_grpc,
    notification_service_pb2,
    notification_service_pb2_grpc,
    relay_service_pb2,
    relay_service_pb2_grpc,
)
from servers.notification.resolver import SystemResolver
from servers.notification.servicer import (
    EventStreamServicer,
    NotificationServicer,
    RelayServicer,
)
from servers.persistence.delivery_queue import SqlDeliveryQueue
from servers.persistence.notification_store import SqlNotificationStore
from servers.settings import Settings
from servers.system import SystemClock, UuidIds


def _full_name(module: object, name: str) -> str:
    return str(module.DESCRIPTOR.services_by_name[name].full_name)  # type: ignore[attr-defined]


NOTIFICATION_SERVICE = _full_name(notification_service_pb2, "NotificationService")
RELAY_SERVICE = _full_name(relay_service_pb2, "RelayService")
EVENT_STREAM_SERVICE = _full_name(event_stream_service_pb2, "EventStreamService")


def install_notifications(
    server: grpc.aio.Server, sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> tuple[str, str, str]:
    """Registers the three notification services; returns their full names."""
    store = SqlNotificationStore(sessions)
    clock, ids = SystemClock(), UuidIds()
    notifications = Notifications(
        store,
        SystemResolver(),
        CallbackPolicy(settings.callback_allowed_networks),
        clock,
        ids,
    )
    relaying = Relaying(SqlDeliveryQueue(sessions), settings.retry_schedule, clock, ids)
    notification_service_pb2_grpc.add_NotificationServiceServicer_to_server(
        NotificationServicer(notifications), server
    )
    relay_service_pb2_grpc.add_RelayServiceServicer_to_server(
        RelayServicer(relaying, sessions), server
    )
    event_stream_service_pb2_grpc.add_EventStreamServiceServicer_to_server(
        EventStreamServicer(sessions), server
    )
    return NOTIFICATION_SERVICE, RELAY_SERVICE, EVENT_STREAM_SERVICE
