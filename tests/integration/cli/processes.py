"""Running `ordercapture` commands as a user would: separate processes, addresses read from what
they print, stopped by PID. Shared by the CLI integration tests and the benchmark."""

from __future__ import annotations

import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[3]
DEMO_CATALOG = REPO_ROOT / "servers" / "catalog" / "demo_catalog.jsonl"
GRPC_LINE = re.compile(r"gRPC server listening on (?P<target>127\.0\.0\.1:(?P<port>\d+))")
REST_LINE = re.compile(r"REST API \(TMF620 v5\): (?P<url>http://127\.0\.0\.1:(?P<port>\d+)\S*)")


def ordercapture_command() -> list[str]:
    """The installed console script next to this interpreter, else the module."""
    script = Path(sys.executable).with_name("ordercapture")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "cli.main"]


def environment(database_url: str, **extra: str) -> dict[str, str]:
    """The caller's environment with the product's variables replaced."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ORDERCAPTURE_")}
    env["ORDERCAPTURE_DATABASE_URL"] = database_url
    env["PYTHONUNBUFFERED"] = "1"
    env.update(extra)
    return env


def run_command(
    args: Sequence[str], env: Mapping[str, str], cwd: Path, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*ordercapture_command(), *args],
        env=dict(env),
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


class ServerProcess:
    """A long-running `ordercapture serve*` process; stdout is read line by line in a thread,
    stderr goes to a file (a pipe nobody reads would block the server once full)."""

    def __init__(self, args: Sequence[str], env: Mapping[str, str], cwd: Path) -> None:
        self.stderr_path = cwd / f"server-{time.monotonic_ns()}.stderr"
        self._stderr = self.stderr_path.open("w", encoding="utf-8")
        self.process = subprocess.Popen(
            [*ordercapture_command(), *args],
            env=dict(env),
            cwd=cwd,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            text=True,
        )
        self.stdout_lines: list[str] = []
        self._lines: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._read_stdout, daemon=True).start()

    @property
    def pid(self) -> int:
        return self.process.pid

    def _read_stdout(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self._lines.put(line.rstrip("\n"))
        self._lines.put(None)

    def wait_for_line(self, pattern: re.Pattern[str], timeout: float = 60) -> re.Match[str]:
        """The first stdout line matching `pattern`; fails with the output if none comes."""
        deadline = time.monotonic() + timeout
        while (remaining := deadline - time.monotonic()) > 0:
            try:
                line = self._lines.get(timeout=remaining)
            except queue.Empty:
                break
            if line is None:
                raise RuntimeError(f"the server exited ({self.process.wait()})\n{self.output()}")
            self.stdout_lines.append(line)
            if match := pattern.search(line):
                return match
        raise TimeoutError(f"no line matching {pattern.pattern!r} in {timeout} s\n{self.output()}")

    def output(self) -> str:
        self._stderr.flush()
        stderr = self.stderr_path.read_text(encoding="utf-8", errors="replace")
        return "stdout:\n" + "\n".join(self.stdout_lines) + "\nstderr:\n" + stderr[-5000:]

    def stop(self, sig: signal.Signals = signal.SIGTERM, timeout: float = 20) -> int:
        """Sends `sig` to this process (by PID) and waits; kills it if it does not exit."""
        if self.process.poll() is None:
            self.process.send_signal(sig)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._stderr.close()
        return self.process.returncode
