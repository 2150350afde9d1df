"""A product order's life over a real gRPC tier seeded with the demo data: a draft changed by
merge patch and JSON Patch then submitted by `state: acknowledged`, what a submitted order may
still change, delete, and cancelProductOrder. Every response is held to the official TMF622
v5 schemas by the client."""

from __future__ import annotations

from tests.integration.rest.harness import GrpcTier, unique
from tests.integration.rest.tmf622 import (
    JSON_PATCH,
    Tmf622,
    api_fixture,  # noqa: F401 - the fixture named "api"
    cancel_body,
    complete,
    item,
    order_body,
    tier_fixture,  # noqa: F401 - the fixture named "tier"
)


def draft(api: Tmf622) -> dict[str, object]:
    document = api.created(order_body(requestedInitialState="draft"))
    assert document["state"] == "draft"
    return document


def test_a_draft_is_patched_then_submitted(api: Tmf622) -> None:
    order_id = str(draft(api)["id"])
    merged = api.patch(order_id, {"description": "first", "priority": "1"})
    assert merged.status_code == 200, merged.text
    assert (merged.json()["description"], merged.json()["priority"]) == ("first", "1")
    operations = [
        {"op": "replace", "path": "/description", "value": "second"},
        {"op": "remove", "path": "/priority"},
        {"op": "add", "path": "/productOrderItem/-", "value": item("2")},
        {"op": "add", "path": "/category", "value": "B2C product order"},
    ]
    patched = api.patch(order_id, operations, media_type=JSON_PATCH)
    assert patched.status_code == 200, patched.text
    document = patched.json()
    assert document["description"] == "second"
    assert "priority" not in document
    assert [i["id"] for i in document["productOrderItem"]] == ["1", "2"]
    assert document["state"] == "draft"
    plain = api.patch(order_id, {"category": "B2B"}, media_type="application/json")
    assert plain.json()["category"] == "B2B"
    submitted = api.patch(order_id, {"state": "acknowledged", "description": "final"})
    assert submitted.status_code == 200, submitted.text
    assert submitted.json()["state"] == "acknowledged"
    assert submitted.json()["description"] == "final"
    assert [i["state"] for i in submitted.json()["productOrderItem"]] == ["acknowledged"] * 2
    assert api.retrieve(order_id).json()["state"] == "acknowledged"


def test_submitting_an_invalid_draft_lists_every_violation(api: Tmf622) -> None:
    body = order_body(item("a", offering_id=unique("missing")), requestedInitialState="draft")
    order_id = api.created(body)["id"]
    response = api.patch(
        order_id, [{"op": "replace", "path": "/state", "value": "acknowledged"}], JSON_PATCH
    )
    assert response.status_code == 422, response.text
    assert response.json()["code"] == "INVALID_ORDER"
    assert "OFFERING_NOT_FOUND" in response.json()["message"]
    assert api.retrieve(order_id).json()["state"] == "draft"


def test_a_submitted_order_changes_only_what_the_service_allows(api: Tmf622) -> None:
    order_id = api.created(order_body())["id"]
    allowed = api.patch(
        order_id, {"description": "ring twice", "note": [{"@type": "Note", "text": "n"}]}
    )
    assert allowed.status_code == 200, allowed.text
    assert allowed.json()["description"] == "ring twice"
    frozen = api.patch(order_id, {"priority": "0"})
    assert frozen.status_code == 400, frozen.text
    assert frozen.json()["code"] == "FIELD_NOT_UPDATABLE"
    assert "priority" in frozen.json()["message"]
    items = api.patch(order_id, [{"op": "remove", "path": "/productOrderItem/0"}], JSON_PATCH)
    assert items.status_code == 400
    managed = api.patch(order_id, {"creationDate": "2020-01-01T00:00:00Z"})
    assert (managed.status_code, managed.json()["code"]) == (400, "ATTRIBUTE_NOT_PATCHABLE")
    backwards = api.patch(order_id, {"state": "draft"})
    assert backwards.status_code == 409
    assert backwards.json()["code"] == "ORDER_TRANSITION_NOT_ALLOWED"
    unchanged = api.patch(order_id, {"state": "acknowledged"})
    assert unchanged.status_code == 200


def test_an_order_taken_over_by_order_management_no_longer_changes(
    api: Tmf622, tier: GrpcTier
) -> None:
    order_id = api.created(order_body())["id"]
    complete(tier.target, order_id)
    response = api.patch(order_id, {"description": "late"})
    assert response.status_code == 409, response.text
    assert response.json()["code"] == "ORDER_NOT_UPDATABLE"


def test_a_json_patch_with_a_failed_test_or_a_bad_path_is_refused(api: Tmf622) -> None:
    order_id = str(draft(api)["id"])
    failed = api.patch(
        order_id, [{"op": "test", "path": "/state", "value": "completed"}], JSON_PATCH
    )
    assert (failed.status_code, failed.json()["code"]) == (409, "JSON_PATCH_TEST_FAILED")
    missing = api.patch(order_id, [{"op": "replace", "path": "/nothing", "value": 1}], JSON_PATCH)
    assert (missing.status_code, missing.json()["code"]) == (400, "INVALID_JSON_PATCH")
    malformed = api.patch(order_id, [{"op": "jump", "path": "/state"}], JSON_PATCH)
    assert malformed.status_code == 400
    create_only = api.patch(order_id, {"requestedInitialState": "draft"})
    assert (create_only.status_code, create_only.json()["code"]) == (
        400,
        "ATTRIBUTE_NOT_PATCHABLE",
    )


def test_a_draft_is_deleted_but_an_acknowledged_order_is_not(api: Tmf622) -> None:
    order_id = str(draft(api)["id"])
    deleted = api.delete(order_id)
    assert deleted.status_code == 204
    assert api.retrieve(order_id).status_code == 404
    assert api.delete(order_id).status_code == 404
    alive = api.created(order_body())["id"]
    refused = api.delete(alive)
    assert refused.status_code == 409
    assert refused.json()["code"] == "ORDER_NOT_DELETABLE"


def test_an_acknowledged_order_is_cancelled_at_once(api: Tmf622) -> None:
    order_id = api.created(order_body())["id"]
    response = api.cancel(cancel_body(order_id))
    assert response.status_code == 201, response.text
    task = response.json()
    assert response.headers["Location"] == task["href"]
    assert task["state"] == "done"
    assert task["productOrder"]["id"] == order_id
    assert task["cancellationReason"] == "changed my mind"
    assert "effectiveCancellationDate" in task
    cancelled = api.retrieve(order_id).json()
    assert cancelled["state"] == "cancelled"
    assert cancelled["cancellationReason"] == "changed my mind"
    assert "cancellationDate" in cancelled
    assert api.retrieve_cancellation(task["id"]).json() == task
    listed = api.list_cancellations(f"?productOrder.id={order_id}")
    assert [t["id"] for t in listed.json()] == [task["id"]]
    assert listed.headers["X-Total-Count"] == "1"
    done = api.list_cancellations(f"?productOrder.id={order_id}&state=done&fields=state")
    assert done.json()[0]["state"] == "done"
    again = api.cancel(cancel_body(order_id))
    assert (again.status_code, again.json()["code"]) == (409, "ORDER_NOT_CANCELLABLE")


def test_a_completed_order_cannot_be_cancelled(api: Tmf622, tier: GrpcTier) -> None:
    order_id = api.created(order_body())["id"]
    complete(tier.target, order_id)
    assert api.retrieve(order_id).json()["state"] == "completed"
    response = api.cancel(cancel_body(order_id))
    assert response.status_code == 409
    assert response.json()["code"] == "ORDER_NOT_CANCELLABLE"
    assert api.delete(order_id).status_code == 204  # a finished order may be removed


def test_a_cancellation_is_idempotent(api: Tmf622) -> None:
    order_id = api.created(order_body())["id"]
    key = {"Idempotency-Key": unique("cancel")}
    first = api.cancel(cancel_body(order_id), key)
    assert first.status_code == 201
    again = api.cancel(cancel_body(order_id), key)
    assert (again.status_code, again.json()) == (201, first.json())
    other = api.cancel(cancel_body(order_id, reason="other"), key)
    assert (other.status_code, other.json()["code"]) == (422, "IDEMPOTENCY_KEY_REUSED")


def test_cancellation_errors(api: Tmf622) -> None:
    assert api.cancel(cancel_body("no-such-order")).status_code == 404
    assert api.retrieve_cancellation("no-such-task").status_code == 404
    owned = api.cancel({**cancel_body("x"), "state": "done"})
    assert (owned.status_code, owned.json()["code"]) == (400, "ATTRIBUTE_NOT_SUPPORTED")
    assert api.cancel({"@type": "CancelProductOrder"}).status_code == 400
    assert api.request("DELETE", "/cancelProductOrder/x").status_code == 405
