"""What may change on a draft and after submission; what may be deleted."""

from __future__ import annotations

from datetime import timedelta

import pytest

from domain.ordering.changes import (
    DRAFT_FIELDS,
    SUBMITTED_FIELDS,
    apply_changes,
    require_deletable,
)
from domain.ordering.errors import FieldNotUpdatable, OrderNotDeletable, OrderNotUpdatable
from domain.ordering.model import ExternalId, Note, OrderState, PartyRef
from domain.shared.errors import ErrorCategory
from tests.unit.ordering.builders import content, item, order
from tests.unit.ordering.fakes import NOW

S = OrderState
LATER = NOW + timedelta(hours=1)
NEW = content(
    item("9", "off-tv"),
    parties=(PartyRef("cust-2", "customer"),),
    channel="shop",
    description="new",
    notes=(Note(text="call first"),),
    external_ids=(ExternalId("crm-1", "crm"),),
    requested_start_time=LATER,
    priority="1",
)


def test_a_draft_changes_anything_the_channel_writes() -> None:
    changed = apply_changes(order(S.DRAFT), frozenset(), NEW, LATER)
    assert changed.content.items == NEW.items
    assert changed.content.channel == "shop"
    assert changed.content.notes == (Note(text="call first", create_time=LATER),)
    assert changed.update_time == LATER
    assert changed.state is S.DRAFT


def test_only_the_named_fields_change() -> None:
    changed = apply_changes(order(S.DRAFT), frozenset({"description"}), NEW, LATER)
    assert changed.content.description == "new"
    assert changed.content.channel == "web"


def test_a_submitted_order_changes_only_some_fields() -> None:
    changed = apply_changes(order(S.ACKNOWLEDGED), frozenset(), NEW, LATER)
    assert changed.content.description == "new"
    assert changed.content.external_ids == NEW.external_ids
    assert changed.content.requested_start_time == LATER
    assert changed.content.channel == "web"
    assert changed.content.items == order().content.items
    assert SUBMITTED_FIELDS < DRAFT_FIELDS


@pytest.mark.parametrize("field", sorted(DRAFT_FIELDS - SUBMITTED_FIELDS))
def test_other_fields_are_fixed_once_submitted(field: str) -> None:
    with pytest.raises(FieldNotUpdatable) as refused:
        apply_changes(order(S.ACKNOWLEDGED), frozenset({field, "description"}), NEW, LATER)
    assert refused.value.reason == "FIELD_NOT_UPDATABLE"
    assert refused.value.category is ErrorCategory.INVALID
    assert [v.field for v in refused.value.violations] == [field]
    assert "fixed once the order is submitted" in refused.value.violations[0].description


@pytest.mark.parametrize(
    "field", ["state", "id", "create_time", "correlation_id", "cancellation_reason"]
)
def test_output_only_fields_never_change(field: str) -> None:
    with pytest.raises(FieldNotUpdatable, match=field) as refused:
        apply_changes(order(S.DRAFT), frozenset({field}), NEW, LATER)
    assert "output only" in refused.value.violations[0].description


def test_unknown_fields_are_named() -> None:
    with pytest.raises(FieldNotUpdatable) as refused:
        apply_changes(order(S.DRAFT), frozenset({"colour"}), NEW, LATER)
    assert refused.value.violations[0].description == "not a field of an order"


@pytest.mark.parametrize(
    "state", [s for s in OrderState if s not in (S.DRAFT, S.ACKNOWLEDGED)], ids=lambda s: s.value
)
def test_an_order_taken_over_does_not_change(state: OrderState) -> None:
    with pytest.raises(OrderNotUpdatable) as refused:
        apply_changes(order(state), frozenset({"description"}), NEW, LATER)
    assert refused.value.category is ErrorCategory.CONFLICT


DELETABLE = {S.DRAFT, S.COMPLETED, S.FAILED, S.PARTIAL, S.CANCELLED, S.REJECTED}


@pytest.mark.parametrize("state", list(OrderState), ids=lambda s: s.value)
def test_drafts_and_final_orders_may_be_deleted(state: OrderState) -> None:
    if state in DELETABLE:
        require_deletable(order(state))
        return
    with pytest.raises(OrderNotDeletable) as refused:
        require_deletable(order(state))
    assert refused.value.reason == "ORDER_NOT_DELETABLE"
    assert refused.value.category is ErrorCategory.CONFLICT
