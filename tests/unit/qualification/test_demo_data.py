"""The demo profiles and rules: enough of them, every rule kind, valid by the same validation
as the RPCs, and naming only offerings of the demo catalog."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from domain.qualification.administration import EligibilityAdministration
from domain.qualification.model import CREDIT_CLASSES, PartyType
from ordercapture.qualification.v1 import profile_pb2, rule_pb2
from servers.catalog.seed import DEMO_CATALOG
from servers.qualification.mapping.profiles import profiles_from
from servers.qualification.mapping.rules import rules_from
from servers.qualification.seed import (
    DEMO_PROFILES,
    DEMO_RULES,
    MalformedDataFile,
    parse_lines,
    seed_demo_eligibility,
)
from tests.unit.qualification.fakes import Clock, Ids, Profiles, Rules

RULES = parse_lines(DEMO_RULES.read_text("utf-8"), rule_pb2.EligibilityRule)
PROFILES = parse_lines(DEMO_PROFILES.read_text("utf-8"), profile_pb2.CustomerProfile)


def demo_offering_ids() -> set[str]:
    lines = DEMO_CATALOG.read_text("utf-8").splitlines()
    return {json.loads(line)["offering"]["id"] for line in lines if '"offering"' in line[:14]}


def test_the_demo_rules_cover_every_kind_and_name_demo_offerings() -> None:
    assert len(RULES) >= 20
    kinds = Counter(r.WhichOneof("condition") for r in RULES)
    oneof = rule_pb2.EligibilityRule.DESCRIPTOR.oneofs_by_name["condition"]
    assert set(kinds) == {f.name for f in oneof.fields}
    named = set()
    for rule in RULES:
        named |= {rule.offering_id, *rule.alternative_offering_ids}
        named |= set(rule.prerequisite.any_of_offering_ids) | set(rule.exclusion.offering_ids)
    assert named <= demo_offering_ids()
    assert any(r.alternative_offering_ids for r in RULES)


def test_the_demo_profiles_are_varied_and_own_demo_offerings() -> None:
    profiles = profiles_from(PROFILES)
    assert len(profiles) >= 30
    assert {p.party_type for p in profiles} == set(PartyType)
    assert {"residential", "youth", "senior", "smb", "enterprise"} <= {p.segment for p in profiles}
    assert {p.credit_class for p in profiles} == set(CREDIT_CLASSES)
    assert len({p.region for p in profiles}) >= 4
    owned = {o for p in profiles for o in p.owned_offering_ids}
    assert owned <= demo_offering_ids()
    assert all(p.date_of_birth for p in profiles if p.segment in {"youth", "senior"})


async def test_seeding_validates_stores_and_runs_only_once() -> None:
    rules, profiles = Rules(), Profiles()
    admin = EligibilityAdministration(rules=rules, profiles=profiles, clock=Clock(), ids=Ids())
    first = await seed_demo_eligibility(admin)
    assert (first.profiles, first.rules) == (len(PROFILES), len(RULES))
    assert set(rules.by_id) == {r.id for r in rules_from(RULES)}
    again = await seed_demo_eligibility(admin)
    assert (again.profiles, again.rules) == (0, 0)


def test_malformed_lines_are_reported_by_number() -> None:
    text = '{"partyId": "a"}\n\n{"partyId": 1, \n{"nope": true}\n'
    with pytest.raises(MalformedDataFile) as refused:
        parse_lines(text, profile_pb2.CustomerProfile)
    assert [v.field for v in refused.value.violations] == ["line 3", "line 4"]
