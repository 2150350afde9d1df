"""Hub queries: parsed (and refused with a 400 naming the problem) when a listener registers,
evaluated against each rendered envelope."""

from __future__ import annotations

from typing import Any

import pytest

from rest_facade.errors import TmfError
from rest_facade.notification import audiences
from rest_facade.notification.event_query import EventQuery

ORDERING = audiences.PRODUCT_ORDERING_V5


def envelope(**order: Any) -> dict[str, Any]:
    return {
        "@type": "ProductOrderStateChangeEvent",
        "eventId": "evt-1",
        "eventTime": "2026-03-01T09:00:02.500Z",
        "eventType": "ProductOrderStateChangeEvent",
        "correlationId": "corr-1",
        "event": {
            "productOrder": {
                "id": "o-1",
                "@type": "ProductOrder",
                "state": "completed",
                "priority": "1",
                "productOrderItem": [
                    {"id": "1", "quantity": 1, "state": "completed"},
                    {"id": "2", "quantity": 3, "state": "failed"},
                ],
                "relatedParty": [{"role": "customer", "partyOrPartyRole": {"id": "cust-1"}}],
                "isDraft": False,
                **order,
            }
        },
    }


def matches(query: str, body: dict[str, Any] | None = None) -> bool:
    return EventQuery.parse(query, ORDERING).matches(envelope() if body is None else body)


@pytest.mark.parametrize(
    "query",
    [
        "",
        "eventType=ProductOrderStateChangeEvent&event.productOrder.state=completed",
        "eventType=ProductOrderCreateEvent,ProductOrderStateChangeEvent",
        "eventType=ProductOrderCreateEvent&eventType=ProductOrderStateChangeEvent",
        "eventType=ProductOrderCreateEvent;eventType=ProductOrderStateChangeEvent",
        "eventType.ne=ProductOrderCreateEvent",
        "eventType==ProductOrderStateChangeEvent",
        "event.productOrder.state=acknowledged,completed",
        "event.productOrder.state.eq=completed",
        'event.productOrder.state="completed"',
        "event.productOrder.productOrderItem.state=failed",
        "event.productOrder.productOrderItem.quantity.gte=3",
        "event.productOrder.productOrderItem.quantity>=3",
        "event.productOrder.productOrderItem.quantity%3E2",
        "event.productOrder.productOrderItem.quantity.lt=2",
        "event.productOrder.relatedParty.partyOrPartyRole.id=cust-1",
        "event.productOrder.isDraft=false",
        "event.productOrder.productOrderItem.quantity=1.0",
        "eventTime.gte=2026-03-01T09:00:00Z&eventTime.lt=2026-03-01T10:30:00%2B01:00",
        "eventTime.gt=2026-02-28",
        "correlationId=corr-1&eventId.ne=evt-2",
        # A bare path: the attribute is present (not null; arrays: some element).
        "event.productOrder.state",
        "event.productOrder",
        "event.productOrder.productOrderItem.quantity&eventType=ProductOrderStateChangeEvent",
        "event.productOrder.isDraft",
        "event.productOrder.state;event.productOrder.priority",
    ],
)
def test_selected(query: str) -> None:
    assert matches(query)


@pytest.mark.parametrize(
    "query",
    [
        "eventType=ProductOrderCreateEvent",
        "eventType=ProductOrderStateChangeEvent&event.productOrder.state=failed",
        "event.productOrder.state.ne=completed",
        "event.productOrder.productOrderItem.quantity.gt=3",
        "event.productOrder.productOrderItem.state=acknowledged",
        "event.productOrder.missing=x",
        "event.productOrder.missing.ne=x",
        "event.productOrder=o-1",
        "eventTime.gte=2026-03-01T09:00:03Z",
        "eventTime.lt=2026-03-01T10:00:00%2B01:00",
        "event.productOrder.isDraft=true",
        "data",  # TMF's example hub: our envelopes carry no 'data'
        "event.productOrder.missing",
        "event.productOrder.state&event.productOrder.missing",
        "event.productOrder.state&eventType=ProductOrderCreateEvent",
    ],
)
def test_not_selected(query: str) -> None:
    assert not matches(query)


@pytest.mark.parametrize(
    ("query", "fragment"),
    [
        ("eventType=ProductOfferingCreateEvent", "'ProductOfferingCreateEvent' is not an event"),
        ("eventType=Nonsense", "'Nonsense' is not an event"),
        ("eventType.gt=ProductOrderCreateEvent", "compared for equality"),
        ("eventType.state=x", "compared for equality"),
        ("productOrder.state=completed", "starts with one of"),
        ("@type=ProductOrder", "starts with one of"),
        ("event..state=x", "no empty names"),
        ("event.productOrder.name.regex=a.*", "operator 'regex' is not supported"),
        ("fields=id", "do not apply to events"),
        ("filter=x", "do not apply to events"),
        ("event.productOrder.state=", "empty values"),
        ("fields", "do not apply to events"),
        ("event..state", "no empty names"),
        ("event.productOrder.", "no empty names"),
    ],
)
def test_refused_with_a_400_naming_the_problem(query: str, fragment: str) -> None:
    with pytest.raises(TmfError) as raised:
        EventQuery.parse(query, ORDERING)
    assert raised.value.status == 400
    assert raised.value.code == "INVALID_ATTRIBUTE_VALUE"
    assert raised.value.message.startswith("Attribute 'query': ")
    assert fragment in raised.value.message


def test_event_names_are_those_of_the_audience_or_of_any_api_without_one() -> None:
    catalog_query = "eventType=ProductOfferingCreateEvent"
    EventQuery.parse(catalog_query, audiences.PRODUCT_CATALOG_V5)
    EventQuery.parse(catalog_query)
    with pytest.raises(TmfError):
        EventQuery.parse("eventType=ImportJobDeleteEvent")  # TMF620 has no such event
    with pytest.raises(TmfError):
        EventQuery.parse(
            "eventType=QueryServiceQualificationAttributeValueChangeEvent",
            audiences.SERVICE_QUALIFICATION_V4,
        )


def test_an_empty_query_selects_everything() -> None:
    assert EventQuery.parse("").conditions == ()
    assert EventQuery.parse("  ").matches({})


def test_a_bare_path_is_present_only_with_a_value() -> None:
    assert not matches("event.productOrder.note", envelope(note=None))
    assert not matches("event.productOrder.note", envelope(note=[]))
    assert matches("event.productOrder.note", envelope(note=[{"text": "x"}]))
    assert matches("data", {"data": {"anything": 1}})
