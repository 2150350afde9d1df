"""Work that outlives the RPC that started it (import jobs): kept referenced so it is not
garbage-collected mid-flight, failures logged, and finished or cancelled on shutdown."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from typing import Any

logger = logging.getLogger(__name__)


class BackgroundTasks:
    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[Any]] = set()

    def spawn(self, work: Coroutine[Any, Any, Any], name: str) -> asyncio.Task[Any]:
        task = asyncio.create_task(work, name=name)
        self._tasks.add(task)
        task.add_done_callback(self._finished)
        return task

    def __len__(self) -> int:
        return len(self._tasks)

    async def close(self, grace: float | None) -> None:
        """Lets running tasks finish for `grace` seconds (None: no wait), then cancels the rest.
        A cancelled import job stays RUNNING in storage: nothing of it was committed."""
        pending = set(self._tasks)
        if pending and grace:
            _, pending = await asyncio.wait(pending, timeout=grace)
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)

    def _finished(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            # Domain problems end in the job's error log; this is anything else (database
            # down...), which would otherwise vanish as "exception was never retrieved".
            logger.error("background task %s failed", task.get_name(), exc_info=task.exception())
