"""Events rendered for the listeners of each API: names and listener paths from the API's
table, the resource as the facade's mapping renders it, the envelope of the API's version.

`SAMPLES` (one representative resource per message) also feeds the contract test that holds
every rendered envelope to the official event schema (tests/contract/test_event_envelopes.py).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

import pytest
from google.protobuf.any_pb2 import Any as AnyMessage
from google.protobuf.message import DecodeError, Message
from google.protobuf.timestamp_pb2 import Timestamp

from ordercapture.catalog.v1 import import_pb2
from ordercapture.feasibility.v1 import check_pb2 as feasibility_check_pb2
from ordercapture.feasibility.v1 import network_pb2
from ordercapture.feasibility.v1 import query_pb2 as feasibility_query_pb2
from ordercapture.notification.v1 import event_pb2
from ordercapture.ordering.v1 import cancellation_pb2, order_pb2
from ordercapture.qualification.v1 import check_pb2 as qualification_check_pb2
from ordercapture.qualification.v1 import query_pb2 as qualification_query_pb2
from rest_facade.catalog import api as catalog_api
from rest_facade.catalog.mapping import (
    category,
    product_catalog,
    product_offering,
    product_offering_price,
    product_specification,
)
from rest_facade.feasibility import api as feasibility_api
from rest_facade.notification import audiences
from rest_facade.notification.envelopes import RenderedEvent, render
from rest_facade.notification.event_names import (
    ATTRIBUTES_CHANGED,
    CREATED,
    DELETED,
    STATE_CHANGED,
    TABLES,
    Kind,
    listener_path,
)
from rest_facade.ordering import api as ordering_api
from rest_facade.ordering.mapping import order
from rest_facade.qualification import api as qualification_api
from rest_facade.tmf_values import Hrefs

BASE_URL = "https://api.example.com/"
ES = event_pb2.EventSource
SUFFIXES = {
    CREATED: "CreateEvent",
    ATTRIBUTES_CHANGED: "AttributeValueChangeEvent",
    STATE_CHANGED: "StateChangeEvent",
    DELETED: "DeleteEvent",
}


def at(text: str) -> Timestamp:
    stamp = Timestamp()
    stamp.FromJsonString(text)
    return stamp


def _catalog_entity(from_tmf: Callable[[Mapping[str, Any]], Message], **document: Any) -> Message:
    entity = from_tmf(document)
    entity.update_time.CopyFrom(at("2026-03-01T09:00:00Z"))  # type: ignore[attr-defined]
    return entity


def _order() -> order_pb2.ProductOrder:
    body = {
        "@type": "ProductOrder",
        "description": "new line",
        "relatedParty": [
            {
                "@type": "RelatedPartyRefOrPartyRoleRef",
                "role": "customer",
                "partyOrPartyRole": {"@type": "PartyRef", "id": "cust-1", "name": "Ann"},
            }
        ],
        "channel": [{"@type": "RelatedChannel", "channel": {"@type": "ChannelRef", "id": "web"}}],
        "productOrderItem": [
            {
                "@type": "ProductOrderItem",
                "id": "1",
                "action": "add",
                "quantity": 1,
                "productOffering": {"@type": "ProductOfferingRef", "id": "fibre-1000"},
                "product": {
                    "@type": "Product",
                    "productCharacteristic": [
                        {"@type": "NumberCharacteristic", "name": "speed", "value": 1000}
                    ],
                },
            }
        ],
    }
    placed = order_pb2.ProductOrder()
    placed.CopyFrom(order.create_request_from_tmf(body, "").order)
    placed.id, placed.state = "o-1", order_pb2.ORDER_STATE_COMPLETED
    placed.create_time.CopyFrom(at("2026-03-01T09:00:00Z"))
    return placed


def _eligibility_check() -> qualification_check_pb2.EligibilityCheck:
    q = qualification_check_pb2
    return q.EligibilityCheck(
        id="poq-1",
        party_id="cust-1",
        channel="web",
        items=[q.CheckItem(id="1", offering_id="fibre-1000", action=q.ITEM_ACTION_ADD)],
        state=q.CHECK_STATE_DONE,
        outcome=q.OUTCOME_QUALIFIED,
        results=[q.ItemResult(item_id="1", outcome=q.OUTCOME_QUALIFIED)],
        create_time=at("2026-03-01T09:00:00Z"),
        judge_time=at("2026-03-01T09:00:01Z"),
        expire_time=at("2026-03-02T09:00:00Z"),
    )


def _eligibility_query() -> qualification_query_pb2.EligibilityQuery:
    q = qualification_check_pb2
    return qualification_query_pb2.EligibilityQuery(
        id="poq-q-1",
        party_id="cust-1",
        category_id="broadband",
        state=q.CHECK_STATE_DONE,
        offerings=[q.EligibleOffering(offering_id="fibre-1000", name="Fibre 1000")],
        create_time=at("2026-03-01T09:00:00Z"),
        judge_time=at("2026-03-01T09:00:01Z"),
    )


def _feasibility_check() -> feasibility_check_pb2.FeasibilityCheck:
    f = feasibility_check_pb2
    return f.FeasibilityCheck(
        id="sq-1",
        party_id="cust-1",
        state=f.CHECK_STATE_DONE,
        outcome=f.FEASIBILITY_QUALIFIED,
        items=[
            f.ServiceItem(
                id="1",
                place=f.PlaceSelector(address_id="addr-1"),
                product_specification_id="spec-fibre",
            )
        ],
        results=[
            f.ServiceResult(
                item_id="1",
                outcome=f.FEASIBILITY_QUALIFIED,
                address_id="addr-1",
                technology="FTTH",
            )
        ],
        create_time=at("2026-03-01T09:00:00Z"),
        judge_time=at("2026-03-01T09:00:01Z"),
    )


def _availability_query() -> feasibility_query_pb2.AvailabilityQuery:
    f = feasibility_check_pb2
    return feasibility_query_pb2.AvailabilityQuery(
        id="sq-q-1",
        place=f.PlaceSelector(address_id="addr-1"),
        state=f.CHECK_STATE_ACCEPTED,
        address=network_pb2.Address(id="addr-1"),
        create_time=at("2026-03-01T09:00:00Z"),
    )


# Message full name -> a representative resource of that kind.
SAMPLES: dict[str, Callable[[], Message]] = {
    "ordercapture.catalog.v1.Catalog": lambda: _catalog_entity(
        product_catalog.from_tmf,
        id="cat-1",
        name="Main",
        catalogType="retail",
        lifecycleStatus="Active",
        category=[{"id": "c-1"}],
    ),
    "ordercapture.catalog.v1.Category": lambda: _catalog_entity(
        category.from_tmf, id="c-1", name="Fibre", lifecycleStatus="Active", parent={"id": "c-0"}
    ),
    "ordercapture.catalog.v1.ProductSpecification": lambda: _catalog_entity(
        product_specification.from_tmf, id="spec-fibre", name="Fibre", brand="Acme"
    ),
    "ordercapture.catalog.v1.Offering": lambda: _catalog_entity(
        product_offering.from_tmf,
        id="fibre-1000",
        name="Fibre 1000",
        lifecycleStatus="Launched",
        productSpecification={"id": "spec-fibre"},
        productOfferingPrice=[{"id": "price-1"}],
    ),
    "ordercapture.catalog.v1.OfferingPrice": lambda: _catalog_entity(
        product_offering_price.from_tmf,
        id="price-1",
        name="Monthly",
        priceType="recurring",
        price={"unit": "EUR", "value": Decimal("29.90")},
        recurringChargePeriodType="month",
    ),
    "ordercapture.catalog.v1.ImportJob": lambda: import_pb2.ImportJob(
        id="job-1",
        source_url="catalog.json",
        state=import_pb2.IMPORT_JOB_STATE_SUCCEEDED,
        create_time=at("2026-03-01T09:00:00Z"),
        completion_time=at("2026-03-01T09:00:05Z"),
    ),
    "ordercapture.qualification.v1.EligibilityCheck": _eligibility_check,
    "ordercapture.qualification.v1.EligibilityQuery": _eligibility_query,
    "ordercapture.feasibility.v1.FeasibilityCheck": _feasibility_check,
    "ordercapture.feasibility.v1.AvailabilityQuery": _availability_query,
    "ordercapture.ordering.v1.ProductOrder": _order,
    "ordercapture.ordering.v1.CancellationRequest": lambda: cancellation_pb2.CancellationRequest(
        id="cancel-1",
        order_id="o-1",
        reason="moved",
        state=cancellation_pb2.CANCELLATION_STATE_DONE,
        create_time=at("2026-03-01T09:00:00Z"),
    ),
}


def event_of(
    resource: Message, kind: Kind, source: int, *, correlation_id: str = "corr-1"
) -> event_pb2.Event:
    packed = AnyMessage()
    packed.Pack(resource)
    event = event_pb2.Event(
        sequence=7,
        id="evt-1",
        source=source,  # type: ignore[arg-type]
        kind=kind,
        correlation_id=correlation_id,
        resource_id=str(getattr(resource, "id", "")),
        resource=packed,
    )
    event.time.CopyFrom(at("2026-03-01T09:00:02.500Z"))
    return event


def published() -> list[tuple[str, str, Kind, str]]:
    """(audience, message full name, kind, event type) of every event some API publishes."""
    return [
        (audience, message, kind, event_type)
        for audience, table in TABLES.items()
        for message, events in table.items()
        for kind, event_type in events.names.items()
    ]


def rendered(audience: str, message: str, kind: Kind) -> RenderedEvent | None:
    source = audiences.AUDIENCES[audience].source
    return render(event_of(SAMPLES[message](), kind, source), audience, BASE_URL)


@pytest.mark.parametrize(("audience", "message", "kind", "event_type"), published())
def test_every_published_event_renders_in_its_api_shape(
    audience: str, message: str, kind: Kind, event_type: str
) -> None:
    found = rendered(audience, message, kind)
    assert found is not None
    key = TABLES[audience][message].key
    assert found.event_type == event_type
    assert found.listener_path == f"listener/{key}{SUFFIXES[kind]}"
    body = found.body
    assert json.loads(json.dumps(body)) == body  # plain JSON: the relay sends it as is
    assert (body["eventId"], body["eventType"]) == ("evt-1", event_type)
    assert body["eventTime"] == "2026-03-01T09:00:02.500Z"
    assert body["correlationId"] == "corr-1"
    assert list(body["event"]) == [key]
    resource = body["event"][key]
    api_root = f"https://api.example.com/tmf-api/{audience}"
    assert resource["href"].startswith(f"{api_root}/{key}/")
    assert resource["id"] == resource["href"].rsplit("/", 1)[-1]
    assert resource["@type"][:1].lower() + resource["@type"][1:] == key
    if audiences.AUDIENCES[audience].tmf_version >= 5:
        assert body["@type"] == event_type
    else:
        assert "@type" not in body


def test_names_follow_the_resource_key_and_the_change_kind() -> None:
    for table in TABLES.values():
        for events in table.values():
            for kind, event_type in events.names.items():
                assert event_type == events.key[:1].upper() + events.key[1:] + SUFFIXES[kind]


@pytest.mark.parametrize(
    ("audience", "message", "kind"),
    [
        (audiences.PRODUCT_CATALOG_V5, "ordercapture.catalog.v1.ImportJob", ATTRIBUTES_CHANGED),
        (audiences.PRODUCT_CATALOG_V5, "ordercapture.catalog.v1.ImportJob", DELETED),
        (
            audiences.SERVICE_QUALIFICATION_V4,
            "ordercapture.feasibility.v1.AvailabilityQuery",
            ATTRIBUTES_CHANGED,
        ),
        (
            audiences.PRODUCT_ORDERING_V5,
            "ordercapture.ordering.v1.CancellationRequest",
            ATTRIBUTES_CHANGED,
        ),
        (audiences.PRODUCT_ORDERING_V5, "ordercapture.ordering.v1.CancellationRequest", DELETED),
        (
            audiences.PRODUCT_ORDERING_V5,
            "ordercapture.ordering.v1.ProductOrder",
            event_pb2.CHANGE_KIND_UNSPECIFIED,
        ),
    ],
)
def test_a_change_the_api_has_no_event_for_renders_nothing(
    audience: str, message: str, kind: Kind
) -> None:
    assert rendered(audience, message, kind) is None


def test_an_event_of_another_context_renders_nothing() -> None:
    catalog_event = event_of(
        SAMPLES["ordercapture.catalog.v1.Catalog"](), CREATED, ES.EVENT_SOURCE_CATALOG
    )
    assert render(catalog_event, audiences.PRODUCT_ORDERING_V5, BASE_URL) is None
    # A resource of another context under this context's source has no entry either.
    misplaced = event_of(_order(), CREATED, ES.EVENT_SOURCE_CATALOG)
    assert render(misplaced, audiences.PRODUCT_CATALOG_V5, BASE_URL) is None


def test_an_order_state_change_carries_the_order_as_a_get_returns_it() -> None:
    found = render(
        event_of(_order(), STATE_CHANGED, ES.EVENT_SOURCE_ORDERING),
        audiences.PRODUCT_ORDERING_V5,
        "http://proxy.local/root",
    )
    assert found is not None
    assert found.listener_path == "listener/productOrderStateChangeEvent"
    expected = order.order_to_tmf(
        _order(), Hrefs("http://proxy.local/root/tmf-api/productOrderingManagement/v5")
    )
    assert found.body["event"]["productOrder"] == expected
    assert found.body["event"]["productOrder"]["state"] == "completed"


def test_the_envelope_of_tmf645_v4_has_no_type_and_no_empty_correlation_id() -> None:
    event = event_of(_feasibility_check(), DELETED, ES.EVENT_SOURCE_FEASIBILITY, correlation_id="")
    found = render(event, audiences.SERVICE_QUALIFICATION_V4, BASE_URL)
    assert found is not None
    assert found.event_type == "CheckServiceQualificationDeleteEvent"
    assert found.listener_path == "listener/checkServiceQualificationDeleteEvent"
    assert set(found.body) == {"eventId", "eventTime", "eventType", "event"}


def test_an_unknown_audience_or_a_resource_that_does_not_unpack_is_an_error() -> None:
    event = event_of(_order(), CREATED, ES.EVENT_SOURCE_ORDERING)
    with pytest.raises(ValueError, match="audience"):
        render(event, "productOrderingManagement/v4", BASE_URL)
    event.resource.value = b"\xff\xff"
    with pytest.raises(DecodeError):
        render(event, audiences.PRODUCT_ORDERING_V5, BASE_URL)


def test_listener_paths_lower_the_first_letter() -> None:
    assert listener_path("ProductOrderStateChangeEvent") == "listener/productOrderStateChangeEvent"


def test_audiences_are_the_served_api_roots() -> None:
    roots = {
        audiences.PRODUCT_CATALOG_V5: catalog_api.BASE_PATH,
        audiences.PRODUCT_OFFERING_QUALIFICATION_V5: qualification_api.BASE_PATH,
        audiences.SERVICE_QUALIFICATION_V4: feasibility_api.BASE_PATH,
        audiences.PRODUCT_ORDERING_V5: ordering_api.BASE_PATH,
    }
    assert {name: a.api_root for name, a in audiences.AUDIENCES.items()} == roots
    assert set(TABLES) == set(audiences.AUDIENCES)
    sources = {a.source for a in audiences.AUDIENCES.values()}
    assert sources == set(ES.values()) - {ES.EVENT_SOURCE_UNSPECIFIED}


def test_every_message_of_a_table_has_a_sample() -> None:
    assert {message for table in TABLES.values() for message in table} == set(SAMPLES)
