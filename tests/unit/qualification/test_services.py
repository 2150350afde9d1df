"""The check use cases with in-memory fakes: prospects, rules read per offering, expiry,
places, category items, configurations, options, the asynchronous state machine, listing,
description changes, deletion and eligible-offering searches."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

import pytest

from domain.qualification.checks import CheckState
from domain.qualification.errors import (
    CategoryNotFound,
    EligibilityCheckExpired,
    EligibilityCheckNotFound,
    FieldNotUpdatable,
    InvalidEligibilityQuestion,
)
from domain.qualification.model import (
    CheckOptions,
    CustomerProfile,
    ItemAction,
    Outcome,
    PlaceFacts,
    RequestedConfiguration,
    RequestedItem,
)
from domain.qualification.paging import PageRequest
from domain.qualification.ports import CheckFilter
from domain.qualification.rules import (
    GeographyRule,
    MinimumCreditClassRule,
    Rule,
    SegmentRule,
)
from domain.qualification.services import CheckRequest, Qualification
from tests.unit.qualification.builders import NOW, customer, item
from tests.unit.qualification.fakes import (
    Catalog,
    Checks,
    Clock,
    Configurations,
    Ids,
    Places,
    Profiles,
    Rules,
)

ALL = CheckOptions(provide_alternatives=True, provide_reasons=True)


def qualification(
    rules: Rules,
    checks: Checks,
    *profiles: CustomerProfile,
    catalog: Catalog | None = None,
    clock: Clock | None = None,
    configurations: Configurations | None = None,
    places: Places | None = None,
) -> Qualification:
    return Qualification(
        profiles=Profiles(*profiles),
        rules=rules,
        checks=checks,
        catalog=catalog or Catalog.of("off-a", "off-b", "off-c"),
        clock=clock or Clock(),
        ids=Ids(),
        configurations=configurations,
        places=places,
        check_lifetime=timedelta(hours=2),
    )


def ask(*items: RequestedItem, options: CheckOptions = ALL, **fields: object) -> CheckRequest:
    values: dict[str, object] = {"party_id": "cust-1", "channel": "web", **fields}
    return CheckRequest(items=items, options=options, **values)  # type: ignore[arg-type]


async def test_a_check_is_judged_stored_and_expires() -> None:
    rules = Rules(
        MinimumCreditClassRule(id="c", offering_id="off-a", minimum="A"),
        SegmentRule(id="s", offering_id="off-unrelated", segments=("business",)),
    )
    checks = Checks()
    use_case = qualification(rules, checks, customer(credit_class="B"))
    check = await use_case.check(ask(item("off-a"), item("off-b")))
    assert rules.asked == [{"off-a", "off-b"}]
    assert [v.outcome for v in check.verdicts] == [Outcome.UNQUALIFIED, Outcome.QUALIFIED]
    assert check.outcome is Outcome.UNQUALIFIED
    assert check.state is CheckState.DONE
    assert check.judge_time == NOW
    assert check.expire_time == NOW + timedelta(hours=2)
    assert not check.is_expired(NOW + timedelta(hours=1))
    assert check.is_expired(NOW + timedelta(hours=2))
    assert await use_case.get_check(check.id) == check
    assert checks.stored == {check.id: check}


async def test_an_expired_check_can_no_longer_be_relied_on() -> None:
    clock = Clock()
    use_case = qualification(Rules(), Checks(), customer(), clock=clock)
    check = await use_case.check(ask(item("off-a")))
    clock.advance(timedelta(hours=1, minutes=59))
    assert (await use_case.usable_check(check.id)).id == check.id
    clock.advance(timedelta(minutes=1))
    with pytest.raises(EligibilityCheckExpired) as expired:
        await use_case.usable_check(check.id)
    assert expired.value.reason == "ELIGIBILITY_CHECK_EXPIRED"


async def test_an_unknown_customer_is_judged_as_a_prospect() -> None:
    rules = Rules(SegmentRule(id="s", offering_id="off-a", segments=("residential",)))
    check = await qualification(rules, Checks()).check(ask(item("off-a"), party_id="who-knows"))
    assert check.customer_is_prospect
    assert check.verdicts[0].reasons[0].code == "SEGMENT_NOT_ELIGIBLE"


async def test_alternatives_are_judged_with_their_own_rules() -> None:
    rules = Rules(
        MinimumCreditClassRule(
            id="c", offering_id="off-a", minimum="A", alternative_offering_ids=("off-b", "off-c")
        ),
        MinimumCreditClassRule(id="cb", offering_id="off-b", minimum="A"),
    )
    check = await qualification(rules, Checks(), customer(credit_class="B")).check(
        ask(item("off-a"))
    )
    (verdict,) = check.verdicts
    assert verdict.outcome is Outcome.ALTERNATE
    assert verdict.alternative_offering_ids == ("off-c",)
    assert rules.asked == [{"off-a"}, {"off-b", "off-c"}]


async def test_options_are_stored_and_shape_the_presented_answer() -> None:
    rules = Rules(
        MinimumCreditClassRule(
            id="c", offering_id="off-a", minimum="A", alternative_offering_ids=("off-c",)
        ),
        MinimumCreditClassRule(id="cb", offering_id="off-b", minimum="A"),
    )
    use_case = qualification(rules, Checks(), customer(credit_class="B"))
    items = (item("off-a"), item("off-b"), item("off-c"))

    bare = await use_case.check(ask(*items, options=CheckOptions()))
    assert bare.options == CheckOptions()
    assert [v.outcome for v in bare.presented_verdicts] == [
        Outcome.UNQUALIFIED,
        Outcome.UNQUALIFIED,
        Outcome.QUALIFIED,
    ]
    assert all(not v.reasons for v in bare.presented_verdicts)
    assert bare.verdicts[0].reasons  # kept with the check, only not presented

    only = CheckOptions(provide_alternatives=True, provide_reasons=True, only_available=True)
    available = await use_case.check(ask(*items, options=only))
    assert [(v.item_id, v.outcome) for v in available.presented_verdicts] == [
        ("off-a", Outcome.ALTERNATE),
        ("off-c", Outcome.QUALIFIED),
    ]
    assert available.presented_verdicts[0].reasons[0].code == "CREDIT_CLASS_TOO_LOW"
    # The overall answer still counts every item.
    assert available.outcome is Outcome.UNQUALIFIED


async def test_a_place_given_by_id_is_located_and_an_unknown_one_refused_by_geography() -> None:
    rules = Rules(GeographyRule(id="g", offering_id="off-a", regions=("north",)))
    use_case = qualification(
        rules, Checks(), customer(), places=Places(**{"addr-1": ("north", "NW1 1AA")})
    )
    known = await use_case.check(ask(item("off-a"), place=PlaceFacts("addr-1")))
    assert known.place == PlaceFacts("addr-1", "north", "NW1 1AA")
    assert known.verdicts[0].outcome is Outcome.QUALIFIED
    unknown = await use_case.check(ask(item("off-a"), place=PlaceFacts("addr-404")))
    assert unknown.place == PlaceFacts("addr-404")
    assert unknown.verdicts[0].reasons[0].code == "GEOGRAPHY_NOT_ELIGIBLE"
    given = await use_case.check(ask(item("off-a"), place=PlaceFacts("addr-1", "south")))
    assert given.verdicts[0].reasons[0].code == "GEOGRAPHY_NOT_ELIGIBLE"


async def test_a_category_item_lists_the_eligible_offerings_of_its_subtree() -> None:
    catalog = Catalog(
        {
            "off-fibre": (True, ("cat-fibre",)),
            "off-dsl": (True, ("cat-dsl",)),
            "off-old": (False, ("cat-dsl",)),
            "off-tv": (True, ("cat-tv",)),
        },
        parents={"cat-broadband": "", "cat-fibre": "cat-broadband", "cat-dsl": "cat-broadband"},
    )
    rules = Rules(MinimumCreditClassRule(id="c", offering_id="off-fibre", minimum="A"))
    use_case = qualification(rules, Checks(), customer(credit_class="B"), catalog=catalog)
    category = RequestedItem(item_id="1", category_id="cat-broadband")
    check = await use_case.check(ask(category))
    (verdict,) = check.verdicts
    assert verdict.outcome is Outcome.QUALIFIED
    assert verdict.eligible_offering_ids == ("off-dsl",)
    assert {"off-fibre", "off-dsl"} <= rules.asked[0]

    strict = Rules(
        MinimumCreditClassRule(id="c-dsl", offering_id="off-dsl", minimum="A"),
        *rules.by_id.values(),
    )
    none_left = await qualification(
        strict, Checks(), customer(credit_class="B"), catalog=catalog
    ).check(ask(category))
    assert none_left.verdicts[0].outcome is Outcome.UNQUALIFIED
    assert none_left.verdicts[0].reasons[0].code == "NO_ELIGIBLE_OFFERING"

    missing = await use_case.check(ask(RequestedItem(item_id="1", category_id="cat-nope")))
    assert missing.verdicts[0].reasons[0].code == "CATEGORY_UNKNOWN"


async def test_configuration_problems_make_the_item_unqualified_with_the_catalogs_reasons() -> None:
    configurations = Configurations()
    use_case = qualification(Rules(), Checks(), customer(), configurations=configurations)
    good = RequestedItem(
        item_id="1", offering_id="off-a", configuration=RequestedConfiguration("{fine}")
    )
    bad = RequestedItem(
        item_id="2", offering_id="off-b", configuration=RequestedConfiguration("{bad}")
    )
    unknown = RequestedItem(
        item_id="3", offering_id="off-x", configuration=RequestedConfiguration("{bad}")
    )
    check = await use_case.check(ask(good, bad, unknown, item("off-c")))
    assert [v.outcome for v in check.verdicts] == [
        Outcome.QUALIFIED,
        Outcome.UNQUALIFIED,
        Outcome.UNQUALIFIED,
        Outcome.QUALIFIED,
    ]
    assert check.verdicts[1].reasons[0].code == "CHARACTERISTIC_VALUE_NOT_ALLOWED"
    assert check.verdicts[2].reasons[0].code == "OFFERING_UNKNOWN"
    # Only items with a configuration, of offerings the catalog knows, are sent to it,
    # all in one call.
    assert configurations.asked == ["off-a", "off-b"]
    assert configurations.calls == 1


async def test_a_check_without_configurations_does_not_ask_the_catalog() -> None:
    configurations = Configurations()
    use_case = qualification(Rules(), Checks(), customer(), configurations=configurations)
    check = await use_case.check(ask(item("off-a"), item("off-b")))
    assert [v.outcome for v in check.verdicts] == [Outcome.QUALIFIED, Outcome.QUALIFIED]
    assert configurations.calls == 0


async def test_an_asynchronous_check_goes_from_acknowledged_to_done() -> None:
    checks = Checks()
    use_case = qualification(
        Rules(MinimumCreditClassRule(id="c", offering_id="off-a", minimum="A")),
        checks,
        customer(credit_class="C"),
    )
    acknowledged = await use_case.acknowledge(ask(item("off-a"), description="later"))
    assert acknowledged.state is CheckState.ACKNOWLEDGED
    assert acknowledged.outcome is None
    assert acknowledged.verdicts == ()
    done = await use_case.judge_stored(acknowledged.id)
    assert done is not None
    assert done.state is CheckState.DONE
    assert done.outcome is Outcome.UNQUALIFIED
    assert done.description == "later"
    assert [c.state for c in checks.history] == [
        CheckState.ACKNOWLEDGED,
        CheckState.IN_PROGRESS,
        CheckState.DONE,
    ]
    # Judging again is a no-op: only acknowledged checks are judged.
    assert await use_case.judge_stored(acknowledged.id) is None


class BrokenRules(Rules):
    def __init__(self, error: Exception) -> None:
        super().__init__()
        self.error = error

    async def for_offerings(self, offering_ids: Iterable[str]) -> list[Rule]:
        raise self.error


async def test_an_asynchronous_check_that_cannot_be_judged_terminates_with_error() -> None:
    checks = Checks()
    use_case = qualification(BrokenRules(RuntimeError("database gone")), checks, customer())
    acknowledged = await use_case.acknowledge(ask(item("off-a")))
    with pytest.raises(RuntimeError):
        await use_case.judge_stored(acknowledged.id)
    failed = checks.stored[acknowledged.id]
    assert failed.state is CheckState.TERMINATED_WITH_ERROR
    assert failed.error
    assert "database" not in failed.error
    assert failed.outcome is None


async def test_malformed_questions_are_refused_with_every_problem() -> None:
    use_case = qualification(Rules(), Checks())
    with pytest.raises(InvalidEligibilityQuestion) as refused:
        await use_case.check(
            ask(
                item("off-a", item_id="1"),
                item("", item_id="1", quantity=0),
                RequestedItem(item_id="2", offering_id="off-a", category_id="cat"),
                RequestedItem(item_id="3", category_id="cat", action=ItemAction.DELETE),
            )
        )
    assert [v.field for v in refused.value.violations] == [
        "items[1].item_id",
        "items[1].offering_id",
        "items[1].quantity",
        "items[2]",
        "items[3].action",
    ]
    with pytest.raises(InvalidEligibilityQuestion):
        await use_case.check(ask())


async def test_checks_are_listed_newest_first_filtered_and_paged() -> None:
    clock = Clock()
    use_case = qualification(Rules(), Checks(), customer(), clock=clock)
    made = []
    for party in ("cust-1", "cust-2", "cust-1"):
        made.append(await use_case.check(ask(item("off-a"), party_id=party)))
        clock.advance(timedelta(minutes=1))
    await use_case.acknowledge(ask(item("off-a"), party_id="cust-1"))
    page = await use_case.list_checks(
        CheckFilter(party_id="cust-1", states=(CheckState.DONE,)), PageRequest(size=1)
    )
    assert page.total == 2
    assert [c.id for c in page.items] == [made[2].id]
    rest = await use_case.list_checks(CheckFilter(), PageRequest(size=10, skip=1))
    assert rest.total == 4
    assert len(rest.items) == 3


async def test_only_the_description_of_a_check_changes() -> None:
    use_case = qualification(Rules(), Checks(), customer())
    check = await use_case.check(ask(item("off-a")))
    updated = await use_case.update_check(check.id, frozenset({"description"}), "for the order")
    assert updated.description == "for the order"
    assert updated.verdicts == check.verdicts
    assert (await use_case.get_check(check.id)).description == "for the order"
    assert (await use_case.update_check(check.id, frozenset(), "all")).description == "all"
    with pytest.raises(FieldNotUpdatable) as refused:
        await use_case.update_check(check.id, frozenset({"description", "state"}), "x")
    assert refused.value.reason == "FIELD_NOT_UPDATABLE"
    assert [v.field for v in refused.value.violations] == ["state"]
    with pytest.raises(EligibilityCheckNotFound):
        await use_case.update_check("nope", frozenset(), "x")


async def test_a_deleted_check_is_gone() -> None:
    use_case = qualification(Rules(), Checks(), customer())
    check = await use_case.check(ask(item("off-a")))
    await use_case.delete_check(check.id)
    with pytest.raises(EligibilityCheckNotFound):
        await use_case.get_check(check.id)
    with pytest.raises(EligibilityCheckNotFound) as missing:
        await use_case.delete_check(check.id)
    assert missing.value.reason == "ELIGIBILITY_CHECK_NOT_FOUND"


async def test_eligible_offerings_are_filtered_by_the_same_rules() -> None:
    catalog = Catalog(
        {
            "off-a": (True, ("cat-x",)),
            "off-b": (True, ("cat-y",)),
            "off-c": (True, ("cat-y",)),
            "off-d": (False, ("cat-y",)),
        },
        parents={"cat-x": "", "cat-y": "cat-x"},
    )
    rules = Rules(MinimumCreditClassRule(id="c", offering_id="off-b", minimum="A"))
    use_case = qualification(rules, Checks(), customer(credit_class="B"), catalog=catalog)
    found = await use_case.find_eligible_offerings(party_id="cust-1", channel="web")
    assert [o.offering_id for o in found.offerings] == ["off-a", "off-c"]
    assert not found.customer_is_prospect
    within = await use_case.find_eligible_offerings(
        party_id="nobody", channel="web", category_id="cat-y", page_size=5
    )
    assert [o.offering_id for o in within.offerings] == ["off-c"]
    assert within.customer_is_prospect
    one = await use_case.find_eligible_offerings(party_id="cust-1", channel="web", page_size=1)
    assert [o.offering_id for o in one.offerings] == ["off-a"]
    with pytest.raises(CategoryNotFound):
        await use_case.find_eligible_offerings(party_id="x", channel="web", category_id="nope")


async def test_unknown_check_id() -> None:
    with pytest.raises(EligibilityCheckNotFound) as missing:
        await qualification(Rules(), Checks()).get_check("nope")
    assert missing.value.reason == "ELIGIBILITY_CHECK_NOT_FOUND"
