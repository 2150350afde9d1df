"""Helpers of the delivery tests: subscribe, cause catalog events, read delivery state."""

from __future__ import annotations

import asyncio

from ordercapture.catalog.v1 import catalog_pb2
from ordercapture.catalog.v1 import catalog_service_pb2 as cs
from ordercapture.notification.v1 import event_pb2, subscription_pb2
from ordercapture.notification.v1 import notification_service_pb2 as ns
from tests.integration.notification.conftest import Tier

CATALOG_AUDIENCE = "productCatalogManagement/v5"


async def subscribe(tier: Tier, callback: str, query: str = "") -> ns.CreateSubscriptionResponse:
    return await tier.notifications.CreateSubscription(
        ns.CreateSubscriptionRequest(
            source=event_pb2.EVENT_SOURCE_CATALOG,
            audience=CATALOG_AUDIENCE,
            callback=callback,
            query=query,
        )
    )


async def create_categories(tier: Tier, *ids: str) -> None:
    for category_id in ids:
        await tier.catalog.CreateCategory(
            cs.CreateCategoryRequest(
                category=catalog_pb2.Category(id=category_id, name=category_id)
            )
        )


async def deliveries(
    tier: Tier, subscription_id: str, *states: subscription_pb2.DeliveryState.ValueType
) -> list[subscription_pb2.Delivery]:
    found = await tier.notifications.ListDeliveries(
        ns.ListDeliveriesRequest(subscription_id=subscription_id, states=states, page_size=1000)
    )
    return list(found.deliveries)


async def wait_for_deliveries(
    tier: Tier,
    subscription_id: str,
    state: subscription_pb2.DeliveryState.ValueType,
    count: int,
    within: float = 20,
) -> list[subscription_pb2.Delivery]:
    """Polls until `count` deliveries are in `state` (a relay reports after the listener
    answered, so the listener's view runs slightly ahead of the tier's)."""
    deadline = asyncio.get_running_loop().time() + within
    while True:
        found = await deliveries(tier, subscription_id, state)
        if len(found) >= count or asyncio.get_running_loop().time() > deadline:
            return found
        await asyncio.sleep(0.05)
