"""The hub of each TMF API: listeners register (`POST /hub`), look (`GET /hub/{id}`, where the
API's document has it) and unregister (`DELETE /hub/{id}`), over NotificationService.

A subscription belongs to the audience (API and version) it was registered through: the hub
of another API answers 404 for it, exactly as for an unknown id. The signing secret is returned
once, in the 201 of the registration, as the extension attribute `secret`. gRPC errors take the
facade's one error path (INVALID_ARGUMENT, e.g. a callback into a private network: 400;
NOT_FOUND: 404).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from connexion import NoContent

from ordercapture.notification.v1 import notification_service_pb2, subscription_pb2
from rest_facade.backend import GrpcBackend
from rest_facade.correlation import CORRELATION_HEADER, current_correlation_id
from rest_facade.errors import TmfError
from rest_facade.notification.audiences import Audience
from rest_facade.notification.event_query import EventQuery
from rest_facade.request_context import hrefs, json_body, raw_query
from rest_facade.tmf630 import refuse_query
from rest_facade.tmf_readers import refuse_unknown, text
from rest_facade.tmf_values import Hrefs, JsonObject, invalid

ns = notification_service_pb2
Reply = tuple[Any, int] | tuple[Any, int, dict[str, str]]
Operation = Callable[..., Any]

COLLECTION = "hub"
HUB_TYPE = "Hub"
ACCEPTED = ("callback", "query")
SECRET_ATTRIBUTE = "secret"  # noqa: S105 (the attribute's name, not a secret)
NOT_FOUND = "SUBSCRIPTION_NOT_FOUND"  # the tier's reason for an unknown subscription
# operationIds of the official documents: v5 names the hub operations after the hub, v4 after
# the listener. Only TMF679 v5 lists a retrieval; every API serves one under TMF679's name.
OPERATION_IDS = {
    5: {"create": "createHub", "retrieve": "hubGet", "delete": "hubDelete"},
    4: {"create": "registerListener", "retrieve": "hubGet", "delete": "unregisterListener"},
}


def hub_to_tmf(
    subscription: subscription_pb2.Subscription, hrefs: Hrefs, version: int
) -> JsonObject:
    """A subscription as a v5 `Hub` (a v4 `EventSubscription`: the same without `@type`)."""
    document: JsonObject = {
        "id": subscription.id,
        "href": hrefs.of(COLLECTION, subscription.id),
        "callback": subscription.callback,
    }
    if subscription.query:
        document["query"] = subscription.query
    if version >= 5:
        document["@type"] = HUB_TYPE
    return document


class HubHandlers:
    """The hub operations of one API (its audience)."""

    def __init__(self, backend: GrpcBackend, audience: Audience) -> None:
        self._backend = backend
        self._audience = audience

    def operations(self) -> dict[str, Operation]:
        """operationId -> handler, named as in the API's official document."""
        names = OPERATION_IDS[self._audience.tmf_version]
        return {operation_id: getattr(self, verb) for verb, operation_id in names.items()}

    async def create(self) -> Reply:
        refuse_query(raw_query())
        document = await json_body()
        refuse_unknown(document, ACCEPTED)
        callback = text(document, "callback")
        if not callback:
            raise invalid("callback", "the listener's URL is required")
        query = text(document, "query")
        EventQuery.parse(query, self._audience.name)  # refused here, not at delivery time
        request = ns.CreateSubscriptionRequest(
            source=self._audience.source,
            audience=self._audience.name,
            callback=callback,
            query=query,
        )
        response = await self._backend.notifications.CreateSubscription(
            request, timeout=self._backend.deadline_seconds
        )
        created = self._to_tmf(response.subscription)
        created[SECRET_ATTRIBUTE] = response.secret
        return created, 201, self._headers({"Location": created["href"]})

    async def retrieve(self, id_: str) -> Reply:
        refuse_query(raw_query())
        return self._to_tmf(await self._own(id_)), 200, self._headers()

    async def delete(self, id_: str) -> Reply:
        refuse_query(raw_query())
        await self._own(id_)
        request = ns.DeleteSubscriptionRequest(id=id_)
        await self._backend.notifications.DeleteSubscription(
            request, timeout=self._backend.deadline_seconds
        )
        return NoContent, 204, self._headers()

    async def _own(self, subscription_id: str) -> subscription_pb2.Subscription:
        """The subscription when it was registered through this API; 404 otherwise."""
        request = ns.GetSubscriptionRequest(id=subscription_id)
        response = await self._backend.notifications.GetSubscription(
            request, timeout=self._backend.deadline_seconds
        )
        if response.subscription.audience != self._audience.name:
            raise TmfError(404, NOT_FOUND, f"no subscription {subscription_id!r}")
        return response.subscription

    def _to_tmf(self, subscription: subscription_pb2.Subscription) -> JsonObject:
        return hub_to_tmf(subscription, hrefs(self._audience.api_root), self._audience.tmf_version)

    @staticmethod
    def _headers(headers: dict[str, str] | None = None) -> dict[str, str]:
        """The correlation id is named too: TMF622's document declares it on every response."""
        correlation_id = current_correlation_id()
        extra = {CORRELATION_HEADER: correlation_id} if correlation_id else {}
        return {**(headers or {}), **extra}
