"""A text progress bar on stderr, redrawn in place on a terminal, one final line otherwise."""

from __future__ import annotations

import sys
from typing import TextIO


class ProgressBar:
    def __init__(
        self, total: int, label: str, *, stream: TextIO | None = None, width: int = 30
    ) -> None:
        self._total = max(total, 0)
        self._label = label
        self._stream = stream if stream is not None else sys.stderr
        self._width = width
        self._done = 0
        # Redrawing with \r only makes sense on a terminal; logs and pipes get the last line.
        self._interactive = self._stream.isatty()

    def update(self, done: int) -> None:
        self._done = min(done, self._total)
        if self._interactive:
            self._stream.write("\r" + self._render())
            self._stream.flush()

    def finish(self) -> None:
        prefix = "\r" if self._interactive else ""
        self._stream.write(prefix + self._render() + "\n")
        self._stream.flush()

    def _render(self) -> str:
        filled = self._width if self._total == 0 else self._width * self._done // self._total
        bar = "#" * filled + "." * (self._width - filled)
        return f"{self._label} [{bar}] {self._done}/{self._total}"
