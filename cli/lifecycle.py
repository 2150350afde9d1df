"""Running a server command: one event loop, stopped cleanly by SIGINT or SIGTERM."""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Callable, Coroutine
from typing import Any

from uvicorn.loops.auto import auto_loop_factory

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


def run(main: Callable[[], Coroutine[Any, Any, int]]) -> int:
    """Runs `main` on uvloop when installed (as uvicorn would); both tiers share that loop."""
    with asyncio.Runner(loop_factory=auto_loop_factory()) as runner:
        return runner.run(main())


def stop_requested() -> asyncio.Event:
    """An event set by the first SIGINT/SIGTERM; a second one gets the default behaviour back,
    so a stuck shutdown can still be interrupted."""
    loop = asyncio.get_running_loop()
    event = asyncio.Event()

    def on_signal() -> None:
        event.set()
        for sig in STOP_SIGNALS:
            loop.remove_signal_handler(sig)

    for sig in STOP_SIGNALS:
        loop.add_signal_handler(sig, on_signal)
    return event


async def until_stop(stop: asyncio.Event, *serving: asyncio.Task[Any]) -> None:
    """Returns on a stop signal, or when a serving task ends by itself (a crash). Never cancels
    the serving tasks: the caller stops them gracefully, which also re-raises a crash."""
    waiter = asyncio.create_task(stop.wait())
    try:
        await asyncio.wait([waiter, *serving], return_when=asyncio.FIRST_COMPLETED)
    finally:
        waiter.cancel()
