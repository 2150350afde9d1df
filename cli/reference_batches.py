"""Cutting a reference file into upsert requests. Each request is applied all or nothing by
the server; the file as a whole is not (a request has a size limit, a file has none)."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Generic

from cli.reference_data import M, Record

DEFAULT_BATCH_SIZE = 500


@dataclass(frozen=True)
class Batch(Generic[M]):
    """The records of one request, in file order."""

    records: tuple[Record[M], ...]

    @property
    def lines(self) -> list[int]:
        return [r.line for r in self.records]

    @property
    def messages(self) -> list[M]:
        return [r.message for r in self.records]

    def line_of(self, index: int) -> int | None:
        """The file line of the request's `index`-th message."""
        return self.records[index].line if 0 <= index < len(self.records) else None


def batches(
    records: Sequence[Record[M]],
    size: int,
    group: Callable[[M], Hashable | None] = lambda _: None,
) -> list[Batch[M]]:
    """Requests of at most `size` records, in file order. Records of one group (non-None
    key) all go into the request of the group's first record, even when that makes it larger
    than `size`: the server replaces a group as a whole."""
    if size < 1:
        raise ValueError("size must be at least 1")
    units: dict[Hashable, list[Record[M]]] = {}
    for position, record in enumerate(records):
        key = group(record.message)
        units.setdefault(("line", position) if key is None else ("group", key), []).append(record)
    result: list[Batch[M]] = []
    current: list[Record[M]] = []
    for unit in units.values():  # dicts keep the order of first appearance
        if current and len(current) + len(unit) > size:
            result.append(Batch(tuple(current)))
            current = []
        current.extend(unit)
    if current:
        result.append(Batch(tuple(current)))
    return result


def line_ranges(lines: Sequence[int], record_lines: Sequence[int] = ()) -> str:
    """'3-5, 9' for [3, 4, 5, 9]. With `record_lines` (the lines of every record of the file)
    a range runs over records, so the blank and comment lines between them do not split it."""
    index = {line: i for i, line in enumerate(sorted(record_lines))}
    runs: list[list[int]] = []  # [first, last] of each range
    for line in sorted(set(lines)):
        if runs and _step(index, runs[-1][1], line):
            runs[-1][1] = line
        else:
            runs.append([line, line])
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in runs)


def _step(index: dict[int, int], previous: int, line: int) -> bool:
    if previous in index and line in index:
        return index[line] == index[previous] + 1
    return line == previous + 1
