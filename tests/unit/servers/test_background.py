"""Background work (import jobs) is kept referenced, finishes within the grace period or is
cancelled on close, and its unexpected failures are logged rather than lost."""

from __future__ import annotations

import asyncio
import logging

import pytest

from servers.background import BackgroundTasks


async def test_finished_tasks_are_forgotten() -> None:
    tasks = BackgroundTasks()
    task = tasks.spawn(asyncio.sleep(0), name="quick")
    assert len(tasks) == 1
    await task
    await asyncio.sleep(0)  # done callbacks run on the next loop iteration
    assert len(tasks) == 0


async def test_close_lets_work_finish_within_the_grace_period() -> None:
    tasks = BackgroundTasks()
    done = asyncio.Event()

    async def work() -> None:
        await asyncio.sleep(0.01)
        done.set()

    tasks.spawn(work(), name="short")
    await tasks.close(grace=5)
    assert done.is_set()


async def test_close_cancels_what_outlives_the_grace_period() -> None:
    tasks = BackgroundTasks()
    task = tasks.spawn(asyncio.sleep(60), name="long")
    await tasks.close(grace=0.01)
    assert task.cancelled()


async def test_close_without_grace_cancels_at_once() -> None:
    tasks = BackgroundTasks()
    task = tasks.spawn(asyncio.sleep(60), name="long")
    await tasks.close(grace=None)
    assert task.cancelled()


async def test_a_failure_is_logged_with_the_task_name(caplog: pytest.LogCaptureFixture) -> None:
    async def broken() -> None:
        raise RuntimeError("database is down")

    tasks = BackgroundTasks()
    with caplog.at_level(logging.ERROR, logger="servers.background"):
        task = tasks.spawn(broken(), name="import-job-42")
        with pytest.raises(RuntimeError):
            await task
        await asyncio.sleep(0)
    assert "import-job-42" in caplog.text
    assert "database is down" in caplog.text
