from __future__ import annotations

import io

from cli.progress import ProgressBar


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_redraws_in_place_on_a_terminal() -> None:
    out = _Terminal()
    bar = ProgressBar(4, "Importing", stream=out, width=4)
    bar.update(2)
    bar.finish()
    assert out.getvalue() == "\rImporting [##..] 2/4\rImporting [##..] 2/4\n"


def test_writes_only_the_last_state_to_a_pipe() -> None:
    out = io.StringIO()
    bar = ProgressBar(3, "Importing", stream=out, width=3)
    for done in (1, 2, 3):
        bar.update(done)
    bar.finish()
    assert out.getvalue() == "Importing [###] 3/3\n"


def test_an_empty_file_shows_a_full_bar() -> None:
    out = io.StringIO()
    ProgressBar(0, "Importing", stream=out, width=2).finish()
    assert out.getvalue() == "Importing [##] 0/0\n"
