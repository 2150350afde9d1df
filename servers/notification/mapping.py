"""Notification domain objects <-> gRPC messages."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

from google.protobuf.timestamp_pb2 import Timestamp

from domain.notification.errors import InvalidNotificationRequest
from domain.notification.model import (
    Delivery,
    DeliveryOutcome,
    DeliveryState,
    EventSource,
    Subscription,
    SubscriptionState,
)
from ordercapture.notification.v1 import event_pb2, relay_service_pb2, subscription_pb2
from servers.notification.event_logs import SOURCES

_SOURCES_FROM = {value: key for key, value in SOURCES.items()}
_SUBSCRIPTION_STATES: Mapping[SubscriptionState, subscription_pb2.SubscriptionState.ValueType] = {
    SubscriptionState.ACTIVE: subscription_pb2.SUBSCRIPTION_STATE_ACTIVE,
    SubscriptionState.DISABLED: subscription_pb2.SUBSCRIPTION_STATE_DISABLED,
}
_DELIVERY_STATES: Mapping[DeliveryState, subscription_pb2.DeliveryState.ValueType] = {
    DeliveryState.PENDING: subscription_pb2.DELIVERY_STATE_PENDING,
    DeliveryState.DELIVERED: subscription_pb2.DELIVERY_STATE_DELIVERED,
    DeliveryState.FAILED: subscription_pb2.DELIVERY_STATE_FAILED,
    DeliveryState.FILTERED: subscription_pb2.DELIVERY_STATE_FILTERED,
}
_DELIVERY_STATES_FROM = {value: key for key, value in _DELIVERY_STATES.items()}
_OUTCOMES: Mapping[relay_service_pb2.DeliveryOutcome.ValueType, DeliveryOutcome] = {
    relay_service_pb2.DELIVERY_OUTCOME_DELIVERED: DeliveryOutcome.DELIVERED,
    relay_service_pb2.DELIVERY_OUTCOME_FAILED: DeliveryOutcome.FAILED,
    relay_service_pb2.DELIVERY_OUTCOME_GONE: DeliveryOutcome.GONE,
    relay_service_pb2.DELIVERY_OUTCOME_FILTERED: DeliveryOutcome.FILTERED,
}


def source_from(
    value: event_pb2.EventSource.ValueType, optional: bool = False
) -> EventSource | None:
    if optional and value == event_pb2.EVENT_SOURCE_UNSPECIFIED:
        return None
    found = _SOURCES_FROM.get(value)
    if found is None:
        raise InvalidNotificationRequest(
            f"unknown event source {value}", metadata={"field": "source"}
        )
    return found


def required_source(value: event_pb2.EventSource.ValueType) -> EventSource:
    found = source_from(value)
    assert found is not None
    return found


def delivery_states_from(
    values: Iterable[subscription_pb2.DeliveryState.ValueType],
) -> list[DeliveryState]:
    states = []
    for value in values:
        found = _DELIVERY_STATES_FROM.get(value)
        if found is None:
            raise InvalidNotificationRequest(
                f"unknown delivery state {value}", metadata={"field": "states"}
            )
        states.append(found)
    return states


def outcome_from(value: relay_service_pb2.DeliveryOutcome.ValueType) -> DeliveryOutcome:
    found = _OUTCOMES.get(value)
    if found is None:
        raise InvalidNotificationRequest(
            f"unknown delivery outcome {value}", metadata={"field": "outcome"}
        )
    return found


def subscription_to(subscription: Subscription) -> subscription_pb2.Subscription:
    return subscription_pb2.Subscription(
        id=subscription.id,
        source=SOURCES[subscription.source],
        audience=subscription.audience,
        callback=subscription.callback,
        query=subscription.query,
        state=_SUBSCRIPTION_STATES[subscription.state],
        disabled_reason=subscription.disabled_reason,
        create_time=_stamp(subscription.create_time),
        pending_deliveries=subscription.pending_deliveries,
        failed_deliveries=subscription.failed_deliveries,
        last_error=subscription.last_error,
    )


def delivery_to(delivery: Delivery) -> subscription_pb2.Delivery:
    message = subscription_pb2.Delivery(
        id=delivery.id,
        subscription_id=delivery.subscription_id,
        event_id=delivery.event_id,
        event_sequence=delivery.event_sequence,
        state=_DELIVERY_STATES[delivery.state],
        attempts=delivery.attempts,
        next_attempt_time=_stamp(delivery.next_attempt_time),
        last_error=delivery.last_error,
        create_time=_stamp(delivery.create_time),
    )
    if delivery.delivered_time is not None:
        message.delivered_time.CopyFrom(_stamp(delivery.delivered_time))
    return message


def _stamp(moment: datetime) -> Timestamp:
    stamp = Timestamp()
    stamp.FromDatetime(moment)
    return stamp
