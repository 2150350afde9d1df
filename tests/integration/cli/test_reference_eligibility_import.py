"""`ordercapture eligibility import-*` as subprocesses against a real `ordercapture serve-grpc`
(empty SQLite database): the demo files import in batches and read back as written; a refused
batch names the file's lines and leaves the earlier batches stored."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import grpc
from google.protobuf import json_format

from ordercapture.qualification.v1 import (
    eligibility_service_pb2,
    eligibility_service_pb2_grpc,
    profile_pb2,
    rule_pb2,
)
from tests.integration.cli.conftest import GrpcTier
from tests.integration.cli.processes import REPO_ROOT, run_command

DEMO = REPO_ROOT / "servers" / "qualification"
PROFILES = DEMO / "demo_profiles.jsonl"
RULES = DEMO / "demo_rules.jsonl"
SUMMARY = re.compile(r"Imported (\d+) (.+) from .* in (\d+) batch\(es\)\.")


def _records(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _import(tier: GrpcTier, command: str, path: Path, *extra: str) -> tuple[int, str, str]:
    done = run_command(
        ["eligibility", command, str(path), "--grpc-target", tier.target, *extra],
        tier.env,
        tier.cwd,
    )
    return done.returncode, done.stdout, done.stderr


def _imported(stdout: str) -> tuple[int, str, int]:
    match = SUMMARY.search(stdout)
    assert match, stdout
    return int(match[1]), match[2], int(match[3])


def _stub(target: str) -> Iterator[eligibility_service_pb2_grpc.EligibilityServiceStub]:
    with grpc.insecure_channel(target) as channel:
        yield eligibility_service_pb2_grpc.EligibilityServiceStub(channel)


def _stored_profiles(target: str) -> dict[str, profile_pb2.CustomerProfile]:
    for stub in _stub(target):
        listed = stub.ListCustomerProfiles(
            eligibility_service_pb2.ListCustomerProfilesRequest(page_size=1000), timeout=10
        )
    found = {}
    for profile in listed.profiles:
        profile.ClearField("update_time")  # output only
        found[profile.party_id] = profile
    return found


def _stored_rules(target: str) -> list[rule_pb2.EligibilityRule]:
    for stub in _stub(target):
        listed = stub.ListEligibilityRules(
            eligibility_service_pb2.ListEligibilityRulesRequest(page_size=1000), timeout=10
        )
    return list(listed.rules)


def test_the_demo_files_import_in_batches_and_read_back_as_written(grpc_tier: GrpcTier) -> None:
    profiles = [
        json_format.Parse(line, profile_pb2.CustomerProfile()) for line in _records(PROFILES)
    ]
    code, stdout, stderr = _import(grpc_tier, "import-profiles", PROFILES, "--batch-size", "10")
    assert code == 0, stderr
    assert _imported(stdout) == (len(profiles), "customer profiles", -(-len(profiles) // 10))
    assert f"{len(profiles)}/{len(profiles)}" in stderr  # the progress bar's last state
    assert _stored_profiles(grpc_tier.target) == {p.party_id: p for p in profiles}

    rules = [json_format.Parse(line, rule_pb2.EligibilityRule()) for line in _records(RULES)]
    code, stdout, stderr = _import(grpc_tier, "import-rules", RULES, "--batch-size", "7")
    assert code == 0, stderr
    assert _imported(stdout) == (len(rules), "eligibility rules", -(-len(rules) // 7))
    stored = _stored_rules(grpc_tier.target)
    assert all(r.id for r in rules)  # the demo rules name themselves
    assert {r.id: r for r in stored} == {r.id: r for r in rules}

    # Upserts replace by key: importing the profiles again changes nothing.
    code, _, stderr = _import(grpc_tier, "import-profiles", PROFILES)
    assert code == 0, stderr
    assert _stored_profiles(grpc_tier.target) == {p.party_id: p for p in profiles}


def test_a_refused_batch_names_the_file_lines_and_keeps_the_earlier_batches(
    grpc_tier: GrpcTier,
) -> None:
    documents = [
        {"partyId": f"cust-{n}", "segment": "residential", "creditClass": "B", "region": "north"}
        for n in range(1, 6)
    ]
    documents[3]["creditClass"] = "Z"  # the server's rule: "A" to "E"
    path = grpc_tier.cwd / "profiles.jsonl"
    path.write_text(
        "# new customers\n" + "".join(json.dumps(d) + "\n" for d in documents), encoding="utf-8"
    )
    code, _, stderr = _import(grpc_tier, "import-profiles", path, "--batch-size", "2")
    assert code == 1, stderr
    # cust-4 is on line 5 (after the comment), the second of batch 2.
    assert f"batch 2 of 3 (lines 4-5 of {path})" in stderr
    assert "INVALID_ARGUMENT" in stderr
    assert f"{path}:5: profiles[1].credit_class: " in stderr
    assert "Stored by the earlier batches: 2 record(s), lines 2-3." in stderr
    assert "Not stored: 3 record(s), lines 4-6." in stderr
    assert sorted(_stored_profiles(grpc_tier.target)) == ["cust-1", "cust-2"]


def test_a_file_with_bad_lines_sends_nothing(grpc_tier: GrpcTier) -> None:
    path = grpc_tier.cwd / "rules.jsonl"
    path.write_text(
        '{"id": "r-1", "offeringId": "off-a", "channel": {"channels": ["web"]}}\n'
        '{"id": "r-2", "offeringId": "off-a"}\n'
        '{"id": "r-3", "offeringId": "off-a", "segment": {"partyTypes": ["ROBOT"]}}\n',
        encoding="utf-8",
    )
    code, _, stderr = _import(grpc_tier, "import-rules", path)
    assert code == 1
    assert f"{path}:2: no condition: exactly one of" in stderr
    (bad_enum,) = [line for line in stderr.splitlines() if line.startswith(f"  {path}:3: ")]
    assert "ROBOT" in bad_enum
    assert "nothing was sent" in stderr
    assert _stored_rules(grpc_tier.target) == []
