"""Submission validation beyond structure: catalog, commercial and technical stages, each
policy, stored references (missing, unjudged, expired, other customer, other item), inline
checks, and every violation reported at once."""

from __future__ import annotations

from datetime import timedelta

import pytest

from domain.ordering.errors import InvalidOrder
from domain.ordering.model import ItemAction, ItemConfiguration, OrderContent, OrderItem, PartyRef
from domain.ordering.policy import QualificationPolicy, ValidationPolicy
from domain.ordering.ports import AnsweredItem, StoredCheck, Verdict
from domain.ordering.validation import OrderValidator
from tests.unit.ordering.builders import content, item, modify, placed, ref
from tests.unit.ordering.fakes import NOW, Catalog, Eligibility, Feasibility

INLINE = QualificationPolicy.INLINE
REQUIRED = QualificationPolicy.REFERENCE_REQUIRED
OFF = QualificationPolicy.OFF

CATALOG = {
    "off-mobile": (True, False),
    "off-fibre": (True, True),
    "off-retired": (False, False),
}


def eligible(check_id: str = "elig-1", *, party: str = "cust-1", **fields: object) -> StoredCheck:
    values: dict[str, object] = {
        "expire_time": NOW + timedelta(hours=1),
        "items": (AnsweredItem(item_id="q1", verdict=Verdict.QUALIFIED, offering_id="off-mobile"),),
        **fields,
    }
    return StoredCheck(check_id=check_id, party_id=party, **values)  # type: ignore[arg-type]


def feasible(check_id: str = "feas-1", **fields: object) -> StoredCheck:
    values: dict[str, object] = {
        "expire_time": NOW + timedelta(hours=1),
        "items": (AnsweredItem(item_id="q1", verdict=Verdict.QUALIFIED, place_id="addr-1"),),
        **fields,
    }
    return StoredCheck(check_id=check_id, **values)  # type: ignore[arg-type]


class World:
    def __init__(
        self,
        *,
        commercial: QualificationPolicy = INLINE,
        technical: QualificationPolicy = INLINE,
        eligibility: Eligibility | None = None,
        feasibility: Feasibility | None = None,
        bad_configurations: dict[str, str] | None = None,
    ) -> None:
        self.catalog = Catalog(CATALOG, bad_configurations)
        self.eligibility = eligibility or Eligibility()
        self.feasibility = feasibility or Feasibility()
        self.validator = OrderValidator(
            catalog=self.catalog,
            eligibility=self.eligibility,
            feasibility=self.feasibility,
            policy=ValidationPolicy(commercial, technical),
        )

    async def codes(self, order: OrderContent) -> list[tuple[str, str]]:
        return [(v.code, v.item_id) for v in await self.validator.violations(order, NOW)]


async def test_a_good_order_passes_inline() -> None:
    world = World()
    await world.validator.require_submittable(content(item("1"), placed("2")), NOW)
    assert world.eligibility.judged == [["1", "2"]]
    assert world.eligibility.customers == ["cust-1"]
    assert world.feasibility.judged == [["2"]]


async def test_catalog_objections_are_reported_per_item() -> None:
    world = World(bad_configurations={"speed=9": "CHARACTERISTIC_VALUE_NOT_ALLOWED"})
    order = content(
        item("1", "off-unknown"),
        item("2", "off-retired"),
        item("3", configuration=ItemConfiguration("speed=9")),
        item("4"),
    )
    assert await world.codes(order) == [
        ("OFFERING_NOT_FOUND", "1"),
        ("OFFERING_NOT_ORDERABLE", "2"),
        ("CHARACTERISTIC_VALUE_NOT_ALLOWED", "3"),
    ]
    # Items the catalog refused are not asked about again.
    assert world.eligibility.judged == [["4"]]


async def test_port_stages_wait_for_structure_and_parties() -> None:
    world = World()
    found = await world.codes(content(item("1", ""), parties=()))
    assert found == [("OFFERING_REQUIRED", "1"), ("CUSTOMER_MISSING", "")]
    assert world.catalog.reviewed == []
    assert world.eligibility.judged == []


async def test_several_violations_of_several_stages_at_once() -> None:
    world = World(
        eligibility=Eligibility(refused={"off-mobile"}), feasibility=Feasibility(refused={"addr-2"})
    )
    order = content(
        item("1"),
        item("2", "off-retired"),
        placed("3", address="addr-2"),
        item("4", "off-fibre"),
    )
    with pytest.raises(InvalidOrder) as refused:
        await world.validator.require_submittable(order, NOW)
    assert [(p.code, p.item_id) for p in refused.value.problems] == [
        ("OFFERING_NOT_ORDERABLE", "2"),
        ("ITEM_NOT_ELIGIBLE", "1"),
        ("INSTALLATION_PLACE_REQUIRED", "4"),
        ("ITEM_NOT_FEASIBLE", "3"),
    ]
    assert "refused by the fake" in refused.value.problems[1].message


async def test_items_that_keep_or_remove_a_product_need_no_qualification() -> None:
    world = World(commercial=REQUIRED, technical=REQUIRED)

    order = content(
        OrderItem(id="1", action=ItemAction.DELETE, product_id="p1", offering_id="off-fibre"),
        OrderItem(id="2", action=ItemAction.NO_CHANGE, product_id="p2"),
    )
    assert await world.codes(order) == []


# --- commercial policy ---


async def test_reference_required_refuses_items_without_a_reference() -> None:
    world = World(commercial=REQUIRED, eligibility=Eligibility(eligible()))
    order = content(
        item("1", eligibility=ref("elig-1")), item("2"), modify("3", offering_id="off-mobile")
    )
    assert await world.codes(order) == [
        ("ELIGIBILITY_REFERENCE_REQUIRED", "2"),
        ("ELIGIBILITY_REFERENCE_REQUIRED", "3"),
    ]
    assert world.eligibility.judged == []


async def test_commercial_policy_off_asks_nothing() -> None:
    world = World(commercial=OFF, eligibility=Eligibility(refused={"off-mobile"}))
    assert await world.codes(content(item("1", eligibility=ref("gone")))) == []
    assert world.eligibility.judged == []


async def test_inline_policy_still_verifies_a_given_reference() -> None:
    world = World(eligibility=Eligibility(eligible()))
    order = content(
        item("1", eligibility=ref("elig-1")), item("2", eligibility=ref("gone")), item("3")
    )
    assert await world.codes(order) == [("ELIGIBILITY_CHECK_NOT_FOUND", "2")]
    assert world.eligibility.judged == [["3"]]


@pytest.mark.parametrize(
    ("check", "code"),
    [
        (eligible(expire_time=NOW), "ELIGIBILITY_CHECK_EXPIRED"),
        (eligible(expire_time=NOW - timedelta(seconds=1)), "ELIGIBILITY_CHECK_EXPIRED"),
        (eligible(party="cust-2"), "ELIGIBILITY_CHECK_OTHER_CUSTOMER"),
        (eligible(done=False), "ELIGIBILITY_CHECK_NOT_DONE"),
        (eligible(items=()), "ELIGIBILITY_ITEM_NOT_FOUND"),
        (
            eligible(
                items=(AnsweredItem(item_id="q1", verdict=Verdict.QUALIFIED, offering_id="off-tv"),)
            ),
            "ELIGIBILITY_ITEM_MISMATCH",
        ),
        (
            eligible(items=(AnsweredItem(item_id="q1", verdict=Verdict.UNQUALIFIED),)),
            "ITEM_NOT_ELIGIBLE",
        ),
        (
            eligible(items=(AnsweredItem(item_id="q1", verdict=Verdict.ALTERNATE),)),
            "ITEM_NOT_ELIGIBLE",
        ),
    ],
)
async def test_a_referenced_eligibility_check_must_be_usable(check: StoredCheck, code: str) -> None:
    world = World(commercial=REQUIRED, eligibility=Eligibility(check))
    found = await world.validator.violations(content(item("1", eligibility=ref("elig-1"))), NOW)
    assert [(v.code, v.item_id, v.field) for v in found] == [(code, "1", "eligibility")]


async def test_a_check_valid_until_later_and_for_a_prospect_passes() -> None:
    anonymous = eligible(party="", expire_time=NOW + timedelta(microseconds=1))
    world = World(commercial=REQUIRED, eligibility=Eligibility(anonymous))
    assert await world.codes(content(item("1", eligibility=ref("elig-1")))) == []


async def test_inline_eligibility_is_asked_for_the_order_customer() -> None:
    world = World()
    order = content(item("1"), parties=(PartyRef("s", "seller"), PartyRef("c-9", "customer")))
    assert await world.codes(order) == []
    assert world.eligibility.customers == ["c-9"]


# --- technical ---


async def test_a_place_is_needed_whatever_the_policy() -> None:
    for policy in QualificationPolicy:
        world = World(technical=policy)
        found = await world.validator.violations(content(item("1", "off-fibre")), NOW)
        assert [(v.code, v.path) for v in found] == [
            ("INSTALLATION_PLACE_REQUIRED", "items[1].places")
        ]


async def test_technical_reference_required_and_off() -> None:
    required = World(technical=REQUIRED, feasibility=Feasibility(feasible()))
    order = content(placed("1", feasibility=ref("feas-1")), placed("2"), item("3"))
    assert await required.codes(order) == [("FEASIBILITY_REFERENCE_REQUIRED", "2")]
    off = World(technical=OFF, feasibility=Feasibility(refused={"addr-1"}))
    assert await off.codes(order) == []
    assert off.feasibility.judged == []


@pytest.mark.parametrize(
    ("check", "code"),
    [
        (None, "FEASIBILITY_CHECK_NOT_FOUND"),
        (feasible(expire_time=NOW), "FEASIBILITY_CHECK_EXPIRED"),
        (feasible(party_id="cust-2"), "FEASIBILITY_CHECK_OTHER_CUSTOMER"),
        (feasible(done=False), "FEASIBILITY_CHECK_NOT_DONE"),
        (feasible(items=()), "FEASIBILITY_ITEM_NOT_FOUND"),
        (
            feasible(
                items=(AnsweredItem(item_id="q1", verdict=Verdict.QUALIFIED, place_id="addr-7"),)
            ),
            "FEASIBILITY_ITEM_MISMATCH",
        ),
        (
            feasible(items=(AnsweredItem(item_id="q1", verdict=Verdict.UNQUALIFIED),)),
            "ITEM_NOT_FEASIBLE",
        ),
    ],
)
async def test_a_referenced_feasibility_check_must_be_usable(
    check: StoredCheck | None, code: str
) -> None:
    checks = (check,) if check else ()
    world = World(feasibility=Feasibility(*checks))
    found = await world.codes(content(placed("1", feasibility=ref("feas-1"))))
    assert found == [(code, "1")]


async def test_expiry_is_judged_at_submission_time() -> None:
    world = World(commercial=REQUIRED, eligibility=Eligibility(eligible()))
    order = content(item("1", eligibility=ref("elig-1")))
    assert await world.validator.violations(order, NOW + timedelta(minutes=59)) == []
    later = await world.validator.violations(order, NOW + timedelta(hours=1))
    assert [v.code for v in later] == ["ELIGIBILITY_CHECK_EXPIRED"]


async def test_a_catalog_objection_may_name_the_part_of_the_item() -> None:
    world = World(bad_configurations={"speed=9": "CHARACTERISTIC_VALUE_NOT_ALLOWED"})
    world.catalog.field = "configuration.characteristics[speed]"
    found = await world.validator.violations(
        content(item("1", configuration=ItemConfiguration("speed=9"))), NOW
    )
    assert [v.path for v in found] == ["items[1].configuration.characteristics[speed]"]
