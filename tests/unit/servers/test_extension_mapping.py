"""Extensions (attributes a channel sent that the product keeps without interpreting them)
through the tier's mappings: Struct <-> canonical JSON text, and every resource that keeps them
(orders, cancellations, eligibility checks and queries, feasibility checks and availability
queries) from its request to the domain, into its stored form and back to its message, with
nothing lost."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

from google.protobuf import json_format, struct_pb2

from domain.feasibility.checks import FeasibilityCheck, Place
from domain.feasibility.queries import AvailabilityQuery
from domain.ordering import model
from domain.ordering.cancellation import Cancellation, CancellationState
from domain.qualification.checks import CheckState, EligibilityCheck
from domain.qualification.offering_queries import EligibilityQuery, SearchCriteria
from ordercapture.feasibility.v1 import check_pb2 as feasibility_check_pb2
from ordercapture.feasibility.v1 import feasibility_service_pb2 as fs
from ordercapture.ordering.v1 import order_pb2
from ordercapture.qualification.v1 import check_pb2
from ordercapture.qualification.v1 import eligibility_service_pb2 as es
from servers.extensions import extension_from, extension_to
from servers.feasibility.mapping.checks import check_request_from as feasibility_request_from
from servers.feasibility.mapping.checks import check_to as feasibility_check_to
from servers.feasibility.mapping.queries import query_to as availability_query_to
from servers.ordering.mapping.cancellations import cancellation_to
from servers.ordering.mapping.orders import content_from, order_to
from servers.persistence.ordering_documents import (
    cancellation_document,
    cancellation_from,
    order_document,
    order_from,
)
from servers.persistence.qualification_mapping import (
    check_from_row,
    check_row,
    query_from_row,
    query_row,
)
from servers.qualification.mapping.checks import check_request_from, check_to
from servers.qualification.mapping.queries import query_to

AT = datetime(2026, 11, 1, 9, 30, tzinfo=UTC)
KEPT: dict[str, Any] = {
    "@type": "MyResource",
    "@schemaLocation": "https://example.com/my.json",
    "colour": "red",
    "tier": 3,
    "nested": {"list": [1, "a", True, None], "empty": {}},
}


def struct() -> struct_pb2.Struct:
    message = struct_pb2.Struct()
    message.update(KEPT)
    return message


def canonical() -> str:
    return extension_from(struct())


def test_a_struct_becomes_canonical_text_and_comes_back_whole() -> None:
    text = canonical()
    assert text == json.dumps(json.loads(text), separators=(",", ":"), sort_keys=True)
    assert json.loads(text)["nested"] == {"list": [1, "a", True, None], "empty": {}}
    assert extension_to(text) == struct()
    shuffled = struct_pb2.Struct()
    shuffled.update(dict(reversed(list(KEPT.items()))))
    assert extension_from(shuffled) == text


def test_no_extension_is_an_empty_object() -> None:
    assert extension_from(struct_pb2.Struct()) == "{}"
    assert extension_to("{}") is None
    assert extension_to("") is None


def test_an_order_keeps_its_extension_to_the_stored_document_and_back() -> None:
    message = order_pb2.ProductOrder(items=[order_pb2.OrderItem(id="1", offering_id="o")])
    message.extension.CopyFrom(struct())
    content = content_from(message)
    assert content.extension == canonical()
    order = model.ProductOrder(
        id="o-1", content=content, state=model.OrderState.DRAFT, create_time=AT, update_time=AT
    )
    assert order_from(order_document(order)) == order
    assert order_to(order).extension == struct()


def test_an_order_stored_before_extensions_reads_with_none() -> None:
    order = model.ProductOrder(
        id="o-1",
        content=model.OrderContent(),
        state=model.OrderState.DRAFT,
        create_time=AT,
        update_time=AT,
    )
    stored = json.loads(order_document(order))
    del stored["content"]["extension"]
    read = order_from(json.dumps(stored))
    assert read.content.extension == "{}"
    assert not order_to(read).HasField("extension")


def test_a_cancellation_keeps_its_extension() -> None:
    task = Cancellation(
        id="k-1",
        order_id="o-1",
        state=CancellationState.ACKNOWLEDGED,
        create_time=AT,
        extension=canonical(),
    )
    assert cancellation_from(cancellation_document(task)) == task
    assert cancellation_to(task).extension == struct()


def test_an_eligibility_check_keeps_its_extension_through_its_row() -> None:
    request = es.CheckEligibilityRequest(
        party_id="p", channel="web", items=[check_pb2.CheckItem(id="1", offering_id="o")]
    )
    request.extension.CopyFrom(struct())
    asked = check_request_from(request)
    assert asked.extension == canonical()
    check = EligibilityCheck(
        id="c-1",
        party_id="p",
        channel="web",
        place_id="",
        verdicts=(),
        create_time=AT,
        expire_time=AT + timedelta(hours=1),
        state=CheckState.ACKNOWLEDGED,
        extension=asked.extension,
    )
    row = check_row(check)
    assert row.extension == canonical()
    assert check_from_row(row) == check
    assert check_to(check).extension == struct()


def test_an_eligibility_query_keeps_its_extension_through_its_row() -> None:
    query = EligibilityQuery(
        id="q-1",
        criteria=SearchCriteria(party_id="p", channel="web"),
        create_time=AT,
        expire_time=AT + timedelta(hours=1),
        extension=canonical(),
    )
    assert query_from_row(query_row(query)) == query
    assert query_to(query).extension == struct()


def test_feasibility_checks_and_queries_keep_their_extension() -> None:
    request = fs.CheckFeasibilityRequest(
        items=[
            feasibility_check_pb2.ServiceItem(
                id="1", place=feasibility_check_pb2.PlaceSelector(address_id="a")
            )
        ]
    )
    request.extension.CopyFrom(struct())
    asked = feasibility_request_from(request)
    assert asked.extension == canonical()
    check = FeasibilityCheck(id="f-1", items=asked.items, create_time=AT, extension=canonical())
    assert json_format.MessageToDict(feasibility_check_to(check).extension) == json.loads(
        canonical()
    )
    query = AvailabilityQuery(
        id="a-1", place=Place(address_id="a"), create_time=AT, extension=canonical()
    )
    assert availability_query_to(query).extension == struct()
