"""Every attribute of productOrder and cancelProductOrder a filter may name, with the field of
the gRPC contract it is (rest_facade/ordering/mapping renders one from the other). Attributes
the facade writes itself (href, @type, @referredType) and the characteristic values (text,
number or flag by the value) are not filterable."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ordercapture.ordering.v1 import cancellation_pb2, order_pb2
from rest_facade.ordering.mapping.vocabulary import (
    CANCELLATION_STATES,
    ITEM_ACTIONS,
    ITEM_STATES,
    ORDER_STATES,
)
from rest_facade.tmf630 import ConditionPath, polymorphic, prefixed

Table = dict[str, ConditionPath]


def _names(table: Mapping[str, Any], name: Callable[[Any], str]) -> dict[str, str]:
    """TMF value -> the proto enum value's name, which conditions compare by."""
    return {tmf: name(number) for tmf, number in table.items()}


def _item(depth: int) -> Table:
    """An order item's attributes; items nest (bundles), two levels are filterable."""
    table: Table = {
        "id": ConditionPath("id"),
        "action": ConditionPath("action", _names(ITEM_ACTIONS, order_pb2.ItemAction.Name)),
        "quantity": ConditionPath("quantity"),
        "state": ConditionPath("state", _names(ITEM_STATES, order_pb2.ItemState.Name)),
        "productOffering.id": ConditionPath("offering_id"),
        "product.id": ConditionPath("product_id"),
        "product.productCharacteristic.name": ConditionPath("configuration.characteristics.name"),
        "product.product.productOffering.id": ConditionPath("configuration.components.offering_id"),
        "product.place.role": ConditionPath("places.role"),
        "product.place.place.id": ConditionPath("places.address_id"),
        "productOfferingQualificationItem.productOfferingQualificationId": ConditionPath(
            "eligibility.check_id"
        ),
        "productOfferingQualificationItem.itemId": ConditionPath("eligibility.item_id"),
        "qualification.id": ConditionPath("feasibility.check_id"),
        "qualification.name": ConditionPath("feasibility.item_id"),
        "productOrderItemRelationship.id": ConditionPath("relationships.item_id"),
        "productOrderItemRelationship.relationshipType": ConditionPath(
            "relationships.relationship_type"
        ),
    }
    if depth > 1:
        table.update(prefixed("productOrderItem", "items", _item(depth - 1)))
    return table


ORDER_CONDITIONS: Mapping[str, ConditionPath] = {
    **polymorphic("ProductOrder"),
    "id": ConditionPath("id"),
    "state": ConditionPath("state", _names(ORDER_STATES, order_pb2.OrderState.Name)),
    "description": ConditionPath("description"),
    "category": ConditionPath("category"),
    "priority": ConditionPath("priority"),
    "cancellationReason": ConditionPath("cancellation_reason"),
    "creationDate": ConditionPath("create_time"),
    "requestedStartDate": ConditionPath("requested_start_time"),
    "requestedCompletionDate": ConditionPath("requested_completion_time"),
    "expectedCompletionDate": ConditionPath("expected_completion_time"),
    "completionDate": ConditionPath("completion_time"),
    "cancellationDate": ConditionPath("cancellation_time"),
    "relatedParty.role": ConditionPath("parties.role"),
    "relatedParty.partyOrPartyRole.id": ConditionPath("parties.id"),
    "relatedParty.partyOrPartyRole.name": ConditionPath("parties.name"),
    "relatedParty.id": ConditionPath("parties.id"),  # the v4 spelling channels still use
    "channel.channel.id": ConditionPath("channel"),
    "channel.id": ConditionPath("channel"),  # likewise
    "externalId.id": ConditionPath("external_ids.id"),
    "externalId": ConditionPath("external_ids.id"),  # likewise
    "externalId.owner": ConditionPath("external_ids.owner"),
    "externalId.externalIdentifierType": ConditionPath("external_ids.kind"),
    "note.id": ConditionPath("notes.id"),
    "note.author": ConditionPath("notes.author"),
    "note.date": ConditionPath("notes.create_time"),
    "note.text": ConditionPath("notes.text"),
    "billingAccount.id": ConditionPath("billing_account_id"),
    **prefixed("productOrderItem", "items", _item(2)),
}

CANCELLATION_CONDITIONS: Mapping[str, ConditionPath] = {
    **polymorphic("CancelProductOrder"),
    "id": ConditionPath("id"),
    "state": ConditionPath(
        "state", _names(CANCELLATION_STATES, cancellation_pb2.CancellationState.Name)
    ),
    "productOrder.id": ConditionPath("order_id"),
    "cancellationReason": ConditionPath("reason"),
    "creationDate": ConditionPath("create_time"),
    "requestedCancellationDate": ConditionPath("requested_cancellation_time"),
    "effectiveCancellationDate": ConditionPath("effective_cancellation_time"),
}
