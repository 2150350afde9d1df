"""Proto <-> domain mapping of orders, and the JSON documents orders are stored as: defaults
the protos document (quantity 0 is 1, an unspecified action is None), every enum value
both ways, and round trips that lose nothing."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from domain.catalog.errors import InvalidEntity
from domain.ordering import model
from domain.ordering.cancellation import Cancellation, CancellationState
from domain.ordering.events import OrderEventType
from ordercapture.ordering.v1 import handoff_service_pb2, order_pb2
from ordercapture.type.v1 import characteristic_pb2, configuration_pb2, reference_pb2
from servers.ordering.mapping import enums
from servers.ordering.mapping.orders import content_from, order_to
from servers.ordering.mapping.progress import advance_from
from servers.persistence.ordering_documents import (
    cancellation_document,
    cancellation_from,
    order_document,
    order_from,
)

AT = datetime(2026, 11, 1, 9, 30, tzinfo=UTC)


def test_unset_quantity_is_one_and_unspecified_action_is_none() -> None:
    message = order_pb2.ProductOrder(items=[order_pb2.OrderItem(id="1", offering_id="o")])
    (item,) = content_from(message).items
    assert (item.quantity, item.action) == (1, None)


def test_every_domain_enum_value_has_a_proto_value_and_back() -> None:
    for state in model.OrderState:
        assert enums.order_state_from(enums.order_state_to(state)) is state
    for item_state in model.ItemState:
        assert enums.item_state_from(enums.item_state_to(item_state)) is item_state
    for action in model.ItemAction:
        assert enums.item_action_from(enums.item_action_to(action)) is action
    for task_state in CancellationState:
        assert enums.cancellation_state_from(enums.cancellation_state_to(task_state)) is task_state
    for kind in OrderEventType:
        assert enums.event_type_from(enums.event_type_to(kind)) is kind
    assert enums.order_state_from(0) is None
    assert enums.order_state_from(999) is None


def _full_message() -> order_pb2.ProductOrder:
    configuration = configuration_pb2.RequestedConfiguration(
        characteristics=[
            characteristic_pb2.ConfiguredCharacteristic(
                name="speed", values=[characteristic_pb2.CharacteristicValue(text="500")]
            )
        ]
    )
    component = order_pb2.OrderItem(
        id="1.1", action=order_pb2.ITEM_ACTION_ADD, quantity=1, offering_id="c"
    )
    item = order_pb2.OrderItem(
        id="1",
        action=order_pb2.ITEM_ACTION_MODIFY,
        quantity=2,
        offering_id="o",
        product_id="p",
        configuration=configuration,
        places=[order_pb2.ItemPlace(address_id="a", role="installationAddress")],
        eligibility=order_pb2.QualificationReference(check_id="e", item_id="x"),
        feasibility=order_pb2.QualificationReference(check_id="f", item_id="y"),
        relationships=[order_pb2.ItemRelationship(item_id="2", relationship_type="reliesOn")],
        items=[component],
    )
    message = order_pb2.ProductOrder(
        parties=[reference_pb2.PartyReference(id="c1", role="customer", name="Ann")],
        channel="web",
        external_ids=[order_pb2.ExternalId(id="x-1", owner="shop", kind="cart")],
        description="d",
        category="c",
        priority="1",
        billing_account_id="b",
        notes=[order_pb2.Note(text="hello", author="ann")],
        items=[
            item,
            order_pb2.OrderItem(id="2", action=order_pb2.ITEM_ACTION_NO_CHANGE, quantity=1),
        ],
    )
    message.requested_start_time.FromDatetime(AT)
    return message


def test_content_survives_proto_domain_proto() -> None:
    message = _full_message()
    content = content_from(message)
    order = model.ProductOrder(
        id="o-1", content=content, state=model.OrderState.DRAFT, create_time=AT, update_time=AT
    )
    back = order_to(order)
    assert back.items == message.items
    assert back.parties == message.parties
    assert back.requested_start_time == message.requested_start_time
    assert back.state == order_pb2.ORDER_STATE_DRAFT
    assert content.items[0].eligibility == model.QualificationReference("e", "x")
    assert content.items[0].installation_place == model.PlaceRef("a", "installationAddress")


def test_malformed_configuration_is_refused_while_decoding() -> None:
    bad = configuration_pb2.RequestedConfiguration(
        characteristics=[
            characteristic_pb2.ConfiguredCharacteristic(
                name="speed", values=[characteristic_pb2.CharacteristicValue(number="fast")]
            )
        ]
    )
    message = order_pb2.ProductOrder(items=[order_pb2.OrderItem(id="1", configuration=bad)])
    with pytest.raises(InvalidEntity):
        content_from(message)


def test_stored_documents_round_trip() -> None:
    content = content_from(_full_message())
    order = model.ProductOrder(
        id="o-1",
        content=content,
        state=model.OrderState.ASSESSING_CANCELLATION,
        create_time=AT,
        update_time=AT,
        correlation_id="corr",
        state_before_cancellation=model.OrderState.IN_PROGRESS,
        cancellation_id="k-1",
    )
    assert order_from(order_document(order)) == order
    task = Cancellation(
        id="k-1",
        order_id="o-1",
        state=CancellationState.ACKNOWLEDGED,
        create_time=AT,
        requested_cancellation_time=AT,
    )
    assert cancellation_from(cancellation_document(task)) == task


def test_advance_reads_order_and_item_states() -> None:
    request = handoff_service_pb2.AdvanceOrderRequest(
        order_id="o",
        items=[handoff_service_pb2.ItemStateChange(item_id="1", state=order_pb2.ITEM_STATE_HELD)],
    )
    advance = advance_from(request)
    assert advance.state is None
    assert advance.items == {"1": model.ItemState.HELD}
    assert advance.expected_completion_time is None
