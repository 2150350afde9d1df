"""Cutting reference files into upsert requests, and naming line ranges."""

from __future__ import annotations

import pytest

from cli.reference_batches import batches, line_ranges
from cli.reference_data import COVERAGE, Record
from ordercapture.feasibility.v1 import network_pb2


def _nodes(*lines: int) -> list[Record[network_pb2.AccessNode]]:
    return [Record(n, network_pb2.AccessNode(id=f"n-{n}")) for n in lines]


def _coverage(*scopes: tuple[int, str]) -> list[Record[network_pb2.CoverageEntry]]:
    return [
        Record(line, network_pb2.CoverageEntry(postcode=postcode, technology="FTTH"))
        for line, postcode in scopes
    ]


def test_batches_keep_file_order_and_size() -> None:
    cut = batches(_nodes(1, 2, 4, 5, 6), 2)
    assert [b.lines for b in cut] == [[1, 2], [4, 5], [6]]
    assert [m.id for m in cut[1].messages] == ["n-4", "n-5"]
    assert cut[1].line_of(1) == 5
    assert cut[1].line_of(2) is None


def test_no_records_no_batch() -> None:
    assert batches([], 500) == []


def test_size_must_be_positive() -> None:
    with pytest.raises(ValueError, match="size"):
        batches(_nodes(1), 0)


def test_entries_of_one_scope_never_straddle_two_requests() -> None:
    records = _coverage((1, "A1"), (2, "A1"), (3, "B2"), (4, "B 2"), (5, "c3"), (6, "A1"))
    cut = batches(records, 3, COVERAGE.group)
    # A1 (lines 1, 2, 6) travels together although line 6 comes last; B2 follows alone
    # because it would overfill the first request.
    assert [b.lines for b in cut] == [[1, 2, 6], [3, 4, 5]]


def test_a_group_larger_than_the_size_is_one_request() -> None:
    records = _coverage((1, "A1"), (2, "A1"), (3, "A1"), (4, "B2"))
    assert [b.lines for b in batches(records, 2, COVERAGE.group)] == [[1, 2, 3], [4]]


def test_line_ranges() -> None:
    assert line_ranges([]) == ""
    assert line_ranges([7]) == "7"
    assert line_ranges([5, 3, 4, 9, 10, 12]) == "3-5, 9-10, 12"


def test_line_ranges_run_over_skipped_lines_when_the_record_lines_are_known() -> None:
    records = [1, 2, 4, 5, 8, 9]  # 3, 6 and 7 are blank or comments
    assert line_ranges([1, 2, 4, 5], records) == "1-5"
    assert line_ranges([1, 5, 8], records) == "1, 5-8"
