"""Extension attributes in the TMF622/679/645 mappings: what a create body keeps, what a merge
patch does to the kept attributes, and the round trip create body -> message -> representation
for every resource that keeps them."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from google.protobuf import json_format, struct_pb2

from ordercapture.feasibility.v1 import check_pb2 as feasibility_check_pb2
from ordercapture.feasibility.v1 import query_pb2 as feasibility_query_pb2
from ordercapture.ordering.v1 import cancellation_pb2, order_pb2
from ordercapture.qualification.v1 import check_pb2, query_pb2
from rest_facade.errors import TmfError
from rest_facade.extension_changes import kept, patched
from rest_facade.feasibility.mapping import check as feasibility_check
from rest_facade.feasibility.mapping import query as feasibility_query
from rest_facade.ordering.mapping import cancellation, order
from rest_facade.qualification.mapping import check, notes, query
from rest_facade.tmf_values import Hrefs

HREFS = Hrefs("http://testserver/base")
SUBTYPE: dict[str, Any] = {
    "@type": "MyThing",
    "@baseType": "Thing",
    "@schemaLocation": "https://example.com/thing.json",
    "colour": "red",
    "tier": Decimal("3"),
    "ratio": Decimal("0.5"),
    "nested": {"list": [Decimal("1"), "a"], "flag": True},
}
GIVEN_BACK = {**SUBTYPE, "tier": 3, "ratio": 0.5, "nested": {"list": [1, "a"], "flag": True}}


def as_dict(extension: struct_pb2.Struct | None) -> dict[str, Any]:
    return {} if extension is None else json_format.MessageToDict(extension)


def test_kept_takes_what_is_not_modelled_and_leaves_the_rest() -> None:
    known, extension = kept(
        {"a": 1, "id": "x", **SUBTYPE}, modelled={"a"}, refused={"id"}, own_type="Thing"
    )
    assert known == {"a": 1, "id": "x"}
    assert as_dict(extension) == {
        **GIVEN_BACK,
        "tier": 3.0,
        "nested": {"list": [1.0, "a"], "flag": True},
    }


def test_the_own_type_alone_is_nothing_kept() -> None:
    assert kept({"@type": "Thing", "a": 1}, {"a"}, (), "Thing") == ({"a": 1}, None)
    _, extension = kept({"@type": "Other"}, (), (), "Thing")
    assert as_dict(extension) == {"@type": "Other"}


def test_too_much_is_refused() -> None:
    with pytest.raises(TmfError) as raised:
        kept({"blob": "x" * (65 * 1024)}, (), (), "Thing")
    assert raised.value.code == "EXTENSION_TOO_LARGE"


def test_a_merge_patch_changes_adds_and_removes_kept_attributes() -> None:
    _, current = kept({"colour": "red", "size": "S", "deep": {"a": 1, "b": 2}}, (), (), "T")
    assert current is not None
    after = patched(
        current,
        {"colour": "blue", "size": None, "new": 1, "deep": {"a": None}, "name": "modelled"},
        modelled={"name"},
        refused=(),
        own_type="T",
    )
    assert as_dict(after) == {"colour": "blue", "new": 1, "deep": {"b": 2}}


def test_a_patch_that_changes_nothing_kept_is_none() -> None:
    _, current = kept({"@type": "Mine", "colour": "red"}, (), (), "T")
    assert current is not None
    assert patched(current, {"name": "x"}, {"name"}, (), "T") is None
    assert patched(current, {"@type": "Mine", "colour": "red"}, (), (), "T") is None
    assert patched(current, {"@type": "T", "@schemaLocation": None}, (), (), "T") is None


def test_an_order_round_trips_its_extension() -> None:
    body = {
        "productOrderItem": [{"id": "1", "action": "add", "productOffering": {"id": "o"}}],
        **SUBTYPE,
    }
    request = order.create_request_from_tmf(body, "key")
    stored = order_pb2.ProductOrder(id="o-1", extension=request.order.extension)
    document = order.order_to_tmf(stored, HREFS)
    assert {name: document[name] for name in GIVEN_BACK} == GIVEN_BACK
    plain = order.order_to_tmf(order_pb2.ProductOrder(id="o-2"), HREFS)
    assert plain["@type"] == "ProductOrder"
    own = {"productOrderItem": body["productOrderItem"], "@type": "ProductOrder"}
    assert not order.create_request_from_tmf(own, "k").order.HasField("extension")


def test_a_cancellation_round_trips_its_extension() -> None:
    request = cancellation.create_request_from_tmf({"productOrder": {"id": "o"}, **SUBTYPE}, "")
    task = cancellation_pb2.CancellationRequest(id="k", order_id="o", extension=request.extension)
    document = cancellation.cancellation_to_tmf(task, HREFS)
    assert {name: document[name] for name in GIVEN_BACK} == GIVEN_BACK


def test_qualification_checks_give_the_channels_notes_before_the_tiers() -> None:
    note = {"@type": "Note", "id": "n", "text": "mine"}
    body = {
        "checkProductOfferingQualificationItem": [{"productOffering": {"id": "o"}}],
        "note": [note],
        **SUBTYPE,
    }
    request = check.check_request_from_tmf(body, asynchronous=False)
    stored = check_pb2.EligibilityCheck(
        id="c", customer_is_prospect=True, extension=request.extension
    )
    document = check.check_to_tmf(stored, HREFS)
    assert {name: document[name] for name in GIVEN_BACK} == GIVEN_BACK
    assert document["note"] == [note, notes.prospect_note()]
    assert notes.without_said({"note": document["note"]}, notes.of_check(stored)) == {
        "note": [note]
    }


def test_qualification_queries_round_trip_their_extension() -> None:
    request = query.query_request_from_tmf({**SUBTYPE}, asynchronous=False)
    stored = query_pb2.EligibilityQuery(id="q", extension=request.extension)
    document = query.query_to_tmf(stored, HREFS)
    assert {name: document[name] for name in GIVEN_BACK} == GIVEN_BACK


def test_service_qualifications_round_trip_their_extension() -> None:
    item = {"service": {"place": [{"id": "a", "role": "installationAddress"}]}}
    request = feasibility_check.create_request_from_tmf(
        {"serviceQualificationItem": [item], **SUBTYPE}
    )
    stored = feasibility_check_pb2.FeasibilityCheck(id="f", extension=request.extension)
    document = feasibility_check.check_to_tmf(stored, HREFS)
    assert {name: document[name] for name in GIVEN_BACK} == GIVEN_BACK
    asked = feasibility_query.create_request_from_tmf(
        {"searchCriteria": {"service": {"place": [{"id": "a"}]}}, **SUBTYPE}
    )
    answered = feasibility_query_pb2.AvailabilityQuery(id="q", extension=asked.extension)
    document = feasibility_query.query_to_tmf(answered, HREFS)
    assert {name: document[name] for name in GIVEN_BACK} == GIVEN_BACK
