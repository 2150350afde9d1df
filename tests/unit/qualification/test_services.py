"""The check use case with in-memory fakes: prospects, rules read per offering, expiry."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta

import pytest

from domain.qualification.checks import EligibilityCheck
from domain.qualification.errors import EligibilityCheckNotFound, InvalidEligibilityQuestion
from domain.qualification.judgement import OfferingAvailability
from domain.qualification.model import CustomerProfile, Outcome
from domain.qualification.rules import MinimumCreditClassRule, Rule, SegmentRule
from domain.qualification.services import CheckRequest, Qualification
from tests.unit.qualification.builders import NOW, customer, item


class Profiles:
    def __init__(self, *profiles: CustomerProfile) -> None:
        self._by_id = {p.party_id: p for p in profiles}

    async def get(self, party_id: str) -> CustomerProfile | None:
        return self._by_id.get(party_id)


class Rules:
    def __init__(self, *rules: Rule) -> None:
        self._rules = rules
        self.asked: list[set[str]] = []

    async def for_offerings(self, offering_ids: Iterable[str]) -> list[Rule]:
        wanted = set(offering_ids)
        self.asked.append(wanted)
        return [r for r in self._rules if r.offering_id in wanted]


class Checks:
    def __init__(self) -> None:
        self.stored: dict[str, EligibilityCheck] = {}

    async def add(self, check: EligibilityCheck) -> None:
        self.stored[check.id] = check

    async def get(self, check_id: str) -> EligibilityCheck | None:
        return self.stored.get(check_id)


class Catalog:
    async def availability(
        self, offering_ids: Iterable[str], at: datetime
    ) -> Mapping[str, OfferingAvailability]:
        return {o: OfferingAvailability(o, orderable=True) for o in offering_ids if o != "off-nope"}


class Clock:
    def now(self) -> datetime:
        return NOW


class Ids:
    def __init__(self) -> None:
        self.count = 0

    def new_id(self) -> str:
        self.count += 1
        return f"chk-{self.count}"


def qualification(rules: Rules, checks: Checks, *profiles: CustomerProfile) -> Qualification:
    return Qualification(
        profiles=Profiles(*profiles),
        rules=rules,
        checks=checks,
        catalog=Catalog(),
        clock=Clock(),
        ids=Ids(),
        check_lifetime=timedelta(hours=2),
    )


async def test_a_check_is_judged_stored_and_expires() -> None:
    rules = Rules(
        MinimumCreditClassRule(id="c", offering_id="off-a", minimum="A"),
        SegmentRule(id="s", offering_id="off-unrelated", segments=("business",)),
    )
    checks = Checks()
    use_case = qualification(rules, checks, customer(credit_class="B"))
    check = await use_case.check(
        CheckRequest(party_id="cust-1", channel="web", items=(item("off-a"), item("off-b")))
    )
    assert rules.asked == [{"off-a", "off-b"}]
    assert [v.outcome for v in check.verdicts] == [Outcome.UNQUALIFIED, Outcome.QUALIFIED]
    assert check.outcome is Outcome.UNQUALIFIED
    assert check.expire_time == NOW + timedelta(hours=2)
    assert not check.is_expired(NOW + timedelta(hours=1))
    assert check.is_expired(NOW + timedelta(hours=2))
    assert await use_case.get_check(check.id) == check
    assert checks.stored == {check.id: check}


async def test_an_unknown_customer_is_judged_as_a_prospect() -> None:
    rules = Rules(SegmentRule(id="s", offering_id="off-a", segments=("residential",)))
    check = await qualification(rules, Checks()).check(
        CheckRequest(party_id="who-knows", channel="web", items=(item("off-a"),))
    )
    assert check.customer_is_prospect
    assert check.verdicts[0].reasons[0].code == "SEGMENT_NOT_ELIGIBLE"


async def test_malformed_questions_are_refused_with_every_problem() -> None:
    use_case = qualification(Rules(), Checks())
    with pytest.raises(InvalidEligibilityQuestion) as refused:
        await use_case.check(
            CheckRequest(
                party_id="cust-1",
                channel="web",
                items=(item("off-a", item_id="1"), item("", item_id="1", quantity=0)),
            )
        )
    assert [v.field for v in refused.value.violations] == [
        "items[1].item_id",
        "items[1].offering_id",
        "items[1].quantity",
    ]
    with pytest.raises(InvalidEligibilityQuestion):
        await use_case.check(CheckRequest(party_id="cust-1", channel="web", items=()))


async def test_unknown_check_id() -> None:
    with pytest.raises(EligibilityCheckNotFound) as missing:
        await qualification(Rules(), Checks()).get_check("nope")
    assert missing.value.reason == "ELIGIBILITY_CHECK_NOT_FOUND"
