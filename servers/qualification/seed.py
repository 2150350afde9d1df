"""The demo customer profiles and eligibility rules, loaded on first start of the embedded
default. Each JSONL line is the protobuf JSON form of one CustomerProfile / EligibilityRule,
the same form the CLI imports, and both go through the same mapping and validation as
UpsertCustomerProfiles / UpsertEligibilityRules."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from google.protobuf import json_format
from google.protobuf.message import Message

from domain.qualification.administration import EligibilityAdministration
from domain.qualification.paging import PageRequest
from domain.shared.errors import DomainError, ErrorCategory, FieldViolation
from ordercapture.qualification.v1 import profile_pb2, rule_pb2
from servers.qualification.mapping.profiles import profiles_from
from servers.qualification.mapping.rules import rules_from

DEMO_PROFILES = Path(__file__).with_name("demo_profiles.jsonl")
DEMO_RULES = Path(__file__).with_name("demo_rules.jsonl")

M = TypeVar("M", bound=Message)


class MalformedDataFile(DomainError):
    """A data file line that is not the protobuf JSON form of its message."""

    reason = "MALFORMED_DATA_FILE"
    category = ErrorCategory.INVALID


@dataclass(frozen=True, slots=True)
class SeedSummary:
    profiles: int
    rules: int


def parse_lines(text: str, message_type: type[M]) -> list[M]:
    """One message per non-blank line; every malformed line is reported with its number."""
    found: list[M] = []
    problems: list[FieldViolation] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            found.append(json_format.Parse(line, message_type()))
        except json_format.ParseError as error:
            problems.append(FieldViolation(f"line {number}", str(error)[:200]))
    if problems:
        raise MalformedDataFile("the file has malformed lines", violations=tuple(problems))
    return found


async def seed_demo_eligibility(administration: EligibilityAdministration) -> SeedSummary:
    """Loads the demo profiles when there are none and the demo rules when there are none."""
    profiles = rules = 0
    if not (await administration.list_profiles((), PageRequest(size=1))).total:
        messages = parse_lines(DEMO_PROFILES.read_text("utf-8"), profile_pb2.CustomerProfile)
        profiles = len(await administration.upsert_profiles(profiles_from(messages)))
    if not (await administration.list_rules((), PageRequest(size=1))).total:
        loaded = parse_lines(DEMO_RULES.read_text("utf-8"), rule_pb2.EligibilityRule)
        rules = len(await administration.upsert_rules(rules_from(loaded)))
    return SeedSummary(profiles=profiles, rules=rules)
