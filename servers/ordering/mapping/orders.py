"""ProductOrder messages <-> domain orders. The channel writes OrderContent; what the proto
carries beyond it (id, state, times) is output only and ignored on input. Quantity 0 (unset)
means 1; an unspecified action is None (submission refuses it)."""

from __future__ import annotations

from google.protobuf import json_format

from domain.ordering import model
from ordercapture.ordering.v1 import order_pb2 as pb
from ordercapture.type.v1 import reference_pb2
from servers.catalog.mapping.configuration import configuration_from
from servers.catalog.mapping.values import stamp, time_from
from servers.extensions import extension_from, extension_to
from servers.ordering.mapping.enums import (
    item_action_from,
    item_action_to,
    item_state_to,
    order_state_to,
)


def content_from(message: pb.ProductOrder) -> model.OrderContent:
    return model.OrderContent(
        parties=tuple(model.PartyRef(p.id, p.role, p.name) for p in message.parties),
        channel=message.channel,
        external_ids=tuple(model.ExternalId(e.id, e.owner, e.kind) for e in message.external_ids),
        description=message.description,
        category=message.category,
        priority=message.priority,
        billing_account_id=message.billing_account_id,
        requested_start_time=time_from(
            message.requested_start_time, message.HasField("requested_start_time")
        ),
        requested_completion_time=time_from(
            message.requested_completion_time, message.HasField("requested_completion_time")
        ),
        notes=tuple(_note_from(n) for n in message.notes),
        items=tuple(_item_from(i, f"items[{n}]") for n, i in enumerate(message.items)),
        extension=extension_from(message.extension),
    )


def order_to(order: model.ProductOrder) -> pb.ProductOrder:
    content = order.content
    return pb.ProductOrder(
        id=order.id,
        state=order_state_to(order.state),
        parties=[
            reference_pb2.PartyReference(id=p.id, role=p.role, name=p.name) for p in content.parties
        ],
        channel=content.channel,
        external_ids=[
            pb.ExternalId(id=e.id, owner=e.owner, kind=e.kind) for e in content.external_ids
        ],
        description=content.description,
        category=content.category,
        priority=content.priority,
        billing_account_id=content.billing_account_id,
        requested_start_time=stamp(content.requested_start_time),
        requested_completion_time=stamp(content.requested_completion_time),
        notes=[_note_to(n) for n in content.notes],
        items=[_item_to(i) for i in content.items],
        correlation_id=order.correlation_id,
        create_time=stamp(order.create_time),
        update_time=stamp(order.update_time),
        expected_completion_time=stamp(order.expected_completion_time),
        completion_time=stamp(order.completion_time),
        cancellation_time=stamp(order.cancellation_time),
        cancellation_reason=order.cancellation_reason,
        extension=extension_to(content.extension),
    )


def _item_from(message: pb.OrderItem, path: str) -> model.OrderItem:
    configuration = None
    if message.HasField("configuration"):
        # Malformed values are refused here (InvalidEntity), before anything is judged.
        configuration_from(message.configuration, f"{path}.configuration")
        configuration = model.ItemConfiguration(
            json_format.MessageToJson(message.configuration, indent=None, sort_keys=True)
        )
    return model.OrderItem(
        id=message.id,
        action=item_action_from(message.action),
        quantity=message.quantity or 1,
        offering_id=message.offering_id,
        product_id=message.product_id,
        configuration=configuration,
        places=tuple(model.PlaceRef(p.address_id, p.role) for p in message.places),
        eligibility=_reference_from(message, "eligibility"),
        feasibility=_reference_from(message, "feasibility"),
        relationships=tuple(
            model.ItemRelationship(r.item_id, r.relationship_type) for r in message.relationships
        ),
        items=tuple(_item_from(i, f"{path}.items[{n}]") for n, i in enumerate(message.items)),
    )


def _item_to(item: model.OrderItem) -> pb.OrderItem:
    message = pb.OrderItem(
        id=item.id,
        action=item_action_to(item.action),
        quantity=item.quantity,
        offering_id=item.offering_id,
        product_id=item.product_id,
        places=[pb.ItemPlace(address_id=p.address_id, role=p.role) for p in item.places],
        relationships=[
            pb.ItemRelationship(item_id=r.item_id, relationship_type=r.relationship_type)
            for r in item.relationships
        ],
        items=[_item_to(i) for i in item.items],
        state=item_state_to(item.state),
    )
    if item.configuration is not None:
        json_format.Parse(item.configuration.document, message.configuration)
    if item.eligibility is not None:
        message.eligibility.CopyFrom(_reference_to(item.eligibility))
    if item.feasibility is not None:
        message.feasibility.CopyFrom(_reference_to(item.feasibility))
    return message


def _reference_from(message: pb.OrderItem, field: str) -> model.QualificationReference | None:
    if not message.HasField(field):  # type: ignore[arg-type]
        return None
    reference: pb.QualificationReference = getattr(message, field)
    return model.QualificationReference(reference.check_id, reference.item_id)


def _reference_to(reference: model.QualificationReference) -> pb.QualificationReference:
    return pb.QualificationReference(check_id=reference.check_id, item_id=reference.item_id)


def _note_from(message: pb.Note) -> model.Note:
    return model.Note(
        id=message.id,
        author=message.author,
        text=message.text,
        create_time=time_from(message.create_time, message.HasField("create_time")),
    )


def _note_to(note: model.Note) -> pb.Note:
    return pb.Note(
        id=note.id, author=note.author, text=note.text, create_time=stamp(note.create_time)
    )
