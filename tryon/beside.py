"""A helper thread for the render's stages that do not need each other's results.

The render runs on one core while the other waits, but some of its stages read nothing another
writes: the garment's sleeves are warped apart from its body, and the garment's layer at the input
resolution needs nothing the repaints round it make. Such a stage is handed to this thread
(`beside`) and its result taken where it is needed; OpenCV and numpy free the GIL while they work,
so the two run at once, and what is drawn is the same as one after the other.

Two workers: a stage handed on while an earlier one still runs (the old collar's skin colour while
the garment's layer is made) starts at once instead of queueing behind it, and the render no longer
waits for both in turn.
"""

from __future__ import annotations

import os
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Callable, TypeVar

T = TypeVar("T")
# at most this many stages run beside the render at once: the render hands on at most two at a time
# (the garment's layer and the old collar's colour), and more threads than that only contend for the cores
WORKERS = 2


def _new_helper() -> ThreadPoolExecutor:
    # each stage handed to it is waited for by the render that handed it, and hands none on: no stage
    # waits for another, so two cannot block each other
    return ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="tryon-beside")


_HELPER = _new_helper()


def _after_fork() -> None:
    """A forked process (a server's worker) has no copy of the parent's thread: it starts its own."""
    global _HELPER
    _HELPER = _new_helper()


os.register_at_fork(after_in_child=_after_fork)


def beside(job: Callable[[], T]) -> Future[T]:
    """`job` run on the helper thread; its result (or its error) from the future's `result()`."""
    return _HELPER.submit(job)
