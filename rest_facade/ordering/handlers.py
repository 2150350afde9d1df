"""Handlers of the TMF622 operations: JSON -> request message, await the gateway with the
caller's metadata, response message -> JSON, headers."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial
from typing import Any

from connexion import NoContent

from ordercapture.ordering.v1 import cancellation_pb2, order_pb2
from rest_facade.correlation import CORRELATION_HEADER
from rest_facade.errors import TmfError, bad_request
from rest_facade.extension_changes import nested_changed, patched
from rest_facade.mounting import resource_operations
from rest_facade.ordering.caller import Caller, current_caller, idempotency_key
from rest_facade.ordering.gateway import OrderingGateway
from rest_facade.ordering.mapping import cancellation, order
from rest_facade.ordering.mapping.items import items_extras
from rest_facade.ordering.mapping.values import channel_extras
from rest_facade.ordering.mapping.vocabulary import ORDER_STATES
from rest_facade.ordering.queries import (
    CANCELLATION_QUERY,
    ORDER_QUERY,
    ListCancellations,
    list_orders_request,
)
from rest_facade.request_context import hrefs, json_body, raw_query
from rest_facade.tmf630 import (
    merge_patch,
    parse_entity_query,
    parse_list_query,
    refuse_query,
    select,
)
from rest_facade.tmf630.conditions import conditions_named
from rest_facade.tmf630.listing import paged_request
from rest_facade.tmf630.paging_links import list_headers
from rest_facade.tmf630.patching import read_once, requested_merge_patch
from rest_facade.tmf_readers import MARKERS, array
from rest_facade.tmf_values import JsonObject

Reply = tuple[Any, int] | tuple[Any, int, dict[str, str]]
Operation = Callable[..., Any]

SUBMITTED = "acknowledged"
# Modelled attributes whose elements' kept attributes (extension_attributes) a patch recomputes.
NESTED_EXTRAS: Mapping[str, Callable[[list[Any], str], list[JsonObject]]] = {
    "channel": lambda entries, _where: channel_extras(entries),
    "productOrderItem": items_extras,
}


class OrderHandlers:
    """productOrder: create (submitted or draft), list, retrieve, patch, delete."""

    def __init__(self, gateway: OrderingGateway, base_path: str) -> None:
        self._gateway = gateway
        self._base_path = base_path

    def operations(self) -> dict[str, Operation]:
        return resource_operations(order.TMF_TYPE, self)

    async def list(self) -> Reply:
        parsed = parse_list_query(raw_query(), ORDER_QUERY)
        caller = current_caller()
        with conditions_named(parsed.condition_parameters):
            found, total = await self._gateway.list(list_orders_request(parsed), caller)
        body = [select(self._to_tmf(one), parsed.fields) for one in found]
        return body, 200, echoed(caller, list_headers(parsed, total, len(body)))

    async def retrieve(self, id_: str) -> Reply:
        fields = parse_entity_query(raw_query(), order.ATTRIBUTES)
        caller = current_caller()
        found = await self._gateway.get(id_, caller)
        return select(self._to_tmf(found), fields), 200, echoed(caller)

    async def create(self) -> Reply:
        """201 with the order: acknowledged after the full validation, or a draft. With an
        `Idempotency-Key`, a repeat of the same body answers the first order again."""
        fields = parse_entity_query(raw_query(), order.ATTRIBUTES)
        key = idempotency_key()
        wanted = order.create_request_from_tmf(await json_body(), key)
        caller = current_caller()
        created = self._to_tmf(await self._gateway.create(wanted, caller))
        return select(created, fields), 201, echoed(caller, {"Location": created["href"]})

    async def patch(self, id_: str) -> Reply:
        """Any of the four PATCH media types, as the one merge patch it amounts to. On a
        draft, `state: acknowledged` submits it after the other changes."""
        fields = parse_entity_query(raw_query(), order.ATTRIBUTES)
        caller = current_caller()
        found = read_once(partial(self._gateway.get, id_, caller))
        patch = await requested_merge_patch(found, self._to_tmf)
        current = await found()
        before = self._to_tmf(current)
        after = merge_patch(before, patch)
        changed = {name: value for name, value in patch.items() if name not in MARKERS}
        submit = _wants_submission(current, changed.pop("state", before.get("state")))
        mask = _update_mask(changed)
        extension = patched(
            current.extension, patch, order.MODELLED, order.SERVER_MANAGED, order.TMF_TYPE
        )
        # The kept attributes of the channel and the items are those of the patched ones.
        for name, extras in NESTED_EXTRAS.items():
            if name in changed:
                extension = (
                    nested_changed(
                        current.extension if extension is None else extension,
                        name,
                        extras(array(after, name), name),
                    )
                    or extension
                )
        if extension is not None:
            mask.append("extension")
        updated = current
        if mask:
            content = order.order_from_tmf(after, tolerate_output=True, order_id=id_)
            content.extension.CopyFrom(current.extension if extension is None else extension)
            updated = await self._gateway.update(content, mask, caller)
        if submit:
            updated = await self._gateway.submit(id_, caller)
        return select(self._to_tmf(updated), fields), 200, echoed(caller)

    async def delete(self, id_: str) -> Reply:
        refuse_query(raw_query())
        caller = current_caller()
        await self._gateway.delete(id_, caller)
        return NoContent, 204, echoed(caller)

    def _to_tmf(self, found: order_pb2.ProductOrder) -> JsonObject:
        return order.order_to_tmf(found, hrefs(self._base_path))


class CancellationHandlers:
    """cancelProductOrder: a cancellation task, created, listed and retrieved."""

    def __init__(self, gateway: OrderingGateway, base_path: str) -> None:
        self._gateway = gateway
        self._base_path = base_path

    def operations(self) -> dict[str, Operation]:
        return resource_operations(cancellation.TMF_TYPE, self)

    async def list(self) -> Reply:
        parsed = parse_list_query(raw_query(), CANCELLATION_QUERY)
        caller = current_caller()
        with conditions_named(parsed.condition_parameters):
            found, total = await self._gateway.list_cancellations(
                paged_request(parsed, ListCancellations), caller
            )
        body = [select(self._to_tmf(one), parsed.fields) for one in found]
        return body, 200, echoed(caller, list_headers(parsed, total, len(body)))

    async def retrieve(self, id_: str) -> Reply:
        fields = parse_entity_query(raw_query(), cancellation.ATTRIBUTES)
        caller = current_caller()
        found = await self._gateway.get_cancellation(id_, caller)
        return select(self._to_tmf(found), fields), 200, echoed(caller)

    async def create(self) -> Reply:
        fields = parse_entity_query(raw_query(), cancellation.ATTRIBUTES)
        key = idempotency_key()
        wanted = cancellation.create_request_from_tmf(await json_body(), key)
        caller = current_caller()
        created = self._to_tmf(await self._gateway.cancel(wanted, caller))
        return select(created, fields), 201, echoed(caller, {"Location": created["href"]})

    def _to_tmf(self, found: cancellation_pb2.CancellationRequest) -> JsonObject:
        return cancellation.cancellation_to_tmf(found, hrefs(self._base_path))


def echoed(caller: Caller, headers: Mapping[str, str] | None = None) -> dict[str, str]:
    """Response headers with the correlation id (the middleware sets it on every response;
    handlers name it too, so the declared success headers validate)."""
    return {**(headers or {}), CORRELATION_HEADER: caller.correlation_id}


def _wants_submission(current: order_pb2.ProductOrder, state: Any) -> bool:
    """`state` may only move a draft to acknowledged (a submission); the same state is no
    change. Other transitions belong to order management or to cancelProductOrder."""
    if state is None:
        raise bad_request("ATTRIBUTE_NOT_PATCHABLE", "Attribute 'state' cannot be removed.")
    if not isinstance(state, str) or state not in ORDER_STATES:
        raise bad_request(
            "INVALID_ATTRIBUTE_VALUE", f"Attribute 'state': '{state}' is not an order state."
        )
    if ORDER_STATES[state] == current.state:
        return False
    if current.state == order_pb2.ORDER_STATE_DRAFT and state == SUBMITTED:
        return True
    raise TmfError(
        409,
        "ORDER_TRANSITION_NOT_ALLOWED",
        f"Attribute 'state': an order moves from draft to '{SUBMITTED}' by a patch (a "
        "submission); other changes of state are made by order management, and a cancellation "
        "is asked with cancelProductOrder.",
    )


def _update_mask(changed: Mapping[str, Any]) -> list[str]:
    mask: list[str] = []
    for attribute in changed:
        if attribute in order.SERVER_MANAGED:
            raise bad_request(
                "ATTRIBUTE_NOT_PATCHABLE",
                f"Attribute '{attribute}' is managed by the server and cannot be patched.",
            )
        if attribute in order.CREATE_ONLY:
            raise bad_request(
                "ATTRIBUTE_NOT_PATCHABLE", f"Attribute '{attribute}' is read on create only."
            )
        if attribute not in order.UPDATE_PATHS:
            continue  # not modelled: kept in the order's extension (see `patched`)
        mask.extend(order.UPDATE_PATHS[attribute])
    return list(dict.fromkeys(mask))
