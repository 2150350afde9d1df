"""Reading reference data files: every bad line reported with its number and what is wrong."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from google.protobuf import json_format

from cli.reference_data import (
    ACCESS_NODES,
    ADDRESSES,
    COVERAGE,
    CUSTOMER_PROFILES,
    ELIGIBILITY_RULES,
    LineProblem,
    ReferenceFileInvalid,
    parse_reference_text,
    read_reference_file,
)
from ordercapture.feasibility.v1 import network_pb2
from ordercapture.qualification.v1 import profile_pb2, rule_pb2

RULE = {"id": "r-1", "offeringId": "off-a", "creditClass": {"minimum": "C"}}
PROFILE = {
    "partyId": "p-1",
    "partyType": "PARTY_TYPE_ORGANIZATION",
    "segment": "smb",
    "ownedOfferingIds": ["off-a", "off-a"],
}


def _lines(*documents: object) -> str:
    return "".join((d if isinstance(d, str) else json.dumps(d)) + "\n" for d in documents)


def _problems(text: str, kind: object) -> list[LineProblem]:
    with pytest.raises(ReferenceFileInvalid) as raised:
        parse_reference_text(text, kind)  # type: ignore[arg-type]
    return raised.value.problems


def test_reads_protobuf_json_with_line_numbers_skipping_blanks_and_comments() -> None:
    text = _lines("# demo rules", RULE, "", {**RULE, "id": "r-2"})
    records = parse_reference_text(text, ELIGIBILITY_RULES)
    assert [r.line for r in records] == [2, 4]
    assert records[0].message == json_format.ParseDict(RULE, rule_pb2.EligibilityRule())
    assert records[1].message.id == "r-2"


def test_every_bad_line_is_reported_in_line_order() -> None:
    text = _lines(
        RULE,
        "{not json",
        {"id": "r-3", "offeringId": "off-a", "creditClas": {"minimum": "C"}},
        "[1, 2]",
        {"id": "r-5", "offeringId": "off-a"},
        {"id": "r-6", "creditClass": {"minimum": "C"}},
        {"id": "r-7", "offeringId": "off-a", "maximumQuantity": {"maximum": "many"}},
    )
    problems = _problems(text, ELIGIBILITY_RULES)
    assert [p.line for p in problems] == [2, 3, 4, 5, 6, 7]
    by_line = {p.line: p.problem for p in problems}
    assert by_line[2].startswith("invalid JSON:")
    assert "column" in by_line[2]
    assert "creditClas" in by_line[3]
    assert by_line[4] == "expected a JSON object"
    assert "no condition: exactly one of segment, channel," in by_line[5]
    assert by_line[6] == "offering_id is required"
    assert "maximum" in by_line[7]


def test_two_conditions_in_one_rule_are_refused() -> None:
    both = {"offeringId": "off-a", "creditClass": {"minimum": "C"}, "channel": {"channels": []}}
    (problem,) = _problems(_lines(both), ELIGIBILITY_RULES)
    assert problem.line == 1
    assert "condition" in problem.problem


def test_duplicate_ids_name_the_first_line_but_empty_ids_are_the_servers_choice() -> None:
    no_id = {"offeringId": "off-a", "channel": {"channels": ["web"]}}
    text = _lines(RULE, no_id, no_id, {**RULE, "offeringId": "off-b"})
    (problem,) = _problems(text, ELIGIBILITY_RULES)
    assert problem == LineProblem(4, "duplicate id 'r-1' (first on line 1)")


def test_profiles_need_a_party_and_leave_the_update_time_to_the_server() -> None:
    text = _lines(
        PROFILE,
        {"segment": "residential"},
        {**PROFILE, "partyId": "p-2", "updateTime": "2026-01-01T00:00:00Z"},
        PROFILE,
    )
    assert _problems(text, CUSTOMER_PROFILES) == [
        LineProblem(2, "party_id is required"),
        LineProblem(3, "update_time is output only"),
        LineProblem(4, "duplicate party_id 'p-1' (first on line 1)"),
    ]
    (record,) = parse_reference_text(_lines(PROFILE), CUSTOMER_PROFILES)
    assert record.message.party_type == profile_pb2.PARTY_TYPE_ORGANIZATION
    assert list(record.message.owned_offering_ids) == ["off-a", "off-a"]


def test_coverage_needs_exactly_one_scope_and_a_technology() -> None:
    text = _lines(
        {"postcode": "AB1 2CD", "technology": "FTTH", "maxDownloadMbps": 1000},
        {"technology": "VDSL"},
        {"addressId": "a-1"},
        {"addressId": "a-1", "postcode": "AB1 2CD", "technology": "VDSL"},
    )
    problems = _problems(text, COVERAGE)
    assert [p.line for p in problems] == [2, 3, 4]
    assert problems[0].problem == "no scope: exactly one of address_id, postcode must be set"
    assert problems[1].problem == "technology is required"
    assert 'multiple "scope" oneof fields' in problems[2].problem  # json_format says so


def test_coverage_groups_by_scope_ignoring_postcode_spacing_and_case() -> None:
    group = COVERAGE.group
    entry = network_pb2.CoverageEntry
    assert group(entry(postcode="ab1 2cd")) == group(entry(postcode="AB12CD"))
    assert group(entry(address_id="AB12CD")) != group(entry(postcode="AB12CD"))


def test_addresses_and_access_nodes() -> None:
    address = {"id": "a-1", "street": "High Street", "number": "12b", "postcode": "AB1 2CD"}
    (record,) = parse_reference_text(_lines(address), ADDRESSES)
    assert record.message.number == "12b"
    assert _problems(_lines(address, address), ADDRESSES) == [
        LineProblem(2, "duplicate id 'a-1' (first on line 1)")
    ]
    problems = _problems(_lines({"totalPorts": 48}, {"id": "n", "freePorts": 1.5}), ACCESS_NODES)
    assert problems[0] == LineProblem(1, "id is required")
    assert problems[1].line == 2
    assert "freePorts" in problems[1].problem or "free_ports" in problems[1].problem


def test_a_file_that_is_not_utf8_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "rules.jsonl"
    path.write_bytes(b'{"id": "\xff"}\n')
    with pytest.raises(UnicodeDecodeError):
        read_reference_file(path, ELIGIBILITY_RULES)


def test_an_empty_file_has_no_records(tmp_path: Path) -> None:
    path = tmp_path / "rules.jsonl"
    path.write_text("\n# nothing yet\n", encoding="utf-8")
    assert read_reference_file(path, ELIGIBILITY_RULES) == []
