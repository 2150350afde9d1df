"""Structural and party rules, each with its code, and several at once."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

import pytest

from domain.ordering.errors import InvalidOrder
from domain.ordering.model import (
    ItemAction,
    ItemRelationship,
    OrderContent,
    OrderItem,
    PartyRef,
    PlaceRef,
)
from domain.ordering.parties import party_violations
from domain.ordering.structure import structure_violations
from domain.ordering.validation import require_valid_draft
from domain.ordering.violations import OrderViolation
from domain.shared.errors import ErrorCategory
from tests.unit.ordering.builders import CUSTOMER, content, item, modify
from tests.unit.ordering.fakes import NOW


def codes(found: Sequence[OrderViolation]) -> list[tuple[str, str]]:
    return [(v.code, v.item_id) for v in found]


@pytest.mark.parametrize(
    ("bad", "code"),
    [
        (item(""), "ITEM_ID_MISSING"),
        (item("1", action=None), "ACTION_MISSING"),
        (item("1", quantity=0), "QUANTITY_INVALID"),
        (item("1", ""), "OFFERING_REQUIRED"),
        (OrderItem(id="1", action=ItemAction.MODIFY, offering_id="o"), "PRODUCT_REQUIRED"),
        (OrderItem(id="1", action=ItemAction.DELETE), "PRODUCT_REQUIRED"),
        (OrderItem(id="1", action=ItemAction.NO_CHANGE), "PRODUCT_REQUIRED"),
        (item("1", places=(PlaceRef(" ", "installationAddress"),)), "PLACE_ID_MISSING"),
        (
            item("1", relationships=(ItemRelationship("9", "reliesOn"),)),
            "RELATIONSHIP_TARGET_UNKNOWN",
        ),
        (item("1", relationships=(ItemRelationship("1", "reliesOn"),)), "RELATIONSHIP_TO_ITSELF"),
    ],
)
def test_each_item_rule_has_its_code(bad: OrderItem, code: str) -> None:
    assert [v.code for v in structure_violations(content(bad))] == [code]


def test_well_formed_items_pass() -> None:
    good = content(
        item("1", relationships=(ItemRelationship("2", "reliesOn"),)),
        modify("2", items=(item("2.1", relationships=(ItemRelationship("1", "bundledWith"),)),)),
        OrderItem(id="3", action=ItemAction.DELETE, product_id="prod-9"),
    )
    assert structure_violations(good) == []


def test_duplicate_ids_are_found_in_nested_items() -> None:
    found = structure_violations(content(item("1"), item("2", items=(item("1"),))))
    assert codes(found) == [("ITEM_ID_DUPLICATE", "1")]
    assert found[0].path == "items[1].id"


def test_an_order_needs_items_priority_and_coherent_dates() -> None:
    found = structure_violations(
        OrderContent(
            priority="7",
            requested_start_time=NOW,
            requested_completion_time=NOW - timedelta(days=1),
        )
    )
    assert [v.code for v in found] == [
        "ITEMS_MISSING",
        "PRIORITY_INVALID",
        "REQUESTED_DATES_INVERTED",
    ]


def test_every_structural_problem_is_reported_at_once() -> None:
    with pytest.raises(InvalidOrder) as refused:
        require_valid_draft(
            content(
                item("1", "", quantity=-2), item("1", relationships=(ItemRelationship("x", "r"),))
            )
        )
    error = refused.value
    assert codes(list(error.problems)) == [
        ("QUANTITY_INVALID", "1"),
        ("OFFERING_REQUIRED", "1"),
        ("RELATIONSHIP_TARGET_UNKNOWN", "1"),
        ("ITEM_ID_DUPLICATE", "1"),
    ]
    assert error.reason == "INVALID_ORDER"
    assert error.category is ErrorCategory.RULE_VIOLATED
    assert error.violations[0].field == "items[1].quantity"
    assert error.violations[0].description.startswith("QUANTITY_INVALID: ")
    assert (
        error.metadata["codes"]
        == "ITEM_ID_DUPLICATE,OFFERING_REQUIRED,QUANTITY_INVALID,RELATIONSHIP_TARGET_UNKNOWN"
    )


@pytest.mark.parametrize(
    ("parties", "code"),
    [
        ((), "CUSTOMER_MISSING"),
        ((PartyRef("s-1", "seller"),), "CUSTOMER_MISSING"),
        ((PartyRef("", "customer"),), "CUSTOMER_MISSING"),
        ((CUSTOMER, PartyRef("cust-2", "customer")), "CUSTOMER_AMBIGUOUS"),
    ],
)
def test_a_submitted_order_names_exactly_one_customer(
    parties: tuple[PartyRef, ...], code: str
) -> None:
    found = party_violations(content(parties=parties))
    assert [(v.code, v.path) for v in found] == [(code, "parties")]


def test_one_customer_and_other_parties_pass() -> None:
    parties = (CUSTOMER, PartyRef("s-1", "seller"), CUSTOMER)
    assert party_violations(content(parties=parties)) == []
