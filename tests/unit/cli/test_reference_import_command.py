"""`ordercapture eligibility|feasibility import-*` inside the process: the local check, the
batched upserts (grpcio-testing plays the server, as in grpc_fakes) and what the user sees."""

from __future__ import annotations

import json
import socket
from pathlib import Path
from typing import Any

import grpc
import grpc_testing
import pytest
from google.protobuf import any_pb2, json_format
from google.protobuf.message import Message
from google.rpc import code_pb2, error_details_pb2, status_pb2

from cli.main import build_parser, main
from ordercapture.feasibility.v1 import feasibility_service_pb2 as feasibility
from ordercapture.qualification.v1 import eligibility_service_pb2 as eligibility
from tests.unit.cli.grpc_fakes import client_in_thread

ELIGIBILITY = eligibility.DESCRIPTOR.services_by_name["EligibilityService"]
FEASIBILITY = feasibility.DESCRIPTOR.services_by_name["FeasibilityService"]
NOUNS = {
    "UpsertCustomerProfiles": "customer profiles",
    "UpsertAddresses": "addresses",
    "UpsertAccessNodes": "access nodes",
    "UpsertCoverage": "coverage entries",
}


def _rule(n: int) -> dict[str, Any]:
    return {"id": f"r-{n}", "offeringId": f"off-{n}", "channel": {"channels": ["web"]}}


def _write(path: Path, *documents: object) -> Path:
    path.write_text(
        "".join((d if isinstance(d, str) else json.dumps(d)) + "\n" for d in documents),
        encoding="utf-8",
    )
    return path


@pytest.fixture
def channel(monkeypatch: pytest.MonkeyPatch) -> Any:
    """The command's channel, replaced by grpcio-testing's."""
    fake = grpc_testing.channel([ELIGIBILITY, FEASIBILITY], grpc_testing.strict_real_time())
    monkeypatch.setattr(grpc, "insecure_channel", lambda target: fake)
    return fake


def _take(channel: Any, service: Any, method: str) -> tuple[Any, Any]:
    """The next call of `method`: (request, rpc to terminate)."""
    _, request, rpc = channel.take_unary_unary(service.methods_by_name[method])
    return request, rpc


def _ok(rpc: Any, response: Message) -> None:
    rpc.terminate(response, (), grpc.StatusCode.OK, "")


def _refuse(rpc: Any, code: int, message: str, reason: str, *violations: tuple[str, str]) -> None:
    info, bad_request = any_pb2.Any(), any_pb2.Any()
    info.Pack(error_details_pb2.ErrorInfo(reason=reason, domain="ordercapture.qualification"))
    details = [info]
    if violations:
        bad_request.Pack(
            error_details_pb2.BadRequest(
                field_violations=[
                    error_details_pb2.BadRequest.FieldViolation(field=f, description=d)
                    for f, d in violations
                ]
            )
        )
        details.append(bad_request)
    status = status_pb2.Status(code=code, message=message, details=details)
    metadata = (("grpc-status-details-bin", status.SerializeToString()),)
    grpc_code = next(c for c in grpc.StatusCode if c.value[0] == code)
    rpc.terminate(None, metadata, grpc_code, message)


def test_rules_go_in_batches_with_progress_and_a_summary(
    tmp_path: Path, channel: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path / "rules.jsonl", _rule(1), "# comment", _rule(2), _rule(3))
    command = ["eligibility", "import-rules", str(path), "--batch-size", "2"]
    with client_in_thread(lambda: main(command)) as exit_code:
        first, rpc = _take(channel, ELIGIBILITY, "UpsertEligibilityRules")
        _ok(rpc, eligibility.UpsertEligibilityRulesResponse(rules=first.rules))
        second, rpc = _take(channel, ELIGIBILITY, "UpsertEligibilityRules")
        _ok(rpc, eligibility.UpsertEligibilityRulesResponse(rules=second.rules))
        assert exit_code.result(timeout=5) == 0

    assert [r.id for r in first.rules] == ["r-1", "r-2"]
    assert [r.id for r in second.rules] == ["r-3"]
    assert second.rules[0].channel.channels == ["web"]
    out, err = capsys.readouterr()
    assert f"Imported 3 eligibility rules from {path} in 2 batch(es)." in out
    assert "3/3" in err


@pytest.mark.parametrize(
    ("group", "command", "document", "service", "method", "response"),
    [
        (
            "eligibility",
            "import-profiles",
            {"partyId": "p-1", "segment": "smb"},
            ELIGIBILITY,
            "UpsertCustomerProfiles",
            lambda r: eligibility.UpsertCustomerProfilesResponse(profiles=r.profiles),
        ),
        (
            "feasibility",
            "import-addresses",
            {"id": "a-1", "street": "High Street", "number": "1", "postcode": "AB1 2CD"},
            FEASIBILITY,
            "UpsertAddresses",
            lambda r: feasibility.UpsertAddressesResponse(addresses=r.addresses),
        ),
        (
            "feasibility",
            "import-access-nodes",
            {"id": "olt-1", "totalPorts": 64, "freePorts": 3},
            FEASIBILITY,
            "UpsertAccessNodes",
            lambda r: feasibility.UpsertAccessNodesResponse(nodes=r.nodes),
        ),
        (
            "feasibility",
            "import-coverage",
            {"postcode": "AB1 2CD", "technology": "FTTH", "accessNodeId": "olt-1"},
            FEASIBILITY,
            "UpsertCoverage",
            lambda r: feasibility.UpsertCoverageResponse(stored=len(r.entries)),
        ),
    ],
)
def test_each_command_calls_its_upsert(
    tmp_path: Path,
    channel: Any,
    capsys: pytest.CaptureFixture[str],
    group: str,
    command: str,
    document: dict[str, Any],
    service: Any,
    method: str,
    response: Any,
) -> None:
    path = _write(tmp_path / "data.jsonl", document)
    with client_in_thread(lambda: main([group, command, str(path)])) as exit_code:
        request, rpc = _take(channel, service, method)
        _ok(rpc, response(request))
        assert exit_code.result(timeout=5) == 0
    (field,) = request.DESCRIPTOR.fields  # each upsert request carries one list
    (sent,) = getattr(request, field.name)
    assert sent == json_format.ParseDict(document, type(sent)())
    assert f"Imported 1 {NOUNS[method]} from {path} in 1 batch(es)." in capsys.readouterr().out


def test_a_refused_batch_names_its_lines_and_what_was_stored(
    tmp_path: Path, channel: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path / "rules.jsonl", *(_rule(n) for n in range(1, 6)))
    command = ["eligibility", "import-rules", str(path), "--batch-size", "2"]
    with client_in_thread(lambda: main(command)) as exit_code:
        first, rpc = _take(channel, ELIGIBILITY, "UpsertEligibilityRules")
        _ok(rpc, eligibility.UpsertEligibilityRulesResponse(rules=first.rules))
        _, rpc = _take(channel, ELIGIBILITY, "UpsertEligibilityRules")
        _refuse(
            rpc,
            code_pb2.INVALID_ARGUMENT,
            "2 rules are invalid",
            "ELIGIBILITY_RULE_INVALID",
            ("rules[1].offering_id", "unknown offering 'off-4'"),
            ("rules[7].channel", "index outside the batch"),
            ("", "and more"),
        )
        assert exit_code.result(timeout=5) == 1

    err = capsys.readouterr().err
    assert (
        f"the server refused batch 2 of 3 (lines 3-4 of {path}) "
        "(INVALID_ARGUMENT ELIGIBILITY_RULE_INVALID): 2 rules are invalid"
    ) in err
    assert f"  {path}:4: rules[1].offering_id: unknown offering 'off-4'" in err
    assert "  rules[7].channel: index outside the batch" in err
    assert "  and more" in err
    assert "Stored by the earlier batches: 2 record(s), lines 1-2." in err
    assert "Not stored: 3 record(s), lines 3-5." in err


def test_a_first_batch_refused_stores_nothing(
    tmp_path: Path, channel: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path / "profiles.jsonl", {"partyId": "p-1", "creditClass": "Z"})
    with client_in_thread(lambda: main(["eligibility", "import-profiles", str(path)])) as code:
        _, rpc = _take(channel, ELIGIBILITY, "UpsertCustomerProfiles")
        _refuse(rpc, code_pb2.FAILED_PRECONDITION, "bad credit class", "CREDIT_CLASS_UNKNOWN")
        assert code.result(timeout=5) == 1
    err = capsys.readouterr().err
    assert "FAILED_PRECONDITION CREDIT_CLASS_UNKNOWN" in err
    assert f"(line 1 of {path})" in err
    assert "Nothing was imported." in err


def test_a_server_without_the_service_says_so(
    tmp_path: Path, channel: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path / "nodes.jsonl", {"id": "olt-1"})
    with client_in_thread(lambda: main(["feasibility", "import-access-nodes", str(path)])) as code:
        _, rpc = _take(channel, FEASIBILITY, "UpsertAccessNodes")
        rpc.terminate(None, (), grpc.StatusCode.UNIMPLEMENTED, "Method not found!")
        assert code.result(timeout=5) == 1
    assert "does not offer FeasibilityService.UpsertAccessNodes" in capsys.readouterr().err


def test_a_batch_past_its_deadline_may_have_been_stored(
    tmp_path: Path, channel: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path / "rules.jsonl", _rule(1), _rule(2))
    command = ["eligibility", "import-rules", str(path), "--batch-size", "1", "--timeout", "3"]
    with client_in_thread(lambda: main(command)) as code:
        first, rpc = _take(channel, ELIGIBILITY, "UpsertEligibilityRules")
        _ok(rpc, eligibility.UpsertEligibilityRulesResponse(rules=first.rules))
        _, rpc = _take(channel, ELIGIBILITY, "UpsertEligibilityRules")
        rpc.terminate(None, (), grpc.StatusCode.DEADLINE_EXCEEDED, "Deadline Exceeded")
        assert code.result(timeout=5) == 1
    err = capsys.readouterr().err
    assert f"batch 2 of 2 (line 2 of {path}) took longer than 3 s and may or may not" in err
    assert "Stored by the earlier batches: 1 record(s), line 1." in err
    assert "Not stored (batch 2 perhaps): 1 record(s), line 2." in err


def test_a_bad_file_is_reported_line_by_line_and_never_sent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def no_channel(target: str) -> None:
        raise AssertionError("a bad file must not open a channel")

    monkeypatch.setattr(grpc, "insecure_channel", no_channel)
    bad = _write(
        tmp_path / "coverage.jsonl",
        {"postcode": "AB1", "technology": "FTTH"},
        '{"postcode": "AB2", "technology": ',
        {"postcode": "AB3", "technology": "FTTH", "maxDownloadMbps": "fast"},
        {"technology": "VDSL"},
    )
    assert main(["feasibility", "import-coverage", str(bad)]) == 1
    err = capsys.readouterr().err
    assert f"error: {bad} is not a valid file of coverage entries, nothing was sent:" in err
    reported = [line for line in err.splitlines() if line.startswith("  ")]
    assert [line.split(": ", 1)[0] for line in reported] == [
        f"  {bad}:2",
        f"  {bad}:3",
        f"  {bad}:4",
    ]
    assert "invalid JSON" in reported[0]
    assert "maxDownloadMbps" in reported[1] or "max_download_mbps" in reported[1]
    assert "no scope" in reported[2]


def test_a_missing_file_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eligibility", "import-rules", str(tmp_path / "absent.jsonl")]) == 1
    assert "cannot read" in capsys.readouterr().err


def test_an_unreachable_server_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        target = f"127.0.0.1:{s.getsockname()[1]}"
    path = _write(tmp_path / "rules.jsonl", _rule(1))
    command = ["eligibility", "import-rules", str(path), "--grpc-target", target]
    assert main(command) == 2
    err = capsys.readouterr().err
    assert f"cannot reach the gRPC tier at {target}" in err
    assert "Nothing was imported." in err


@pytest.mark.parametrize(
    "command",
    [
        ["eligibility", "import-rules"],
        ["eligibility", "import-profiles"],
        ["feasibility", "import-addresses"],
        ["feasibility", "import-coverage"],
        ["feasibility", "import-access-nodes"],
    ],
)
def test_help_documents_the_flags(capsys: pytest.CaptureFixture[str], command: list[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        build_parser().parse_args([*command, "--help"])
    assert exited.value.code == 0
    text = " ".join(capsys.readouterr().out.split())  # argparse wraps the description
    for flag in ("FILE", "--grpc-target", "--batch-size", "--timeout", "Exit codes"):
        assert flag in text, text
